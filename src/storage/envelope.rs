//! The stored form of every aggregate: `{"schema":N,"rev":N,"data":...}`, or, for a value
//! whose JSON is large, `{"schema":N,"rev":N,"encoding":"zlib+base64","data":"..."}` with the
//! same JSON compressed (see [`super::compression`]). Both forms are always read, so values
//! written before compression existed, or below its threshold, load unchanged.
//!
//! Parsing is pure so that every corruption case is tested natively; the browser backend only
//! moves strings in and out of localStorage.

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::compression::{compress, decompress, COMPRESS_ABOVE_BYTES, ENCODING};
use super::json_tree::{from_tree, writes_back_to};

/// Anything larger is refused on load: localStorage holds about five million characters per
/// origin, so a value this big is either corrupt or about to starve every other aggregate.
pub const MAX_VALUE_CHARS: usize = 2_500_000;

/// One persisted aggregate: its key, its current schema version and how to lift older data.
///
/// An aggregate holds no `f32` and no integer beyond 64 bits: serde_json writes those
/// differently into a tree (which widens an `f32` and refuses the integer) than into text,
/// and [`decode`] relies on the two agreeing.
pub trait Aggregate: Serialize + DeserializeOwned + Default + Clone + PartialEq + 'static {
    /// The part after `bnpl.` in the localStorage key.
    const NAME: &'static str;
    /// Bumped whenever the stored shape changes; `migrate` must accept every older version.
    const SCHEMA: u32;
    /// A short human label for notices ("your cart").
    const LABEL: &'static str;

    /// Whether a decoded value means something possible: its invariants (money within range
    /// and of the right sign, quantities within limits, plans adding up). `Err` names the
    /// first one broken; the value is then set aside like a corrupt one.
    fn check(&self) -> Result<(), String> {
        Ok(())
    }

    /// Whether [`Aggregate::merged`] can keep two tabs' changes made at the same moment.
    const MERGES: bool = false;

    /// Two tabs each changed `base` at the same moment: the value with both changes, for an
    /// aggregate that knows how ([`Aggregate::MERGES`]); otherwise the stored one stands.
    fn merged(base: &Self, mine: &Self, theirs: &Self) -> Option<Self> {
        let _ = (base, mine, theirs);
        None
    }

    /// Whether the value is stored in pages (`storage::pages`): then [`Aggregate::to_pages`]
    /// and [`Aggregate::from_pages`] say how.
    const PAGED: bool = false;

    /// The schema of the value's data, as a shop file carries it: [`Aggregate::SCHEMA`],
    /// but for an aggregate whose schema went up only because it came to be stored in pages,
    /// whose data did not change (so a file stays readable by the version before).
    const DATA_SCHEMA: u32 = Self::SCHEMA;

    /// The value as the JSON of its head and of its pages, for an aggregate stored in pages.
    /// A page whose records `unchanged` says were written already is not serialized again.
    fn to_pages(&self, unchanged: &dyn Fn(u64, &[RecordId]) -> bool) -> Option<PagedJson> {
        let _ = unchanged;
        None
    }

    /// The value from its head's data and its pages' JSON, as [`Aggregate::to_pages`] gave
    /// them, with the records of each page as the value shares them.
    fn from_pages(
        head: &Value,
        pages: &[PageText],
    ) -> Result<(Self, Vec<Vec<RecordId>>), DecodeError> {
        let _ = (head, pages);
        Err(DecodeError::WrongShape(
            "this value is stored whole, not in pages".into(),
        ))
    }

    /// Turns data stored under `from` (always older than `SCHEMA`) into the current shape.
    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        let _ = data;
        Err(format!(
            "no migration from schema {from} to {}",
            Self::SCHEMA
        ))
    }
}

pub fn storage_key<A: Aggregate>() -> String {
    format!("bnpl.{}", A::NAME)
}

/// A value stored in pages as JSON (`storage::pages`): its head's, and each page's records
/// with their JSON (`None` when the page was written already).
pub struct PagedJson {
    pub head: String,
    pub pages: BTreeMap<u64, (Vec<RecordId>, Option<String>)>,
}

/// A stored page's JSON, as read for [`Aggregate::from_pages`].
pub struct PageText {
    pub json: Vec<u8>,
    /// Whether the head vouches that this is the very text this version of the app wrote for
    /// the page (`storage::pages`): then it reads back to itself, and that need not be checked
    /// again.
    pub vouched: bool,
}

/// A record of a value stored in pages as the value holds it: its key in the value (empty for
/// a list) and the record itself, shared (`Arc`) with the value and its copies. A record is
/// copied when it is changed, so the same records mean the same page: a write serializes only
/// the pages whose records changed. Holding the record keeps its address from being reused.
#[derive(Clone, Debug)]
pub struct RecordId(pub String, pub Arc<dyn Any + Send + Sync>);

impl RecordId {
    /// Whether both are the very same record under the same key.
    pub fn same(&self, other: &RecordId) -> bool {
        self.0 == other.0 && Arc::ptr_eq(&self.1, &other.1)
    }
}

/// `data` is a [`Value`] on the general route ([`open`]) and the borrowed base64 text on
/// the shortcut for compressed values ([`read_current_packed`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<D> {
    schema: u32,
    rev: u64,
    /// Absent for plain JSON data; [`ENCODING`] when `data` is the compressed JSON.
    #[serde(default)]
    encoding: Option<String>,
    data: D,
}

/// A value decoded from storage, with the revision it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored<A> {
    pub value: A,
    pub rev: u64,
    /// The schema the value was found in; older than current when it was migrated.
    pub found_schema: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    TooLarge {
        chars: usize,
    },
    NotJson(String),
    WrongShape(String),
    FutureSchema {
        found: u32,
        supported: u32,
    },
    MigrationFailed {
        from: u32,
        reason: String,
    },
    /// The envelope names an encoding this version does not know, or its compressed data
    /// cannot be turned back into JSON.
    BadEncoding(String),
    /// The value reads, but says something impossible (see [`Aggregate::check`]).
    Impossible(String),
}

impl DecodeError {
    pub fn describe(&self) -> String {
        match self {
            DecodeError::Empty => "the saved value was empty".into(),
            DecodeError::TooLarge { chars } => {
                format!("the saved value was too large ({chars} characters)")
            }
            DecodeError::NotJson(e) => format!("the saved value was not valid JSON ({e})"),
            DecodeError::WrongShape(e) => format!("the saved value had an unexpected shape ({e})"),
            DecodeError::FutureSchema { found, supported } => format!(
                "the saved value comes from a newer version of the app (schema {found}, this version reads up to {supported})"
            ),
            DecodeError::MigrationFailed { from, reason } => {
                format!("the saved value could not be upgraded from schema {from} ({reason})")
            }
            DecodeError::BadEncoding(e) => format!("the saved value could not be unpacked ({e})"),
            DecodeError::Impossible(e) => format!("the saved value holds impossible figures: {e}"),
        }
    }
}

/// The envelope is written by hand around the data's JSON so that large data is serialized
/// once, not once into a tree and again into text: both parts are valid JSON by construction
/// (numbers, a fixed name, the serializer's own output or base64, which needs no escaping).
pub fn encode<A: Aggregate>(value: &A, rev: u64) -> String {
    let data = serde_json::to_string(value).expect("aggregates serialize to JSON");
    encode_json(A::SCHEMA, rev, data)
}

/// The envelope of `data`, JSON written by the serializer, at `schema` and `rev`: compressed
/// when large.
pub fn encode_json(schema: u32, rev: u64, data: String) -> String {
    if data.len() > COMPRESS_ABOVE_BYTES {
        encode_packed(schema, rev, &data)
    } else {
        format!(r#"{{"schema":{schema},"rev":{rev},"data":{data}}}"#)
    }
}

/// The envelope of `data` compressed, whatever its size.
pub fn encode_packed(schema: u32, rev: u64, data: &str) -> String {
    let packed = compress(data.as_bytes());
    format!(r#"{{"schema":{schema},"rev":{rev},"encoding":"{ENCODING}","data":"{packed}"}}"#)
}

/// The data as JSON, unpacked when the envelope says it is compressed.
fn unpacked_data(envelope: Envelope<Value>) -> Result<Value, DecodeError> {
    match envelope.encoding.as_deref() {
        None => Ok(envelope.data),
        Some(ENCODING) => {
            let Value::String(packed) = envelope.data else {
                return Err(DecodeError::BadEncoding(format!(
                    "{ENCODING} data must be a string"
                )));
            };
            let json = decompress(&packed).map_err(DecodeError::BadEncoding)?;
            serde_json::from_slice(&json).map_err(|e| DecodeError::NotJson(e.to_string()))
        }
        Some(other) => Err(DecodeError::BadEncoding(format!(
            "unknown encoding \"{other}\""
        ))),
    }
}

/// A stored value's envelope opened: its schema, revision and data (unpacked when it was
/// stored compressed), before the data is read as any aggregate.
pub struct Opened {
    pub schema: u32,
    pub rev: u64,
    pub data: Value,
}

pub fn open(raw: &str) -> Result<Opened, DecodeError> {
    check_size(raw)?;
    open_sized(raw)
}

fn check_size(raw: &str) -> Result<(), DecodeError> {
    if raw.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let chars = raw.chars().count();
    if chars > MAX_VALUE_CHARS {
        return Err(DecodeError::TooLarge { chars });
    }
    Ok(())
}

/// [`open`] once the size is known to be acceptable.
fn open_sized(raw: &str) -> Result<Opened, DecodeError> {
    let json: Value =
        serde_json::from_slice(raw.as_bytes()).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    if !json.is_object() {
        // serde would happily read a struct from an array, positionally.
        return Err(DecodeError::WrongShape(
            "the top level is not an object".into(),
        ));
    }
    let envelope: Envelope<Value> = from_tree(&json).map_err(DecodeError::WrongShape)?;
    let (schema, rev) = (envelope.schema, envelope.rev);
    let data = unpacked_data(envelope)?;
    Ok(Opened { schema, rev, data })
}

/// The JSON of a page's records (`storage::pages`), which must be of `schema`: straight from
/// the text when compressed, as the app writes every page, else through [`open`].
pub fn open_page(raw: &str, schema: u32) -> Result<Vec<u8>, DecodeError> {
    check_size(raw)?;
    let fast = serde_json::from_slice::<Envelope<&str>>(raw.as_bytes())
        .ok()
        .filter(|e| e.schema == schema && e.encoding.as_deref() == Some(ENCODING))
        .and_then(|e| decompress(e.data).ok());
    if let Some(json) = fast {
        return Ok(json);
    }
    let opened = open_sized(raw)?;
    if opened.schema != schema {
        return Err(DecodeError::WrongShape(format!(
            "a page of schema {} under a head of schema {schema}",
            opened.schema
        )));
    }
    Ok(serde_json::to_vec(&opened.data).expect("a tree serializes to JSON"))
}

/// Decodes a stored string. A value is accepted only when it round-trips: data with fields
/// this version does not know would otherwise be dropped silently on the next save.
///
/// A compressed value of the current schema, as the app writes it, takes a shortcut
/// ([`read_current_packed`]) to the same answer two to five times as fast; whatever the
/// shortcut cannot vouch for goes the general way.
pub fn decode<A: Aggregate>(raw: &str) -> Result<Stored<A>, DecodeError> {
    check_size(raw)?;
    if let Some((value, rev)) = read_current_packed::<A>(raw) {
        value.check().map_err(DecodeError::Impossible)?;
        return Ok(Stored {
            value,
            rev,
            found_schema: A::SCHEMA,
        });
    }
    let Opened { schema, rev, data } = open_sized(raw)?;
    let value = decode_data(schema, data)?;
    Ok(Stored {
        value,
        rev,
        found_schema: schema,
    })
}

/// The whitespace JSON allows between tokens (RFC 8259), and no other.
const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// A compressed value of the current schema, read straight from its JSON text, with its
/// revision; `None` whenever this cannot vouch for the answer the general route
/// ([`open`], then [`decode_data`]) would give, which then decides, errors included.
///
/// The general route builds the data's whole tree, reads the aggregate from it, builds a
/// second tree from the aggregate and compares the two. Here the aggregate is read from the
/// text, written back to text, and the two texts compared: no tree at all. Decoding the
/// 2,000-order history (release build, natively, four runs each on a busy machine): orders
/// 630-1180 ms before, 145-190 now; payments 150-370, now 40-58; the provider 170-330, now
/// 58-96; the inbox 73-190, now 35-51. Of the orders' time now, about 17 ms inflate, 70-90 ms
/// reading and 55-65 ms writing back.
///
/// When the texts are equal the general route accepts the same value: the stored JSON is then
/// exactly the aggregate's own serialization, so its tree is the tree the aggregate writes
/// (every number in both is the same digits read by the same parser), and reading a tree or
/// its text gives the same aggregate. This needs aggregates that serialize to a tree and to
/// text alike, as [`Aggregate`] asks.
///
/// Everything else is left to the general route, and never judged here:
/// - a value of another schema: only it migrates;
/// - plain (uncompressed) data: at most [`COMPRESS_ABOVE_BYTES`] of JSON unless written
///   before compression existed, so fast enough already, and read here it would be nested one
///   level less deep than inside the envelope, where serde_json's limit of 128 levels counts
///   (a provider's recorded outcome is free-form JSON);
/// - an envelope with a duplicated field or an escape in its base64: serde reads a struct
///   from text more strictly than from a tree, where the last of two equal keys wins, and
///   borrows only text without escapes;
/// - a top level that is not an object: serde would read the envelope from an array;
/// - any JSON other than the aggregate's own serialization: other whitespace or key order, a
///   duplicated key, an escape the serializer does not write, an unknown field; the
///   tree comparison accepts some of these, and those it refuses it names.
fn read_current_packed<A: Aggregate>(raw: &str) -> Option<(A, u64)> {
    if !raw.trim_start_matches(JSON_WHITESPACE).starts_with('{') {
        return None;
    }
    let envelope: Envelope<&str> = serde_json::from_slice(raw.as_bytes()).ok()?;
    if envelope.schema != A::SCHEMA || envelope.encoding.as_deref() != Some(ENCODING) {
        return None;
    }
    let json = decompress(envelope.data).ok()?;
    let value: A = serde_json::from_slice(&json).ok()?;
    serializes_to(&value, &json).then_some((value, envelope.rev))
}

/// A plain (uncompressed) value of the current schema, read straight from its text the way
/// [`read_current_packed`] reads a compressed one; `None` whenever that cannot vouch for the
/// value [`decode`] would give without an error. Unlike the shortcut, nothing decides on a
/// `None`: it is for showing a small aggregate before the code that decodes it in full has
/// arrived (`repository::preview`), so it never needs the tree, the decompression or the
/// migrations, and declines whatever would: another schema, compressed data, a value that
/// does not round-trip or fails its [`Aggregate::check`], any error.
///
/// It is read one level less deep than inside the envelope (serde_json's limit of 128
/// levels), so it is only for aggregates that hold no free-form JSON: their own
/// serialization is never that deep, and any other text does not round-trip.
pub fn preview_plain<A: Aggregate>(raw: &str) -> Option<A> {
    check_size(raw).ok()?;
    if !raw.trim_start_matches(JSON_WHITESPACE).starts_with('{') {
        return None;
    }
    let envelope: Envelope<&serde_json::value::RawValue> =
        serde_json::from_slice(raw.as_bytes()).ok()?;
    if envelope.schema != A::SCHEMA || envelope.encoding.is_some() {
        return None;
    }
    let json = envelope.data.get().as_bytes();
    let value: A = serde_json::from_slice(json).ok()?;
    (serializes_to(&value, json) && value.check().is_ok()).then_some(value)
}

/// Whether `value` serializes to exactly `json`, written the way every save writes it.
/// Comparing while writing, through a writer of its own, was about a tenth faster when the
/// orders were stored whole (55-65 against 65-70 ms for 2,000), but built a second copy of
/// every aggregate's writing code into the wasm.
pub(super) fn serializes_to<A: Serialize>(value: &A, json: &[u8]) -> bool {
    serde_json::to_vec(value).is_ok_and(|written| written == json)
}

/// Reads an aggregate's data written under `schema`, by the same rules as a stored value:
/// a newer schema is refused, an older one migrated, the value must round-trip and pass its
/// [`Aggregate::check`]. A shop file's parts are read through here too.
pub fn decode_data<A: Aggregate>(schema: u32, data: Value) -> Result<A, DecodeError> {
    if schema > A::SCHEMA {
        return Err(DecodeError::FutureSchema {
            found: schema,
            supported: A::SCHEMA,
        });
    }
    let data = if schema < A::SCHEMA {
        A::migrate(schema, data).map_err(|reason| DecodeError::MigrationFailed {
            from: schema,
            reason,
        })?
    } else {
        data
    };
    let value: A = from_tree(&data).map_err(DecodeError::WrongShape)?;
    if schema == A::SCHEMA && !writes_back_to(&value, &data) {
        return Err(DecodeError::WrongShape(
            "it holds fields or values this version would not keep".into(),
        ));
    }
    value.check().map_err(DecodeError::Impossible)?;
    Ok(value)
}

/// The shortcut in [`decode`] must give the general route's answer, error included, for
/// every stored text: each case is decoded both ways, and the cases say which ones the
/// shortcut takes, so that a value the app wrote itself never falls back to the slow route.
#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::storage::compression::compress;
    use crate::storage::json_tree::tests::{any_json, any_text};

    /// Shaped like the stored aggregates: optional fields left out when empty, a map, a
    /// flattened part (as the provider's orders have), free-form JSON (as its recorded
    /// outcomes are) and an enum with data.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Ledger {
        owner: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        amounts: BTreeMap<String, i64>,
        #[serde(flatten)]
        place: Place,
        outcome: Value,
        kind: Kind,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Place {
        city: String,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    enum Kind {
        #[default]
        Plain,
        Priority {
            rank: u32,
        },
    }

    /// Schema 1 called the owner `who`.
    impl Aggregate for Ledger {
        const NAME: &'static str = "ledger";
        const SCHEMA: u32 = 2;
        const LABEL: &'static str = "the test ledger";

        fn check(&self) -> Result<(), String> {
            match self.amounts.values().any(|amount| *amount < 0) {
                true => Err("a negative amount".into()),
                false => Ok(()),
            }
        }

        fn migrate(from: u32, mut data: Value) -> Result<Value, String> {
            if from != 1 {
                return Err(format!("unknown schema {from}"));
            }
            let object = data.as_object_mut().ok_or("not an object")?;
            let who = object.remove("who").ok_or("no owner")?;
            object.insert("owner".into(), who);
            Ok(data)
        }
    }

    fn ledger() -> Ledger {
        Ledger {
            owner: "Ada".into(),
            note: Some("tea \"and\" cake, é ☕\n".into()),
            amounts: BTreeMap::from([("rent".into(), 1200), ("tea".into(), 0)]),
            place: Place {
                city: "Lyon".into(),
            },
            outcome: json!({"status": 201, "body": {"ids": [1, 2], "ok": true, "share": 0.25}}),
            kind: Kind::Priority { rank: 3 },
        }
    }

    /// The ledger's JSON as the serializer writes it.
    fn canonical() -> String {
        serde_json::to_string(&ledger()).unwrap()
    }

    /// A stored value whose data is `json`, compressed, whatever its size.
    fn packed(schema: u32, rev: u64, json: &str) -> String {
        let data = compress(json.as_bytes());
        format!(r#"{{"schema":{schema},"rev":{rev},"encoding":"{ENCODING}","data":"{data}"}}"#)
    }

    /// What `decode` answered before the shortcut existed.
    fn general_route(raw: &str) -> Result<Stored<Ledger>, DecodeError> {
        let Opened { schema, rev, data } = open(raw)?;
        Ok(Stored {
            value: decode_data(schema, data)?,
            rev,
            found_schema: schema,
        })
    }

    /// `decode`'s answer, after checking that the general route gives the same one, and
    /// whether the shortcut took the value.
    fn decoded(raw: &str) -> (Result<Stored<Ledger>, DecodeError>, bool) {
        let answer = decode::<Ledger>(raw);
        assert_eq!(answer, general_route(raw), "{}", &raw[..raw.len().min(90)]);
        (answer, read_current_packed::<Ledger>(raw).is_some())
    }

    fn accepted(raw: &str) -> (Stored<Ledger>, bool) {
        let (answer, shortcut) = decoded(raw);
        (answer.expect("accepted"), shortcut)
    }

    #[test]
    fn the_serializers_own_text_takes_the_shortcut() {
        let (stored, shortcut) = accepted(&packed(2, 7, &canonical()));
        assert!(shortcut);
        assert_eq!(
            (stored.value, stored.rev, stored.found_schema),
            (ledger(), 7, 2)
        );

        // What `encode` writes for a value large enough to be compressed.
        let mut large = ledger();
        large.amounts = (0..2_000).map(|i| (format!("line {i}"), i)).collect();
        let raw = encode(&large, 3);
        assert!(raw.contains(ENCODING));
        let (stored, shortcut) = accepted(&raw);
        assert!(shortcut);
        assert_eq!(stored.value, large);

        // JSON whitespace before the envelope is still the envelope.
        assert!(accepted(&format!(" \n\t\r{}", packed(2, 7, &canonical()))).1);
    }

    #[test]
    fn other_whitespace_or_key_order_is_accepted_as_before_by_the_general_route() {
        let pretty = serde_json::to_string_pretty(&ledger()).unwrap();
        // A tree's keys come out sorted, which is not the struct's order.
        let sorted = serde_json::to_value(ledger()).unwrap().to_string();
        assert_ne!(sorted, canonical());
        let escaped = canonical().replace(r#""Ada""#, r#""\u0041da""#);
        for json in [pretty, sorted, escaped] {
            let (stored, shortcut) = accepted(&packed(2, 1, &json));
            assert!(!shortcut, "{json}");
            assert_eq!(stored.value, ledger());
        }
    }

    #[test]
    fn a_duplicated_key_keeps_its_last_value_as_before() {
        let cases = [
            // serde refuses a struct field given twice when reading text; a tree keeps the last.
            (r#"{"owner":"Eve","#, r#"{"#, "Ada"),
            // The first value is not even of the right type.
            (r#"{"owner":5,"#, r#"{"#, "Ada"),
            (r#""rent":-5,"rent":1200"#, r#""rent":1200"#, "Ada"),
            (r#""status":"lost","status":201"#, r#""status":201"#, "Ada"),
        ];
        for (with_duplicate, without, owner) in cases {
            let json = canonical().replacen(without, with_duplicate, 1);
            assert_ne!(json, canonical());
            let (stored, shortcut) = accepted(&packed(2, 1, &json));
            assert!(!shortcut, "{json}");
            assert_eq!(stored.value, ledger(), "{json}");
            assert_eq!(stored.value.owner, owner);
        }
        // The envelope's own fields too.
        let raw = packed(2, 1, &canonical()).replacen(r#""rev":1"#, r#""rev":1,"rev":9"#, 1);
        let (stored, shortcut) = accepted(&raw);
        assert!(!shortcut);
        assert_eq!(stored.rev, 9);
    }

    /// What was done to a value, the value, and the check its decode error must pass.
    type RefusalCase = (&'static str, String, fn(&DecodeError) -> bool);

    #[test]
    fn what_the_general_route_refused_is_still_refused_with_the_same_error() {
        let wrong_shape = |e: &DecodeError| matches!(e, DecodeError::WrongShape(_));
        let not_json = |e: &DecodeError| matches!(e, DecodeError::NotJson(_));
        let data_cases: [RefusalCase; 7] = [
            (
                "an unknown field",
                canonical().replacen('{', r#"{"colour":"red","#, 1),
                wrong_shape,
            ),
            (
                "an unknown field the flattened part would ignore",
                canonical().replacen(r#""city""#, r#""street":"Rue","city""#, 1),
                wrong_shape,
            ),
            (
                "a whole number written as a fraction",
                canonical().replacen(":1200", ":1200.0", 1),
                wrong_shape,
            ),
            (
                "a whole number with an exponent",
                canonical().replacen(":1200", ":12e2", 1),
                wrong_shape,
            ),
            (
                "an amount beyond 64 bits",
                canonical().replacen(":1200", ":18446744073709551616", 1),
                wrong_shape,
            ),
            (
                "text after the data",
                format!("{} x", canonical()),
                not_json,
            ),
            (
                "an impossible amount",
                canonical().replacen(":1200", ":-1200", 1),
                |e| *e == DecodeError::Impossible("a negative amount".into()),
            ),
        ];
        for (name, json, expected) in data_cases {
            let (answer, _) = decoded(&packed(2, 1, &json));
            let error = answer.expect_err(name);
            assert!(expected(&error), "{name}: {error:?}");
        }
    }

    #[test]
    fn the_envelopes_rules_hold_before_the_shortcut() {
        let good = packed(2, 7, &canonical());
        let packed_data = compress(canonical().as_bytes());
        // serde reads a struct from an array, positionally: only the object check refuses it.
        let array = format!(r#"[2,7,"{ENCODING}","{packed_data}"]"#);
        assert!(serde_json::from_str::<Envelope<&str>>(&array).is_ok());
        // A value over the size limit would read fine: the size is checked first.
        let padded = format!("{good}{}", " ".repeat(MAX_VALUE_CHARS));
        assert!(read_current_packed::<Ledger>(&padded).is_some());
        let cases: [RefusalCase; 7] = [
            ("an array", array, |e| {
                matches!(e, DecodeError::WrongShape(_))
            }),
            ("too large", padded, |e| {
                matches!(e, DecodeError::TooLarge { .. })
            }),
            (
                "an unknown envelope field",
                good.replacen(r#""rev":7"#, r#""rev":7,"origin":"tab""#, 1),
                |e| matches!(e, DecodeError::WrongShape(_)),
            ),
            (
                "a space that JSON does not allow",
                format!("\u{a0}{good}"),
                |e| matches!(e, DecodeError::NotJson(_)),
            ),
            ("text after the envelope", format!("{good},"), |e| {
                matches!(e, DecodeError::NotJson(_))
            }),
            ("a newer schema", packed(3, 7, &canonical()), |e| {
                *e == DecodeError::FutureSchema {
                    found: 3,
                    supported: 2,
                }
            }),
            (
                "an unknown encoding",
                good.replacen(ENCODING, "zstd+base64", 1),
                |e| matches!(e, DecodeError::BadEncoding(_)),
            ),
        ];
        for (name, raw, expected) in cases {
            let (answer, _) = decoded(&raw);
            let error = answer.expect_err(name);
            assert!(expected(&error), "{name}: {error:?}");
        }
    }

    #[test]
    fn an_envelope_the_shortcut_cannot_borrow_from_goes_the_general_way() {
        // Escaped slashes in the base64 are still base64 once unescaped.
        let good = packed(2, 7, &canonical());
        let escaped = good.replace('/', r"\/");
        assert_ne!(escaped, good);
        // `"encoding":null` says plain data, as an absent field does.
        let plain_null = format!(
            r#"{{"schema":2,"rev":7,"encoding":null,"data":{}}}"#,
            canonical()
        );
        for raw in [escaped, plain_null, encode(&ledger(), 7)] {
            let (stored, shortcut) = accepted(&raw);
            assert!(!shortcut, "{raw}");
            assert_eq!((stored.value, stored.rev), (ledger(), 7));
        }
    }

    #[test]
    fn an_older_schema_is_migrated_through_the_tree() {
        let old = canonical().replacen(r#""owner""#, r#""who""#, 1);
        let (stored, shortcut) = accepted(&packed(1, 4, &old));
        assert!(!shortcut);
        assert_eq!((stored.value, stored.found_schema), (ledger(), 1));
        let failed = decoded(&packed(1, 4, &canonical())).0.unwrap_err();
        assert_eq!(
            failed,
            DecodeError::MigrationFailed {
                from: 1,
                reason: "no owner".into()
            }
        );
    }

    #[test]
    fn free_form_json_nested_to_the_parsers_limit_is_judged_alike() {
        // serde_json refuses JSON nested deeper than 128 levels; the compressed data is read
        // on its own both ways, so the limit falls at the same depth.
        let mut answers = Vec::new();
        for depth in 120..=130 {
            let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let json = canonical().replacen(r#"[1,2]"#, &nested, 1);
            answers.push(decoded(&packed(2, 1, &json)).0.is_ok());
        }
        assert!(answers.first() == Some(&true) && answers.last() == Some(&false));
    }

    #[test]
    fn a_number_reads_back_exactly_so_its_value_takes_the_shortcut() {
        // serde_json's parser, without its `float_roundtrip` feature, read this number one
        // step off the number its shortest digits stand for, so the value did not write back
        // to its own text. The aggregates store money and counts as strings and integers, so
        // such numbers come only in hand-written free-form JSON.
        let mut value = ledger();
        value.outcome = json!([-3.353116790358771e-221]);
        let json = serde_json::to_string(&value).unwrap();
        let read: Ledger = serde_json::from_str(&json).unwrap();
        assert_eq!(read, value);
        let (stored, shortcut) = accepted(&packed(2, 1, &json));
        assert!(shortcut);
        assert_eq!(stored.value, value);
    }

    fn any_ledger() -> impl Strategy<Value = Ledger> {
        (
            any_text(),
            prop::option::of(any_text()),
            prop::collection::btree_map(any_text(), any::<i64>(), 0..6),
            any_text(),
            any_json(),
            prop::option::of(any::<u32>()),
        )
            .prop_map(|(owner, note, amounts, city, outcome, rank)| Ledger {
                owner,
                note,
                amounts,
                place: Place { city },
                outcome,
                kind: rank.map_or(Kind::Plain, |rank| Kind::Priority { rank }),
            })
    }

    proptest! {
        #[test]
        fn any_value_the_app_writes_takes_the_shortcut_and_agrees(
            value in any_ledger(), rev in any::<u64>()
        ) {
            let raw = packed(2, rev, &serde_json::to_string(&value).unwrap());
            let (answer, shortcut) = decoded(&raw);
            prop_assert!(shortcut);
            let expected = value.check().map(|()| Stored { value, rev, found_schema: 2 });
            prop_assert_eq!(answer, expected.map_err(DecodeError::Impossible));
        }
    }
}
