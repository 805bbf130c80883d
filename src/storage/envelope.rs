//! The stored form of every aggregate: `{"schema":N,"rev":N,"data":...}`, or, for a value
//! whose JSON is large, `{"schema":N,"rev":N,"encoding":"zlib+base64","data":"..."}` with the
//! same JSON compressed (see [`super::compression`]). Both forms are always read, so values
//! written before compression existed, or below its threshold, load unchanged.
//!
//! Parsing is pure so that every corruption case is tested natively; the browser backend only
//! moves strings in and out of localStorage.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::compression::{compress, decompress, COMPRESS_ABOVE_BYTES, ENCODING};

/// Anything larger is refused on load: localStorage holds about five million characters per
/// origin, so a value this big is either corrupt or about to starve every other aggregate.
pub const MAX_VALUE_CHARS: usize = 2_500_000;

/// One persisted aggregate: its key, its current schema version and how to lift older data.
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

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    schema: u32,
    rev: u64,
    /// Absent for plain JSON data; [`ENCODING`] when `data` is the compressed JSON.
    #[serde(default)]
    encoding: Option<String>,
    data: Value,
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
    let schema = A::SCHEMA;
    if data.len() > COMPRESS_ABOVE_BYTES {
        let packed = compress(data.as_bytes());
        format!(r#"{{"schema":{schema},"rev":{rev},"encoding":"{ENCODING}","data":"{packed}"}}"#)
    } else {
        format!(r#"{{"schema":{schema},"rev":{rev},"data":{data}}}"#)
    }
}

/// The data as JSON, unpacked when the envelope says it is compressed.
fn unpacked_data(envelope: Envelope) -> Result<Value, DecodeError> {
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
    if raw.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let chars = raw.chars().count();
    if chars > MAX_VALUE_CHARS {
        return Err(DecodeError::TooLarge { chars });
    }
    let json: Value = serde_json::from_str(raw).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    if !json.is_object() {
        // serde would happily read a struct from an array, positionally.
        return Err(DecodeError::WrongShape(
            "the top level is not an object".into(),
        ));
    }
    let envelope: Envelope =
        serde_json::from_value(json).map_err(|e| DecodeError::WrongShape(e.to_string()))?;
    let (schema, rev) = (envelope.schema, envelope.rev);
    let data = unpacked_data(envelope)?;
    Ok(Opened { schema, rev, data })
}

/// Decodes a stored string. A value is accepted only when it round-trips: data with fields
/// this version does not know would otherwise be dropped silently on the next save.
pub fn decode<A: Aggregate>(raw: &str) -> Result<Stored<A>, DecodeError> {
    let Opened { schema, rev, data } = open(raw)?;
    let value = decode_data(schema, data)?;
    Ok(Stored {
        value,
        rev,
        found_schema: schema,
    })
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
    // Read from the tree in place: cloning it first would copy megabytes for a large history.
    let value = A::deserialize(&data).map_err(|e| DecodeError::WrongShape(e.to_string()))?;
    if schema == A::SCHEMA {
        let reencoded = serde_json::to_value(&value).expect("aggregates serialize to JSON");
        if reencoded != data {
            return Err(DecodeError::WrongShape(
                "it holds fields or values this version would not keep".into(),
            ));
        }
    }
    value.check().map_err(DecodeError::Impossible)?;
    Ok(value)
}
