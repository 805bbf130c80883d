//! Browse: the query a shopper builds (and shares in the URL), and running it over the
//! catalog fast enough for 10,000 products.

mod index;
mod query;
mod query_string;
mod suggest;

pub use index::{SearchIndex, SearchPage, PAGE_SIZE};
pub use query::{Query, SortOrder, MAX_QUERY_TEXT_CHARS};
pub use suggest::{Suggestion, SuggestionKind, SUGGESTION_LIMIT};
