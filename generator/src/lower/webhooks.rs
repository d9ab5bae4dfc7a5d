//! Webhooks: requests the API sends to its users. OpenAPI 3.1's `webhooks` (kept as
//! `x-webhooks` by the load step, see `load::v31`) and Redoc's `x-webhooks` in 3.0 documents
//! are path items keyed by name; the payload of each becomes a type of the models crate, named
//! `<Name>Webhook` when the schema is inline.

use super::schema::Types;
use crate::diag::escape_segment;
use crate::ir::{HttpMethod, Webhook};
use crate::names::camel;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};

/// Lowers every webhook's payload; a webhook that does not read as a path item gets a warning.
pub fn lower(types: &mut Types<'_>, doc: &OpenAPI) -> Vec<Webhook> {
    let Some(serde_json::Value::Object(hooks)) = doc.extensions.get("x-webhooks") else { return Vec::new() };
    let mut out = Vec::new();
    // Vendors put their own `x-` keys among the webhooks (`x-speakeasy-ignore: true`).
    for (name, item) in hooks.iter().filter(|(name, _)| !name.starts_with("x-")) {
        let at = format!("#/x-webhooks/{}", escape_segment(name));
        let item = match serde_json::from_value::<ReferenceOr<PathItem>>(item.clone()) {
            Ok(ReferenceOr::Item(item)) => item,
            Ok(ReferenceOr::Reference { reference }) => {
                types.diags.warn(at, format!("webhook path item reference `{reference}` could not be followed; the webhook is left out"));
                continue;
            }
            Err(e) => {
                types.diags.warn(at, format!("this webhook is not a path item ({e}); it is left out"));
                continue;
            }
        };
        for (key, op) in item.iter() {
            let Some(method) = HttpMethod::of_key(key) else { continue };
            let here = format!("{at}/{key}");
            let body = op.request_body.as_ref().and_then(|b| crate::pointer::resolve(doc, b).ok().cloned());
            let media = body.as_ref().and_then(|b| super::operation::pick_media(&b.content));
            let (payload, content_type) = match media {
                Some((ct, m)) => {
                    let ty = m.schema.as_ref().map(|s| {
                        let ptr = format!("{here}/requestBody/content/{}/schema", escape_segment(ct));
                        types.ty_of(s, &format!("{}Webhook", camel(name)), &ptr)
                    });
                    (ty, Some(ct.clone()))
                }
                None => (None, None),
            };
            out.push(Webhook {
                name: name.clone(),
                method,
                doc: op.summary.clone().filter(|s| s != name).or_else(|| op.description.clone()),
                payload,
                content_type,
            });
        }
    }
    out
}
