//! `application/x-www-form-urlencoded` by hand: the domain stays free of web crates, and the
//! few rules are easy to get exactly right.

pub(super) fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Never fails: a broken escape such as `%zz` is kept as typed, and bytes that are not
/// UTF-8 become U+FFFD, because a hand-edited or truncated URL must still open the shop.
pub(super) fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let escaped = bytes
                    .get(i + 1..i + 3)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                if let Some(byte) = escaped {
                    out.push(byte);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Pairs in order; a leading `?` is allowed and empty pieces (`a=1&&b=2`) are skipped.
pub(super) fn parse_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            (decode_component(key), decode_component(value))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_unicode() {
        assert_eq!(encode_component("red & blue"), "red+%26+blue");
        assert_eq!(encode_component("café"), "caf%C3%A9");
        assert_eq!(encode_component("a+b=c"), "a%2Bb%3Dc");
    }

    #[test]
    fn decoding_is_tolerant() {
        assert_eq!(decode_component("caf%C3%A9+au+lait"), "café au lait");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }

    #[test]
    fn pairs_skip_empty_pieces() {
        let pairs: Vec<_> = parse_pairs("?a=1&&b&c=x%20y").collect();
        assert_eq!(
            pairs,
            [
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), String::new()),
                ("c".to_string(), "x y".to_string()),
            ]
        );
    }
}
