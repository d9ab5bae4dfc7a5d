//! Pagination: a [`Pagination`] says, as data, how an operation's next page is found; [`Pages`]
//! and [`Items`] walk the pages of a [`Call`](crate::Call), sending each with the call's
//! per-request options.

mod link;
mod next;
mod stream;

pub use stream::{Items, Pages};

/// How the next page of a list operation is requested, emitted as data per operation.
///
/// Every pointer is a JSON pointer into the raw response body (before any envelope is
/// unwrapped): `"/result_info/total_pages"`; `""` is the whole body. `items` points at the
/// page's array of items (`""` for a body that is an array).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Pagination {
    /// The body holds the next page's cursor (`next_cursor`, `next_page_token`,
    /// `paging.next.after`), sent back in the query parameter `param`; a missing, `null` or
    /// empty cursor ends the pages.
    Cursor {
        /// Query parameter carrying the cursor.
        param: &'static str,
        /// Pointer to the next cursor.
        next: &'static str,
        /// Pointer to the items.
        items: &'static str,
    },
    /// While the boolean at `has_more` is `true`, the next page starts after the last item's id
    /// (`?starting_after=<id>`).
    StartingAfter {
        /// Query parameter carrying the last id.
        param: &'static str,
        /// Pointer to the boolean.
        has_more: &'static str,
        /// Pointer to the id inside an item (`"/id"`).
        id: &'static str,
        /// Pointer to the items.
        items: &'static str,
    },
    /// Page numbers from 1 (or the page the call asks for) in the query parameter `param`,
    /// until the page number reaches the number at `total_pages`, or the items received reach
    /// the number at `total` (each when the body has it; without both, the pages end with an empty
    /// one).
    Page {
        /// Query parameter carrying the page number.
        param: &'static str,
        /// Pointer to the number of pages, when the body has it.
        total_pages: Option<&'static str>,
        /// Pointer to the total number of items, when the body has it.
        total: Option<&'static str>,
        /// Pointer to the items.
        items: &'static str,
    },
    /// An offset in the query parameter `param`, from 0 (or the call's), advanced by the number
    /// of items each page holds, until it reaches the number at `total` (when the body has it).
    Offset {
        /// Query parameter carrying the offset.
        param: &'static str,
        /// Pointer to the total number of items, when the body has it.
        total: Option<&'static str>,
        /// Pointer to the items.
        items: &'static str,
    },
    /// The response's `Link: <url>; rel="next"` header is the next page's URL (on the client's
    /// own host).
    LinkHeader {
        /// Pointer to the items.
        items: &'static str,
    },
}

impl Pagination {
    /// The pointer to a page's items.
    pub fn items(&self) -> &'static str {
        match *self {
            Pagination::Cursor { items, .. }
            | Pagination::StartingAfter { items, .. }
            | Pagination::Page { items, .. }
            | Pagination::Offset { items, .. }
            | Pagination::LinkHeader { items } => items,
        }
    }

    /// The query parameter that carries the position, if any.
    pub fn param(&self) -> Option<&'static str> {
        match *self {
            Pagination::Cursor { param, .. }
            | Pagination::StartingAfter { param, .. }
            | Pagination::Page { param, .. }
            | Pagination::Offset { param, .. } => Some(param),
            Pagination::LinkHeader { .. } => None,
        }
    }
}

/// Gives a generated request builder struct (a field `call: Call<Page, ErrorDetails>`) the
/// methods `pages()` and `items()`, walking the pages as its associated const
/// `PAGINATION: Pagination` says: `paginated!(ListThings => Page, Item, ErrorDetails);`
///
/// # Example
///
/// ```
/// use api_runtime::{paginated, Call, Core, TryStreamExt, codegen::{ErrorSpec, Operation}};
///
/// #[derive(Debug, serde::Deserialize)]
/// pub struct Thing {
///     pub id: String,
/// }
///
/// #[derive(Debug, serde::Deserialize)]
/// pub struct ThingList {
///     pub data: Vec<Thing>,
///     pub next_cursor: Option<String>,
/// }
///
/// pub struct ListThings {
///     call: Call<ThingList, serde_json::Value>,
/// }
///
/// impl ListThings {
///     const PAGINATION: api_runtime::codegen::Pagination =
///         api_runtime::codegen::Pagination::Cursor { param: "cursor", next: "/next_cursor", items: "/data" };
/// }
///
/// paginated!(ListThings => ThingList, Thing, serde_json::Value);
///
/// static LIST_THINGS: Operation = Operation::get("things.list", "listThings", "/things");
///
/// async fn every_id(core: &Core) -> Result<Vec<String>, api_runtime::Error<serde_json::Value>> {
///     let call = core.call(&LIST_THINGS, "/things".into(), api_runtime::codegen::decode::json, ErrorSpec::json());
///     let things: Vec<Thing> = ListThings { call }.items().max_pages(10).try_collect().await?;
///     Ok(things.into_iter().map(|t| t.id).collect())
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! paginated {
    ($ty:ty => $page:ty, $item:ty, $error:ty $(,)?) => {
        impl $ty {
            /// Every page of this request, as a `Stream` (read it with `StreamExt::next` or
            /// `TryStreamExt::try_next`). Each page is this request sent again with the next
            /// page's position and all its per-request options; the pages end when there is no
            /// next page, after an empty page, when the server repeats a position, or after
            /// `.max_pages(n)`.
            pub fn pages(self) -> $crate::Pages<$page, $error> {
                self.call.pages(&Self::PAGINATION)
            }

            /// Every item of every page of this request, in order, as a `Stream`; see
            /// [`pages`](Self::pages) for when it ends.
            pub fn items(self) -> $crate::Items<$item, $error> {
                self.call.items(&Self::PAGINATION)
            }
        }
    };
}
