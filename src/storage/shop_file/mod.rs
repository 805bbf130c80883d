//! A whole shop in one file: every aggregate with the schema it was written in, under a
//! format name and version. A file is read completely and checked (format, version, every
//! part decoded by the rules stored values follow, the parts agreeing with each other, no
//! markup in any text) before anything of the shop is touched.
//!
//! ```json
//! {"format":"bnpl-market-shop","version":1,"saved_at":"2026-12-15T09:00:00Z",
//!  "parts":{"orders":{"schema":1,"data":{...}},"payments":{"schema":3,"data":{...}},...}}
//! ```

mod checks;
mod link;
mod problem;
mod summary;

use chrono::{DateTime, Utc};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

use super::envelope::{decode_data, Aggregate};
use crate::app::ShopData;

pub use link::{
    from_fragment, holds_a_shop, to_fragment, TooLongForALink, LINK_KEY, MAX_LINK_CHARS,
};
pub use problem::FileProblem;
pub use summary::Summary;

/// The `format` every shop file names.
pub const FORMAT: &str = "bnpl-market-shop";
/// The newest format version this build writes and reads.
pub const VERSION: u32 = 1;
/// Larger files are refused before they are read: a 2,000-order history is about 18 MB.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// A file read and checked, ready to replace the shop.
#[derive(Clone, Debug, PartialEq)]
pub struct ShopFile {
    /// As saved: its clock still counts from the saving device's time until
    /// [`ShopFile::into_data`] sets it to resume.
    data: ShopData,
    /// The shop's simulated time when the file was saved; loading resumes there.
    pub saved_at: DateTime<Utc>,
    pub summary: Summary,
}

impl ShopFile {
    /// The shop to put in place, its clock set so that "now" is the moment it was saved:
    /// time spent looking at the summary does not move it on.
    pub fn into_data(self, real_now: DateTime<Utc>) -> ShopData {
        let mut data = self.data;
        data.clock.clock.resume_at(self.saved_at, real_now);
        data
    }
}

/// The whole shop as a file's text. `real_now` is the device's time: the file keeps the
/// shop's simulated "now", so that loading it resumes at the same moment.
pub fn write(data: &ShopData, real_now: DateTime<Utc>) -> String {
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        saved_at: data.clock.now(real_now),
        parts: PartsOut(data),
    };
    serde_json::to_string(&file).expect("a shop serializes to JSON")
}

/// The file as written: each aggregate goes to text by its own serializer, the one its
/// saves use, without a JSON tree of the whole shop in between.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    saved_at: DateTime<Utc>,
    parts: PartsOut<'a>,
}

/// Every aggregate under its name (`parts_out` below).
struct PartsOut<'a>(&'a ShopData);

#[derive(Serialize)]
struct PartOut<'a, A> {
    schema: u32,
    data: &'a A,
}

impl Serialize for PartsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        parts_out(self.0, serializer)
    }
}

/// "bnpl-2026-12-15-3-orders.json": the shop's date and what it holds.
pub fn file_name(data: &ShopData, real_now: DateTime<Utc>) -> String {
    let date = data.clock.now(real_now).date_naive();
    match data.orders.len() {
        0 => format!("bnpl-{date}-no-orders.json"),
        1 => format!("bnpl-{date}-1-order.json"),
        n => format!("bnpl-{date}-{n}-orders.json"),
    }
}

/// Reads a file's text and checks all of it; nothing of it is used until
/// [`ShopFile::into_data`].
pub fn read(text: &str) -> Result<ShopFile, FileProblem> {
    if text.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    if text.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge { bytes: text.len() });
    }
    let json: Value = serde_json::from_slice(text.as_bytes()).map_err(FileProblem::not_json)?;
    let Value::Object(mut file) = json else {
        return Err(FileProblem::NotAShopFile);
    };
    match file.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => return Err(FileProblem::OtherFormat(other.chars().take(60).collect())),
        None => return Err(FileProblem::NotAShopFile),
    }
    let version = file
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v > 0)
        .ok_or(FileProblem::NoVersion)?;
    if version > u64::from(VERSION) {
        return Err(FileProblem::NewerVersion { found: version });
    }
    let saved_at: DateTime<Utc> = file
        .get("saved_at")
        .and_then(Value::as_str)
        .and_then(|t| t.parse().ok())
        .ok_or(FileProblem::NoSavedAt)?;
    let Some(Value::Object(mut parts)) = file.remove("parts") else {
        return Err(FileProblem::NoParts);
    };
    if let Some(place) = checks::markup_in(&parts) {
        return Err(FileProblem::Markup { place });
    }
    let data = data_of(&mut parts)?;
    if let Some(unknown) = parts.keys().next() {
        return Err(FileProblem::UnknownPart(unknown.chars().take(60).collect()));
    }
    checks::agree(&data, saved_at).map_err(FileProblem::Inconsistent)?;
    Ok(ShopFile {
        summary: Summary::of(&data, saved_at),
        data,
        saved_at,
    })
}

/// One part of the file: the aggregate by the rules its stored value follows.
fn part<A: Aggregate>(parts: &mut Map<String, Value>) -> Result<A, FileProblem> {
    let missing = || FileProblem::MissingPart(A::NAME);
    let Value::Object(mut part) = parts.remove(A::NAME).ok_or_else(missing)? else {
        return Err(FileProblem::BadPart {
            part: A::NAME,
            problem: "it is not an object".into(),
        });
    };
    let schema = part
        .get("schema")
        .and_then(Value::as_u64)
        .and_then(|s| u32::try_from(s).ok())
        .ok_or_else(|| FileProblem::BadPart {
            part: A::NAME,
            problem: "it has no schema number".into(),
        })?;
    let data = part.remove("data").ok_or_else(|| FileProblem::BadPart {
        part: A::NAME,
        problem: "it has no data".into(),
    })?;
    decode_data::<A>(schema, data).map_err(|e| FileProblem::BadPart {
        part: A::NAME,
        problem: e.describe(),
    })
}

macro_rules! define_parts {
    ($($name:ident: $ty:ty),* $(,)?) => {
        fn parts_out<S: Serializer>(data: &ShopData, serializer: S) -> Result<S::Ok, S::Error> {
            let mut parts = serializer.serialize_map(None)?;
            $(
                parts.serialize_entry(
                    <$ty as Aggregate>::NAME,
                    &PartOut { schema: <$ty as Aggregate>::DATA_SCHEMA, data: &data.$name },
                )?;
            )*
            parts.end()
        }

        fn data_of(parts: &mut Map<String, Value>) -> Result<ShopData, FileProblem> {
            Ok(ShopData { $($name: part::<$ty>(parts)?,)* })
        }
    };
}

crate::for_each_aggregate!(define_parts);
