//! The storage codec, versioning, migration and quarantine rules, run natively.

use bnpl_market::storage::compression::{
    compress, COMPRESS_ABOVE_BYTES, ENCODING, MAX_INFLATED_BYTES,
};
use bnpl_market::storage::envelope::{decode, encode, storage_key, MAX_VALUE_CHARS};
use bnpl_market::storage::repository::{quarantined_keys, QUARANTINE_PREFIX};
use bnpl_market::storage::tab_copy::{TabCopy, TabNotice};
use bnpl_market::storage::{
    load, save, Aggregate, DecodeError, KeyValueStore, LoadProblem, MemoryStore, StoreError,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Schema 2 renamed `items` to `lines`; schema 1 data must still load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Basket {
    lines: Vec<String>,
    note: Option<String>,
}

impl Aggregate for Basket {
    const NAME: &'static str = "basket";
    const SCHEMA: u32 = 2;
    const LABEL: &'static str = "your basket";

    fn migrate(from: u32, mut data: Value) -> Result<Value, String> {
        match from {
            1 => {
                let obj = data
                    .as_object_mut()
                    .ok_or("schema 1 data is not an object")?;
                let items = obj.remove("items").ok_or("schema 1 data has no items")?;
                obj.insert("lines".into(), items);
                obj.entry("note").or_insert(Value::Null);
                Ok(data)
            }
            other => Err(format!("unknown schema {other}")),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Profile {
    name: String,
}

impl Aggregate for Profile {
    const NAME: &'static str = "profile";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "your profile";
}

fn basket() -> Basket {
    Basket {
        lines: vec!["lamp".into(), "mug".into()],
        note: Some("gift".into()),
    }
}

#[test]
fn encode_then_decode_round_trips_with_revision() {
    let raw = encode(&basket(), 7);
    let stored = decode::<Basket>(&raw).unwrap();
    assert_eq!(stored.value, basket());
    assert_eq!(stored.rev, 7);
    assert_eq!(stored.found_schema, 2);
    assert!(raw.starts_with(r#"{"schema":2,"rev":7,"data":"#), "{raw}");
}

#[test]
fn older_schema_is_migrated() {
    let raw = json!({"schema": 1, "rev": 3, "data": {"items": ["lamp"]}}).to_string();
    let stored = decode::<Basket>(&raw).unwrap();
    assert_eq!(
        stored.value,
        Basket {
            lines: vec!["lamp".into()],
            note: None
        }
    );
    assert_eq!(stored.found_schema, 1);
    assert_eq!(stored.rev, 3);
}

#[test]
fn failed_migration_is_reported_with_its_reason() {
    let raw = json!({"schema": 1, "rev": 3, "data": {"things": []}}).to_string();
    assert_eq!(
        decode::<Basket>(&raw).unwrap_err(),
        DecodeError::MigrationFailed {
            from: 1,
            reason: "schema 1 data has no items".into()
        }
    );
}

/// A stored value and the check its decode error must pass.
type CorruptionCase = (String, fn(&DecodeError) -> bool);

#[test]
fn each_kind_of_corruption_is_named() {
    let cases: Vec<CorruptionCase> = vec![
        ("".into(), |e| *e == DecodeError::Empty),
        ("   ".into(), |e| *e == DecodeError::Empty),
        (r#"{"schema":2,"rev":1,"data":"#.into(), |e| {
            matches!(e, DecodeError::NotJson(_))
        }),
        ("null".into(), |e| matches!(e, DecodeError::WrongShape(_))),
        ("[1,2,3]".into(), |e| {
            matches!(e, DecodeError::WrongShape(_))
        }),
        (r#""just a string""#.into(), |e| {
            matches!(e, DecodeError::WrongShape(_))
        }),
        (
            r#"{"schema":2,"rev":1,"data":{"lines":"lamp","note":null}}"#.into(),
            |e| matches!(e, DecodeError::WrongShape(_)),
        ),
        (
            r#"{"schema":"two","rev":1,"data":{"lines":[],"note":null}}"#.into(),
            |e| matches!(e, DecodeError::WrongShape(_)),
        ),
        (
            r#"{"schema":9,"rev":1,"data":{"lines":[],"note":null}}"#.into(),
            |e| {
                *e == DecodeError::FutureSchema {
                    found: 9,
                    supported: 2,
                }
            },
        ),
        (
            r#"{"schema":2,"rev":1,"data":{"lines":[],"note":null,"colour":"red"}}"#.into(),
            |e| matches!(e, DecodeError::WrongShape(_)),
        ),
        (
            r#"{"schema":2,"rev":1,"extra":true,"data":{"lines":[],"note":null}}"#.into(),
            |e| matches!(e, DecodeError::WrongShape(_)),
        ),
        ("x".repeat(MAX_VALUE_CHARS + 1), |e| {
            matches!(e, DecodeError::TooLarge { .. })
        }),
    ];
    for (raw, expected) in cases {
        let err = decode::<Basket>(&raw).expect_err("corrupt value must not decode");
        assert!(
            expected(&err),
            "{:?} gave {err:?}",
            &raw[..raw.len().min(60)]
        );
        assert!(!err.describe().is_empty());
    }
}

#[test]
fn bad_value_is_quarantined_and_other_aggregates_still_load() {
    let store = MemoryStore::default();
    save(&store, &Profile { name: "Ada".into() }, 0).unwrap();
    store.set(&storage_key::<Basket>(), "{not json").unwrap();

    let basket = load::<Basket>(&store);
    assert_eq!(basket.value, Basket::default());
    let Some(LoadProblem::Quarantined { moved_to, error }) = basket.problem else {
        panic!("expected quarantine, got {:?}", basket.problem)
    };
    assert!(matches!(error, DecodeError::NotJson(_)));
    assert_eq!(moved_to, format!("{QUARANTINE_PREFIX}basket.1"));
    assert_eq!(store.get(&moved_to).unwrap().as_deref(), Some("{not json"));
    assert_eq!(store.get(&storage_key::<Basket>()).unwrap(), None);

    let profile = load::<Profile>(&store);
    assert_eq!(profile.value.name, "Ada");
    assert_eq!(profile.problem, None);
}

#[test]
fn a_second_quarantine_never_overwrites_the_first() {
    let store = MemoryStore::default();
    store.set("bnpl.basket", "first bad").unwrap();
    load::<Basket>(&store);
    store.set("bnpl.basket", "second bad").unwrap();
    load::<Basket>(&store);
    assert_eq!(
        store.get("bnpl.quarantine.basket.1").unwrap().as_deref(),
        Some("first bad")
    );
    assert_eq!(
        store.get("bnpl.quarantine.basket.2").unwrap().as_deref(),
        Some("second bad")
    );
    assert_eq!(quarantined_keys(&store).len(), 2);
}

#[test]
fn quarantine_fits_even_when_the_copy_would_not_fit_beside_the_original() {
    let bad = "z".repeat(600);
    let store = MemoryStore::with_quota(1000);
    store.set("bnpl.basket", &bad).unwrap();
    let loaded = load::<Basket>(&store);
    assert!(matches!(
        loaded.problem,
        Some(LoadProblem::Quarantined { .. })
    ));
    assert_eq!(store.get("bnpl.quarantine.basket.1").unwrap(), Some(bad));
}

/// A store whose writes always fail, as with storage disabled by policy.
struct ReadOnlyStore(MemoryStore);

impl KeyValueStore for ReadOnlyStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get(key)
    }
    fn set(&self, _: &str, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("writes are blocked".into()))
    }
    fn remove(&self, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("writes are blocked".into()))
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.0.keys()
    }
}

#[test]
fn a_bad_value_that_cannot_be_moved_stays_and_blocks_saving() {
    let inner = MemoryStore::default();
    inner.set("bnpl.basket", "garbage").unwrap();
    let store = ReadOnlyStore(inner);
    let loaded = load::<Basket>(&store);
    let problem = loaded.problem.expect("a problem is reported");
    assert!(problem.blocks_saving().is_some());
    assert_eq!(
        store.get("bnpl.basket").unwrap().as_deref(),
        Some("garbage")
    );
}

/// An old tab left open after a deploy must never destroy what the new version saved.
#[test]
fn a_value_from_a_newer_version_stays_where_it_is_and_blocks_saving() {
    let store = MemoryStore::default();
    let newer = r#"{"schema":3,"rev":8,"data":{"lines":["lamp"],"note":null,"gift":true}}"#;
    store.set("bnpl.basket", newer).unwrap();
    let loaded = load::<Basket>(&store);
    let problem = loaded.problem.expect("a problem is reported");
    assert!(
        matches!(problem, LoadProblem::FromNewerVersion(_)),
        "{problem:?}"
    );
    assert!(problem.blocks_saving().unwrap().contains("reload"));
    assert_eq!(store.get("bnpl.basket").unwrap().as_deref(), Some(newer));
    assert_eq!(
        quarantined_keys(&store),
        Vec::<String>::new(),
        "not moved aside"
    );
    // The same value arriving from another tab: this tab keeps its own and stops saving.
    let other = MemoryStore::default();
    save(&other, &basket(), 0).unwrap();
    let (mut value, mut tab, _) = TabCopy::<Basket>::load(&other, 1);
    other.set("bnpl.basket", newer).unwrap();
    let mut said = Vec::new();
    assert!(!tab.heard(&other, &mut value, "bnpl.basket", Some(newer), &mut said));
    assert_eq!(
        said,
        [TabNotice::NewerVersion(DecodeError::FutureSchema {
            found: 3,
            supported: 2
        })]
    );
    let (changed, ()) = tab.update(
        &other,
        &mut value,
        |b| {
            b.lines.push("mug".into());
            (true, ())
        },
        &mut said,
    );
    assert!(changed, "the change is kept in the tab");
    assert_eq!(
        other.get("bnpl.basket").unwrap().as_deref(),
        Some(newer),
        "not overwritten"
    );
}

#[test]
fn a_failed_save_reports_quota_and_leaves_the_old_value() {
    let store = MemoryStore::with_quota(120);
    let rev = save(&store, &Basket::default(), 0).unwrap();
    let big = Basket {
        lines: vec!["x".repeat(200)],
        note: None,
    };
    assert_eq!(save(&store, &big, rev), Err(StoreError::QuotaExceeded));
    assert_eq!(load::<Basket>(&store).value, Basket::default());
}

#[test]
fn revisions_increase_with_each_save() {
    let store = MemoryStore::default();
    let r1 = save(&store, &basket(), 0).unwrap();
    let r2 = save(&store, &basket(), r1).unwrap();
    assert_eq!((r1, r2), (1, 2));
    assert_eq!(load::<Basket>(&store).rev, 2);
}

#[test]
fn a_tab_takes_in_what_another_tab_stored_reports_what_it_cannot_read_and_follows_a_removal() {
    let store = MemoryStore::default();
    let (mut value, mut tab, _) = TabCopy::<Basket>::load(&store, 1);
    let mut said = Vec::new();
    let mut hear = |tab: &mut TabCopy<Basket>, value: &mut Basket, raw: Option<&str>| {
        match raw {
            Some(raw) => store.set("bnpl.basket", raw).unwrap(),
            None => store.remove("bnpl.basket").unwrap(),
        }
        tab.heard(&store, value, "bnpl.basket", raw, &mut said)
    };
    assert!(hear(&mut tab, &mut value, Some(&encode(&basket(), 5))));
    assert_eq!(value, basket());
    assert!(!hear(&mut tab, &mut value, Some("{")), "keeps its own");
    assert_eq!(value, basket());
    assert!(hear(&mut tab, &mut value, None));
    assert_eq!(value, Basket::default());
    assert!(
        !tab.heard(&store, &mut value, "bnpl.other", None, &mut said),
        "another key"
    );
    assert!(
        matches!(
            said.as_slice(),
            [TabNotice::Unreadable(DecodeError::NotJson(_))]
        ),
        "{said:?}"
    );
}

/// A basket large enough to be stored compressed, with a little variety so deflate has work.
fn large_basket() -> Basket {
    Basket {
        lines: (0..4_000)
            .map(|i| format!("line {i} of a long order"))
            .collect(),
        note: Some("gift".into()),
    }
}

fn packed_data(raw: &str) -> String {
    let envelope: Value = serde_json::from_str(raw).unwrap();
    envelope["data"]
        .as_str()
        .expect("compressed data is a string")
        .to_owned()
}

fn with_data(raw: &str, data: Value) -> String {
    let mut envelope: Value = serde_json::from_str(raw).unwrap();
    envelope["data"] = data;
    envelope.to_string()
}

#[test]
fn large_values_are_stored_compressed_and_round_trip() {
    let big = large_basket();
    let plain_len = serde_json::to_string(&big).unwrap().len();
    assert!(plain_len > COMPRESS_ABOVE_BYTES);
    let raw = encode(&big, 4);
    assert!(
        raw.starts_with(&format!(
            r#"{{"schema":2,"rev":4,"encoding":"{ENCODING}","data":""#
        )),
        "{}",
        &raw[..80]
    );
    assert!(raw.len() * 4 < plain_len, "{} vs {plain_len}", raw.len());
    let stored = decode::<Basket>(&raw).unwrap();
    assert_eq!((stored.value, stored.rev, stored.found_schema), (big, 4, 2));
}

#[test]
fn the_threshold_decides_between_plain_and_compressed() {
    let sized = |len: usize| Basket {
        lines: vec!["x".repeat(len)],
        note: None,
    };
    let around_the_line = serde_json::to_string(&sized(0)).unwrap().len();
    let at_threshold = sized(COMPRESS_ABOVE_BYTES - around_the_line);
    assert_eq!(
        serde_json::to_string(&at_threshold).unwrap().len(),
        COMPRESS_ABOVE_BYTES
    );
    let raw = encode(&at_threshold, 1);
    assert!(raw.starts_with(r#"{"schema":2,"rev":1,"data":{"#));
    assert_eq!(decode::<Basket>(&raw).unwrap().value, at_threshold);

    let above = sized(COMPRESS_ABOVE_BYTES - around_the_line + 1);
    let raw = encode(&above, 1);
    assert!(raw.contains(ENCODING));
    assert_eq!(decode::<Basket>(&raw).unwrap().value, above);
}

#[test]
fn plain_values_of_any_size_still_load() {
    // Written before compression existed: a large value in the plain form.
    let big = large_basket();
    let raw = json!({"schema": 2, "rev": 9, "data": big}).to_string();
    assert_eq!(decode::<Basket>(&raw).unwrap().value, big);
}

#[test]
fn compressed_older_schema_is_migrated() {
    let items: Vec<String> = (0..4_000).map(|i| format!("item {i}")).collect();
    let old = json!({"items": items}).to_string();
    let raw =
        json!({"schema": 1, "rev": 2, "encoding": ENCODING, "data": compress(old.as_bytes())})
            .to_string();
    let stored = decode::<Basket>(&raw).unwrap();
    assert_eq!(stored.value.lines, items);
    assert_eq!(stored.found_schema, 1);
}

/// A damaged value, what was done to it, and the check its decode error must pass.
type NamedCorruptionCase = (&'static str, String, fn(&DecodeError) -> bool);

#[test]
fn each_kind_of_damaged_compressed_value_is_named() {
    let raw = encode(&large_basket(), 3);
    let packed = packed_data(&raw);

    let mut flipped = packed.clone().into_bytes();
    let middle = flipped.len() / 2;
    flipped[middle] = if flipped[middle] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(flipped).unwrap();

    let cases: Vec<NamedCorruptionCase> = vec![
        (
            "truncated",
            with_data(&raw, json!(packed[..packed.len() / 2])),
            |e| matches!(e, DecodeError::BadEncoding(_)),
        ),
        (
            "one character changed",
            with_data(&raw, json!(flipped)),
            |e| matches!(e, DecodeError::BadEncoding(_)),
        ),
        (
            "not base64",
            with_data(&raw, json!("%%%not base64%%%")),
            |e| matches!(e, DecodeError::BadEncoding(_)),
        ),
        (
            "base64 of no zlib stream",
            with_data(&raw, json!("aGVsbG8gd29ybGQ=")),
            |e| matches!(e, DecodeError::BadEncoding(_)),
        ),
        (
            "data not a string",
            with_data(&raw, json!({"lines": [], "note": null})),
            |e| matches!(e, DecodeError::BadEncoding(_)),
        ),
        (
            "unknown encoding",
            raw.replace(ENCODING, "brotli+base64"),
            |e| matches!(e, DecodeError::BadEncoding(_)),
        ),
        (
            "compressed text that is not JSON",
            with_data(&raw, json!(compress(b"{\"lines\":[\"lamp\""))),
            |e| matches!(e, DecodeError::NotJson(_)),
        ),
        (
            "compressed JSON of the wrong shape",
            with_data(&raw, json!(compress(br#"{"lines":"lamp","note":null}"#))),
            |e| matches!(e, DecodeError::WrongShape(_)),
        ),
        (
            "compressed JSON with a field this version would drop",
            with_data(
                &raw,
                json!(compress(br#"{"lines":[],"note":null,"colour":"red"}"#)),
            ),
            |e| matches!(e, DecodeError::WrongShape(_)),
        ),
    ];
    for (name, bad, expected) in cases {
        let err = decode::<Basket>(&bad).expect_err(name);
        assert!(expected(&err), "{name}: {err:?}");
        assert!(!err.describe().is_empty());
    }
}

#[test]
fn a_value_that_inflates_beyond_the_limit_is_refused() {
    let bomb = vec![b' '; MAX_INFLATED_BYTES + 1];
    let raw =
        json!({"schema": 2, "rev": 1, "encoding": ENCODING, "data": compress(&bomb)}).to_string();
    assert!(raw.len() < MAX_VALUE_CHARS, "the bomb itself is small");
    assert!(matches!(
        decode::<Basket>(&raw),
        Err(DecodeError::BadEncoding(_))
    ));
}

#[test]
fn a_damaged_compressed_value_is_quarantined_as_stored() {
    let store = MemoryStore::default();
    let raw = encode(&large_basket(), 1);
    let damaged = with_data(&raw, json!(packed_data(&raw)[..100]));
    store.set(&storage_key::<Basket>(), &damaged).unwrap();
    let loaded = load::<Basket>(&store);
    assert_eq!(loaded.value, Basket::default());
    let Some(LoadProblem::Quarantined { error, moved_to }) = loaded.problem else {
        panic!("expected quarantine, got {:?}", loaded.problem)
    };
    assert!(matches!(error, DecodeError::BadEncoding(_)));
    assert_eq!(store.get(&moved_to).unwrap(), Some(damaged));
    assert_eq!(store.get(&storage_key::<Basket>()).unwrap(), None);
}

#[test]
fn a_saved_large_value_loads_back() {
    let store = MemoryStore::default();
    let rev = save(&store, &large_basket(), 0).unwrap();
    let loaded = load::<Basket>(&store);
    assert_eq!(
        (loaded.value, loaded.rev, loaded.problem),
        (large_basket(), rev, None)
    );
}

/// A clock saved by the version that stored whole seconds loads with the same offset.
#[test]
fn a_clock_stored_in_whole_seconds_is_migrated_to_milliseconds() {
    use bnpl_market::app::clock::ClockState;
    let raw = r#"{"schema":1,"rev":4,"data":{"clock":{"offset_seconds":691200},"processed_until":"2026-12-09T12:02:53.594Z"}}"#;
    let stored = decode::<ClockState>(raw).expect("schema 1 clock migrates");
    assert_eq!(stored.found_schema, 1);
    assert_eq!(stored.value.clock.offset, chrono::Duration::days(8));
    assert_eq!(
        stored.value.processed_until.map(|t| t.timestamp_millis()),
        Some(1_796_817_773_594)
    );
    let again = decode::<ClockState>(&encode(&stored.value, 5)).unwrap();
    assert_eq!(again.value, stored.value);
}
