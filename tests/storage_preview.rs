//! The preview of a small aggregate (`storage::repository::preview`), which the first page
//! shows before the code that reads it in full has arrived: whenever it gives a value, the
//! full read gives that very value without a problem, and it declines everything else.

use bnpl_market::app::clock::ClockState;
use bnpl_market::domain::cart::Cart;
use bnpl_market::storage::envelope::{encode, encode_packed, storage_key};
use bnpl_market::storage::journal::JOURNAL_KEY;
use bnpl_market::storage::repository::preview;
use bnpl_market::storage::{load, save, Aggregate, KeyValueStore, MemoryStore};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// A count that must never be negative (`Aggregate::check`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Tally {
    count: i64,
}

impl Aggregate for Tally {
    const NAME: &'static str = "tally";
    const SCHEMA: u32 = 1;
    const LABEL: &'static str = "the test tally";

    fn check(&self) -> Result<(), String> {
        match self.count < 0 {
            true => Err("a negative count".into()),
            false => Ok(()),
        }
    }
}

fn closed_guide() -> ClockState {
    ClockState {
        guide_dismissed: true,
        ..ClockState::default()
    }
}

fn stored(raw: &str) -> MemoryStore {
    let store = MemoryStore::default();
    store.set(&storage_key::<ClockState>(), raw).unwrap();
    store
}

/// The preview, checked against the full read: a value it gives is the full read's, which
/// met no problem.
fn previewed<A: Aggregate + std::fmt::Debug>(store: &MemoryStore) -> Option<A> {
    let seen = preview::<A>(store);
    if let Some(value) = &seen {
        let loaded = load::<A>(store);
        assert_eq!(
            loaded.problem, None,
            "the full read accepts what was previewed"
        );
        assert_eq!(
            &loaded.value, value,
            "the full read gives what was previewed"
        );
    }
    seen
}

#[test]
fn nothing_stored_previews_the_empty_value() {
    let store = MemoryStore::default();
    assert_eq!(previewed::<Cart>(&store), Some(Cart::default()));
    assert_eq!(previewed::<ClockState>(&store), Some(ClockState::default()));
}

#[test]
fn a_value_the_app_saved_is_previewed_as_stored() {
    let store = MemoryStore::default();
    save(&store, &closed_guide(), 3).unwrap();
    assert_eq!(previewed::<ClockState>(&store), Some(closed_guide()));
}

#[test]
fn what_only_the_full_read_can_judge_is_declined() {
    let data = serde_json::to_string(&closed_guide()).unwrap();
    let data = data.as_str();
    let current = ClockState::SCHEMA;
    let cases = [
        ("compressed", encode_packed(current, 1, data)),
        (
            "an older schema, which migrates",
            r#"{"schema":1,"rev":4,"data":{"clock":{"offset_seconds":691200},"processed_until":null}}"#.to_string(),
        ),
        ("a newer schema", format!(r#"{{"schema":{},"rev":1,"data":{data}}}"#, current + 1)),
        (
            "other whitespace in the data",
            format!(r#"{{"schema":{current},"rev":1,"data":{}}}"#, data.replacen('{', "{ ", 1)),
        ),
        (
            "an unknown field",
            format!(r#"{{"schema":{current},"rev":1,"data":{}}}"#, data.replacen('{', r#"{"colour":"red","#, 1)),
        ),
        ("not JSON", "{\"schema\":".to_string()),
        ("an array", format!("[{current},1,{data}]")),
        ("empty", String::new()),
    ];
    for (what, raw) in cases {
        assert_eq!(previewed::<ClockState>(&stored(&raw)), None, "{what}");
    }
    // Taken the other way, the same data previews: the cases above decline for what they say.
    let plain = format!(r#"{{"schema":{current},"rev":1,"data":{data}}}"#);
    assert_eq!(
        previewed::<ClockState>(&stored(&plain)).map(|c| c.guide_dismissed),
        Some(true)
    );
}

#[test]
fn a_value_that_fails_its_check_is_declined() {
    let store = MemoryStore::default();
    store
        .set(&storage_key::<Tally>(), &encode(&Tally { count: -1 }, 1))
        .unwrap();
    assert_eq!(previewed::<Tally>(&store), None);
    store
        .set(&storage_key::<Tally>(), &encode(&Tally { count: 2 }, 1))
        .unwrap();
    assert_eq!(previewed::<Tally>(&store), Some(Tally { count: 2 }));
}

#[test]
fn nothing_is_previewed_while_a_half_done_commit_waits() {
    let store = MemoryStore::default();
    save(&store, &closed_guide(), 1).unwrap();
    store.set(JOURNAL_KEY, "{}").unwrap();
    assert_eq!(preview::<ClockState>(&store), None);
    assert_eq!(preview::<Cart>(&store), None, "not even an empty value");
}

proptest! {
    /// Any one character of a saved value replaced, inserted or removed: the preview either
    /// declines or gives exactly what the full read gives.
    #[test]
    fn an_edited_value_is_previewed_only_as_the_full_read_has_it(
        at in 0usize..200,
        edit in 0u8..3,
        with in prop::sample::select(vec![' ', '0', '1', '9', '"', ',', '}', '{', 'x', 't', '-', ':']),
    ) {
        let mut raw: Vec<char> = encode(&closed_guide(), 7).chars().collect();
        let at = at % (raw.len() + 1);
        match edit {
            0 if at < raw.len() => raw[at] = with,
            1 => raw.insert(at, with),
            _ if at < raw.len() => { raw.remove(at); }
            _ => raw.push(with),
        }
        let raw: String = raw.into_iter().collect();
        previewed::<ClockState>(&stored(&raw));
    }
}
