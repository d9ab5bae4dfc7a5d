//! Where the next page is, from the page just received.

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::Pagination;

/// The position of the next page.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Send the pattern's query parameter with this value.
    Query(String),
    /// Send the request to this URL reference (from a `Link` header).
    Link(String),
    /// There is no next page.
    End,
}

/// The number of items in a page (0 when its items are missing or not an array).
pub(crate) fn item_count(pattern: &Pagination, body: &Value) -> usize {
    body.pointer(pattern.items()).and_then(Value::as_array).map_or(0, Vec::len)
}

/// The next page after one whose request had the query `sent` and whose response had these
/// headers and this body; `received` counts the items of every page so far, this one included.
pub(crate) fn next(pattern: &Pagination, sent: &[(String, String)], headers: &HeaderMap, body: &Value, received: u64) -> Next {
    let sent_number = |param: &str| sent.iter().rev().find(|(n, _)| n == param).and_then(|(_, v)| v.parse::<u64>().ok());
    match *pattern {
        Pagination::Cursor { next, .. } => text(body.pointer(next)).map_or(Next::End, Next::Query),
        Pagination::StartingAfter { has_more, id, items, .. } => {
            if body.pointer(has_more).and_then(Value::as_bool) != Some(true) {
                return Next::End;
            }
            let last = body.pointer(items).and_then(Value::as_array).and_then(|a| a.last());
            text(last.and_then(|item| item.pointer(id))).map_or(Next::End, Next::Query)
        }
        Pagination::Page { param, total_pages, total, .. } => {
            let page = sent_number(param).unwrap_or(1);
            let last = number(body, total_pages).is_some_and(|pages| page >= pages)
                || number(body, total).is_some_and(|total| received >= total);
            if last {
                Next::End
            } else {
                Next::Query((page + 1).to_string())
            }
        }
        Pagination::Offset { param, total, .. } => {
            let offset = sent_number(param).unwrap_or(0) + item_count(pattern, body) as u64;
            match number(body, total) {
                Some(total) if offset >= total => Next::End,
                _ => Next::Query(offset.to_string()),
            }
        }
        Pagination::LinkHeader { .. } => super::link::next_link(headers).map_or(Next::End, Next::Link),
    }
}

/// A cursor or id as text: a non-empty string, or a number.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The count at `pointer`, when there is one.
fn number(body: &Value, pointer: Option<&str>) -> Option<u64> {
    let v = body.pointer(pointer?)?;
    v.as_u64().or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sent(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn cursor() {
        let p = Pagination::Cursor { param: "cursor", next: "/paging/next/after", items: "/data" };
        let h = HeaderMap::new();
        assert_eq!(next(&p, &[], &h, &json!({"paging": {"next": {"after": "c2"}}}), 0), Next::Query("c2".into()));
        assert_eq!(next(&p, &[], &h, &json!({"paging": {"next": {"after": 7}}}), 0), Next::Query("7".into()));
        assert_eq!(next(&p, &[], &h, &json!({"paging": {"next": {"after": ""}}}), 0), Next::End);
        assert_eq!(next(&p, &[], &h, &json!({"paging": {"next": null}}), 0), Next::End);
    }

    #[test]
    fn starting_after() {
        let p = Pagination::StartingAfter { param: "starting_after", has_more: "/has_more", id: "/id", items: "/data" };
        let h = HeaderMap::new();
        let body = json!({"has_more": true, "data": [{"id": "a"}, {"id": "b"}]});
        assert_eq!(next(&p, &[], &h, &body, 0), Next::Query("b".into()));
        assert_eq!(next(&p, &[], &h, &json!({"has_more": false, "data": [{"id": "a"}]}), 0), Next::End);
        assert_eq!(next(&p, &[], &h, &json!({"has_more": true, "data": []}), 0), Next::End);
    }

    #[test]
    fn page_and_offset() {
        let p = Pagination::Page { param: "page", total_pages: Some("/result_info/total_pages"), total: None, items: "/result" };
        let h = HeaderMap::new();
        let body = json!({"result": [1], "result_info": {"total_pages": 3}});
        assert_eq!(next(&p, &[], &h, &body, 0), Next::Query("2".into()));
        assert_eq!(next(&p, &sent(&[("page", "2")]), &h, &body, 0), Next::Query("3".into()));
        assert_eq!(next(&p, &sent(&[("page", "3")]), &h, &body, 0), Next::End);
        let unknown = Pagination::Page { param: "page", total_pages: None, total: None, items: "/result" };
        assert_eq!(next(&unknown, &sent(&[("page", "9")]), &h, &body, 0), Next::Query("10".into()));
        let counted = Pagination::Page { param: "page", total_pages: None, total: Some("/result_info/total_count"), items: "/result" };
        let body = json!({"result": [1, 2], "result_info": {"total_count": 5}});
        assert_eq!(next(&counted, &sent(&[("page", "2")]), &h, &body, 4), Next::Query("3".into()));
        assert_eq!(next(&counted, &sent(&[("page", "3")]), &h, &body, 5), Next::End);

        let p = Pagination::Offset { param: "offset", total: Some("/total"), items: "/items" };
        let body = json!({"items": [1, 2], "total": 5});
        assert_eq!(next(&p, &[], &h, &body, 0), Next::Query("2".into()));
        assert_eq!(next(&p, &sent(&[("offset", "2")]), &h, &body, 0), Next::Query("4".into()));
        assert_eq!(next(&p, &sent(&[("offset", "4")]), &h, &body, 0), Next::End);
        assert_eq!(item_count(&p, &json!({"items": null})), 0);
    }
}
