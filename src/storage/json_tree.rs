//! Reading a stored type from a JSON tree, and writing one into a tree, by way of JSON text.
//!
//! serde_json can read a type straight from a [`Value`] and write one into it, but each of
//! those builds a second copy of every stored type's reading or writing code into the wasm,
//! beside the copy for text that every load and save needs anyway. Going through the text
//! keeps one copy, for a little more work on the rare routes that hold a tree: a value of
//! an older schema, one that is not as this version wrote it, a shop file.
//!
//! The answers are the tree's: a key the stored text gave twice was settled when the tree
//! was built (the last one wins), so the text written from the tree has each key once.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// `T` read from `tree`, or why not, in serde's words without a text position: the text is
/// the tree's own, not anything a person wrote, so a line and column would point nowhere.
pub fn from_tree<T: DeserializeOwned>(tree: &Value) -> Result<T, String> {
    let text = serde_json::to_vec(tree).expect("a JSON tree writes to text");
    serde_json::from_slice(&text).map_err(|error| without_position(&error))
}

/// `value` as a JSON tree.
pub fn to_tree<T: Serialize>(value: &T) -> Value {
    let text = serde_json::to_vec(value).expect("stored values write to JSON");
    serde_json::from_slice(&text).expect("JSON text serde_json wrote reads back")
}

/// Whether `value` writes back to exactly `tree`: nothing in the tree would be lost or
/// changed by reading it as `value` and saving that.
pub fn writes_back_to<T: Serialize>(value: &T, tree: &Value) -> bool {
    to_tree(value) == *tree
}

fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_string(),
        None => text,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Plan {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        amounts: BTreeMap<String, i64>,
        state: State,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum State {
        Open,
        Failed { retries: u8 },
    }

    #[test]
    fn reads_what_serde_reads_from_the_tree_itself() {
        let trees = [
            json!({"id": "o1", "amounts": {"a": 1, "b": -2}, "state": {"kind": "open"}}),
            json!({"id": "o1", "note": "n", "amounts": {}, "state": {"kind": "failed", "retries": 3}}),
            json!({"id": "o1", "amounts": {}, "state": {"kind": "failed", "retries": 300}}),
            json!({"id": 7, "amounts": {}, "state": {"kind": "open"}}),
            json!({"id": "o1", "amounts": {}}),
            json!({"id": "o1", "amounts": {}, "state": {"kind": "lost"}}),
            json!(["o1", {}, {"kind": "open"}]),
            json!(null),
        ];
        for tree in trees {
            let direct = Plan::deserialize(&tree).map_err(|e| e.to_string());
            assert_eq!(from_tree::<Plan>(&tree), direct, "{tree}");
        }
    }

    #[test]
    fn a_key_given_twice_in_the_text_is_read_as_the_tree_settled_it() {
        let tree: Value = serde_json::from_str(
            r#"{"id":"first","id":"last","amounts":{},"state":{"kind":"open"}}"#,
        )
        .unwrap();
        assert_eq!(from_tree::<Plan>(&tree).unwrap().id, "last");
    }

    #[test]
    fn writes_back_to_the_same_tree_or_says_what_would_change() {
        let plan = Plan {
            id: "o1".into(),
            note: None,
            amounts: BTreeMap::from([("a".to_string(), 1)]),
            state: State::Failed { retries: 2 },
        };
        let tree = serde_json::to_value(&plan).unwrap();
        assert_eq!(to_tree(&plan), tree);
        assert!(writes_back_to(&plan, &tree));

        let mut with_unknown_field = tree.clone();
        with_unknown_field["extra"] = json!(true);
        assert!(!writes_back_to(&plan, &with_unknown_field));

        let mut with_empty_note = tree;
        with_empty_note["note"] = Value::Null;
        assert!(!writes_back_to(&plan, &with_empty_note));
    }

    /// Text of every kind: any Unicode, plain ASCII, and what JSON must escape.
    pub(crate) fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ -~]{0,12}",
            r#"[\\"/\x00-\x1f\u{80}-\u{10ffff}]{0,6}"#
        ]
    }

    /// Any JSON, with numbers of every kind: a number the text route read back one step off
    /// would show as a tree that no longer writes back to itself.
    pub(crate) fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            // Every finite number: each prints and parses back exactly (`float_roundtrip`).
            any::<f64>().prop_map(Value::from),
            any_text().prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::btree_map(any_text(), inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    fn any_plan() -> impl Strategy<Value = Plan> {
        let state = prop_oneof![
            Just(State::Open),
            any::<u8>().prop_map(|retries| State::Failed { retries }),
        ];
        (
            "[a-z]{0,4}",
            prop::option::of("[a-z]{0,4}"),
            prop::collection::btree_map("[a-z]{1,3}", any::<i64>(), 0..4),
            state,
        )
            .prop_map(|(id, note, amounts, state)| Plan {
                id,
                note,
                amounts,
                state,
            })
    }

    /// A plan's own tree, or that tree with one field set to any JSON.
    fn plan_like_tree() -> impl Strategy<Value = Value> {
        let field = prop::sample::select(vec!["id", "note", "amounts", "state", "extra"]);
        (any_plan(), prop::option::of((field, any_json()))).prop_map(|(plan, swap)| {
            let mut tree = serde_json::to_value(&plan).unwrap();
            if let Some((field, part)) = swap {
                tree[field] = part;
            }
            tree
        })
    }

    proptest! {
        #[test]
        fn the_text_route_answers_as_the_tree_route(
            tree in prop_oneof![any_json(), plan_like_tree()]
        ) {
            prop_assert_eq!(
                from_tree::<Plan>(&tree),
                Plan::deserialize(&tree).map_err(|e| e.to_string())
            );
            prop_assert_eq!(from_tree::<Value>(&tree), Ok(tree.clone()));
            prop_assert!(writes_back_to(&tree, &tree));
            if let Ok(plan) = Plan::deserialize(&tree) {
                let by_tree = serde_json::to_value(&plan).unwrap();
                prop_assert_eq!(writes_back_to(&plan, &tree), by_tree == tree);
            }
        }
    }
}
