//! The checks a file passes beyond each part decoding on its own: the parts agree with each
//! other and with the moment the file was saved, and no text holds markup.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::app::ShopData;

/// Every plan belongs to an order, every order is known to the provider, and nothing
/// happened after the file was saved (the clock could not be set to resume there).
pub(super) fn agree(data: &ShopData, saved_at: DateTime<Utc>) -> Result<(), String> {
    for order_id in data.payments.accounts.keys() {
        if data.orders.get(order_id).is_none() {
            return Err(format!(
                "a payment plan belongs to order {order_id}, which the file does not have"
            ));
        }
    }
    for record in data.orders.records() {
        let id = record.order.id();
        if !data.provider.has_order(&record.klarna_order_id) {
            return Err(format!(
                "order {id} was paid through a Klarna order the file does not have"
            ));
        }
        if record.order.placed_at() > saved_at {
            return Err(format!("order {id} was placed after the file was saved"));
        }
    }
    if data
        .clock
        .processed_until
        .is_some_and(|done| done > saved_at)
    {
        return Err("the clock had run past the moment the file was saved".into());
    }
    if data.inbox.newest_first().any(|m| m.sent_at > saved_at) {
        return Err("a message was sent after the file was saved".into());
    }
    Ok(())
}

/// Where the first text that looks like markup (`<b`, `</`, `<!`, `<?`) is, as a path
/// through the file's parts ("orders.records.BM-000001.order.lines[0].product_name").
pub(super) fn markup_in(parts: &Map<String, Value>) -> Option<String> {
    parts
        .iter()
        .find_map(|(key, value)| markup_at(value).map(|rest| format!("{key}{rest}")))
}

fn markup_at(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => looks_like_markup(text).then(String::new),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| markup_at(item).map(|rest| format!("[{i}]{rest}"))),
        Value::Object(fields) => fields.iter().find_map(|(key, field)| {
            // A key can hold markup as well as a value.
            if looks_like_markup(key) {
                return Some(format!(".{key}"));
            }
            markup_at(field).map(|rest| format!(".{key}{rest}"))
        }),
        _ => None,
    }
}

fn looks_like_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn markup_is_found_with_where_it_is_and_plain_comparisons_are_not_markup() {
        let parts = json!({
            "cart": {"data": {"lines": []}},
            "orders": {"data": {"records": {"BM-1": {"lines": [{"name": "Tent"}, {"name": "Mug <img src=x>"}]}}}}
        });
        assert_eq!(
            markup_in(parts.as_object().unwrap()).as_deref(),
            Some("orders.data.records.BM-1.lines[1].name")
        );
        for plain in ["3 < 4", "a <3 b", "<", "x<", "price < $5"] {
            assert!(!looks_like_markup(plain), "{plain}");
        }
        for markup in ["<script>", "</b>", "<!-- x -->", "<?xml", "a<b"] {
            assert!(looks_like_markup(markup), "{markup}");
        }
        let in_a_key = json!({"inbox": {"<b>": 1}});
        assert_eq!(
            markup_in(in_a_key.as_object().unwrap()).as_deref(),
            Some("inbox.<b>")
        );
    }
}
