//! The large aggregates (the orders, the payment plans, the inbox) are stored in pages, so
//! that a change writes the few records it touched rather than a whole long history.
//!
//! Under the aggregate's key is its head: an envelope like any stored value, whose data is
//! `{"head": <everything but the records>, "pages": {"<page>": "<page name>"}, "written":
//! "<the write>"}`. Each page is stored under `bnpl.<aggregate>/<page name>`, an envelope of
//! the JSON array of its records, always compressed.
//!
//! Stored in pages, a long history takes about a sixth more room than stored whole (each page
//! is compressed on its own), and a write that changes every page (the first after an
//! upgrade, "mark all read", a year of clock) needs room for the old pages and the new until
//! the old are swept.
//!
//! A page is never written over: a changed page goes to a fresh key, named for the page, the
//! revision, the tab and the write, and the head, written last in one step, is what makes the
//! new pages the value. So a head only ever names the pages it was written with, in whatever
//! order two tabs' writes land, and a write cut short leaves only pages no head names. Such
//! pages, and those a newer head no longer names, are removed by a
//! `storage::page_sweeper::PageSweeper` once it has seen nothing name them for a while.
//!
//! A page's name ends with a fingerprint of its JSON. Like any stored value, a page is read
//! only if its records write back to the same JSON, or something in it would be dropped
//! silently; but a page whose JSON matches its name's fingerprint is the very text this version
//! wrote, which reads back to itself, and is not written again to check it. Skipping it
//! takes about a quarter off reading a long history.
//!
//! A value stored whole (every value before pages existed, and what [`super::save`] writes)
//! is still read; the next write of the tab stores it in pages.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::envelope::{
    decode, decode_data, encode_json, encode_packed, open, open_page, serializes_to, Aggregate,
    DecodeError, Opened, PageText, PagedJson, RecordId, Stored,
};
use super::json_tree::{from_tree, to_tree, writes_back_to};
use super::keys::page_key;
use super::store::{KeyValueStore, Write};

/// An aggregate that is stored in pages: what its head holds, and its records page by page.
pub trait Paged: Sized {
    /// Everything but the records.
    type Head: Serialize + DeserializeOwned;
    /// One record as a page stores it.
    type Record: Serialize + DeserializeOwned;

    /// The head, and every record with the page it belongs to, in the value's own order: a
    /// record keeps its page for as long as it exists, so a change rewrites only its page.
    fn parts(&self) -> (Self::Head, Vec<(u64, Self::Record)>);

    /// The record as the value holds it (see [`RecordId`]).
    fn id(record: &Self::Record) -> RecordId;

    /// The value from its head and its records, read page after page. `Err` when they
    /// cannot be one value (a record stored twice).
    fn from_parts(head: Self::Head, records: Vec<Self::Record>) -> Result<Self, String>;
}

/// The page of a record kept by order id ("BM-000123"): orders placed together share a page,
/// and an order's later changes rewrite only that one.
pub fn page_of_order(order_id: &str, per_page: u64) -> u64 {
    let digits: String = order_id
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits
        .parse::<u64>()
        .map_or(u64::MAX, |number| number / per_page)
}

/// [`Aggregate::to_pages`] for a [`Paged`] aggregate: the pages `unchanged` does not vouch
/// for are serialized.
pub fn to_json<P: Paged>(value: &P, unchanged: &dyn Fn(u64, &[RecordId]) -> bool) -> PagedJson {
    let (head, records) = value.parts();
    let mut by_page: BTreeMap<u64, Vec<P::Record>> = BTreeMap::new();
    for (page, record) in records {
        by_page.entry(page).or_default().push(record);
    }
    PagedJson {
        head: serde_json::to_string(&head).expect("aggregates serialize to JSON"),
        pages: by_page
            .into_iter()
            .map(|(page, records)| {
                let ids: Vec<RecordId> = records.iter().map(P::id).collect();
                let json = (!unchanged(page, &ids)).then(|| {
                    serde_json::to_string(&records).expect("aggregates serialize to JSON")
                });
                (page, (ids, json))
            })
            .collect(),
    }
}

/// [`Aggregate::from_pages`] for a [`Paged`] aggregate. As for a value stored whole, what is
/// read must write back to the same JSON, or something in it would be dropped silently.
pub fn from_json<P: Paged>(
    head: &Value,
    pages: &[PageText],
) -> Result<(P, Vec<Vec<RecordId>>), DecodeError> {
    let head: P::Head = round_trip_tree(head)?;
    let mut records = Vec::new();
    let mut ids = Vec::with_capacity(pages.len());
    for page in pages {
        let page = read_page::<P::Record>(page)?;
        ids.push(page.iter().map(P::id).collect());
        records.extend(page);
    }
    let value = P::from_parts(head, records).map_err(DecodeError::WrongShape)?;
    Ok((value, ids))
}

fn read_page<R: Serialize + DeserializeOwned>(page: &PageText) -> Result<Vec<R>, DecodeError> {
    let json = page.json.as_slice();
    if let Ok(records) = serde_json::from_slice::<Vec<R>>(json) {
        // Text this version wrote reads back to itself (see `PageText::vouched`); any other
        // text is written back and compared.
        if page.vouched || serializes_to(&records, json) {
            return Ok(records);
        }
    }
    let tree: Value =
        serde_json::from_slice(json).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    round_trip_tree(&tree)
}

fn round_trip_tree<T: Serialize + DeserializeOwned>(tree: &Value) -> Result<T, DecodeError> {
    let value = from_tree(tree).map_err(DecodeError::WrongShape)?;
    if !writes_back_to(&value, tree) {
        return Err(DecodeError::WrongShape(
            "it holds fields or values this version would not keep".into(),
        ));
    }
    Ok(value)
}

/// The data of a head as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadData<H> {
    head: H,
    pages: BTreeMap<u64, String>,
    /// The write that made it, so that no two writes store the same head
    /// (`storage::page_sweeper` relies on it).
    written: String,
}

/// Which stored page holds each page of a value, with the records it holds and a fingerprint
/// of its JSON, so a write can tell which pages changed: by their records, and when those
/// were copied without changing, by their JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageTable {
    pages: BTreeMap<u64, StoredPage>,
}

#[derive(Clone, Debug)]
struct StoredPage {
    name: String,
    fingerprint: u64,
    records: Vec<RecordId>,
}

impl StoredPage {
    /// Whether the page holds exactly `records`: the very same records, in the same order.
    fn holds(&self, records: &[RecordId]) -> bool {
        self.records.len() == records.len()
            && self.records.iter().zip(records).all(|(a, b)| a.same(b))
    }
}

/// The same stored page, holding the very same records.
impl PartialEq for StoredPage {
    fn eq(&self, other: &StoredPage) -> bool {
        self.name == other.name
            && self.fingerprint == other.fingerprint
            && self.holds(&other.records)
    }
}

impl PageTable {
    /// Whether page `page` holds exactly `records`.
    fn holds(&self, page: u64, records: &[RecordId]) -> bool {
        self.pages
            .get(&page)
            .is_some_and(|stored| stored.holds(records))
    }
}

/// A fingerprint of a page's JSON as this version of the app writes `A` at its schema. A
/// page's name ends with it, so the head that names the page vouches for its text: a page
/// edited since, or written by another version, does not match (see [`PageText`]).
fn fingerprint<A: Aggregate>(json: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    (env!("CARGO_PKG_VERSION"), A::NAME, A::SCHEMA).hash(&mut hasher);
    hasher.write(json);
    hasher.finish()
}

/// The end of the name of a page whose JSON has fingerprint `print`.
fn mark(print: u64) -> String {
    format!(".{print:016x}")
}

/// What writing a value at revision `rev` takes: the text under its key, the pages to write
/// first (none for an aggregate stored whole), and the table of the pages it names. `held`
/// is the table of the value the writer holds: an unchanged page keeps its stored key.
/// `stamp` names this write (the tab and its count): new pages' keys are made from it.
pub fn encode_value<A: Aggregate>(
    value: &A,
    rev: u64,
    held: &PageTable,
    stamp: &str,
) -> (String, Vec<Write>, PageTable) {
    let Some(paged) = value.to_pages(&|page, records| held.holds(page, records)) else {
        return (
            super::envelope::encode(value, rev),
            Vec::new(),
            PageTable::default(),
        );
    };
    let mut writes = Vec::new();
    let mut table = PageTable::default();
    let mut names = BTreeMap::new();
    for (page, (records, json)) in paged.pages {
        let stored = match (json, held.pages.get(&page)) {
            (None, Some(stored)) => stored.clone(),
            (Some(json), held_page) => {
                let print = fingerprint::<A>(json.as_bytes());
                let name = match held_page {
                    Some(stored) if stored.fingerprint == print => stored.name.clone(),
                    _ => {
                        let name = format!("{page}.{rev}.{stamp}{}", mark(print));
                        writes.push(Write {
                            key: page_key::<A>(&name),
                            value: encode_packed(A::SCHEMA, rev, &json),
                        });
                        name
                    }
                };
                StoredPage {
                    name,
                    fingerprint: print,
                    records,
                }
            }
            (None, None) => unreachable!("only a page the table holds is left unserialized"),
        };
        names.insert(page, stored.name.clone());
        table.pages.insert(page, stored);
    }
    // Both parts are the serializer's own JSON, so the head is too.
    let names = serde_json::to_string(&names).expect("page names serialize to JSON");
    let written = serde_json::to_string(stamp).expect("a stamp serializes to JSON");
    let head = format!(
        r#"{{"head":{},"pages":{names},"written":{written}}}"#,
        paged.head
    );
    (encode_json(A::SCHEMA, rev, head), writes, table)
}

/// Reads the value stored as `raw` under `A`'s key, with its pages from `store` when it is
/// stored in pages, and the table of those pages.
pub fn decode_value<A: Aggregate>(
    store: &dyn KeyValueStore,
    raw: &str,
) -> Result<(Stored<A>, PageTable), DecodeError> {
    if !A::PAGED {
        return decode::<A>(raw).map(|stored| (stored, PageTable::default()));
    }
    let Opened { schema, rev, data } = open(raw)?;
    if schema != A::SCHEMA || !is_head(&data) {
        let value = decode_data::<A>(schema, data)?;
        let stored = Stored {
            value,
            rev,
            found_schema: schema,
        };
        return Ok((stored, PageTable::default()));
    }
    let listed = data.get("pages").cloned();
    let HeadData { head, pages, .. } =
        from_tree::<HeadData<Value>>(&data).map_err(DecodeError::WrongShape)?;
    // Two spellings of one page number ("1", "01") would drop a page silently.
    if listed != Some(to_tree(&pages)) {
        return Err(DecodeError::WrongShape(
            "its list of pages does not read back".into(),
        ));
    }
    let mut names = Vec::with_capacity(pages.len());
    let mut prints = Vec::with_capacity(pages.len());
    let mut texts = Vec::with_capacity(pages.len());
    for (page, name) in pages {
        let key = page_key::<A>(&name);
        let page_raw = store
            .get(&key)
            .map_err(|e| DecodeError::WrongShape(format!("page {page}: {}", e.describe())))?
            .ok_or_else(|| DecodeError::WrongShape(format!("page {page} ({key}) is missing")))?;
        let json = open_page(&page_raw, A::SCHEMA)?;
        let print = fingerprint::<A>(&json);
        texts.push(PageText {
            vouched: name.ends_with(&mark(print)),
            json,
        });
        prints.push(print);
        names.push((page, name));
    }
    let (value, records) = A::from_pages(&head, &texts)?;
    let table = PageTable {
        pages: names
            .into_iter()
            .zip(prints)
            .zip(records)
            .map(|(((page, name), fingerprint), records)| {
                let stored = StoredPage {
                    name,
                    fingerprint,
                    records,
                };
                (page, stored)
            })
            .collect(),
    };
    value.check().map_err(DecodeError::Impossible)?;
    let stored = Stored {
        value,
        rev,
        found_schema: schema,
    };
    Ok((stored, table))
}

/// Whether a stored value's data is a head of pages rather than a whole value.
fn is_head(data: &Value) -> bool {
    data.as_object().is_some_and(|o| {
        o.len() == 3
            && ["head", "pages", "written"]
                .iter()
                .all(|k| o.contains_key(*k))
    })
}

/// The keys of the pages a stored head names, when `raw` is one.
pub fn pages_named<A: Aggregate>(raw: &str) -> Vec<String> {
    let Ok(Opened { data, .. }) = open(raw) else {
        return Vec::new();
    };
    if !is_head(&data) {
        return Vec::new();
    }
    from_tree::<HeadData<Value>>(&data)
        .map(|head| {
            head.pages
                .values()
                .map(|name| page_key::<A>(name))
                .collect()
        })
        .unwrap_or_default()
}
