//! Large values are stored compressed. A generated history of 2,000 orders is about 18 MB of
//! JSON, while localStorage holds about five million UTF-16 characters per origin; the JSON
//! is very repetitive (the same field names, sellers and message texts on every order), so
//! deflate shrinks it roughly tenfold even after base64.
//!
//! Compressing beats reshaping the stored types. Measured on the 2,000-order history after
//! compression, each reshaping this was weighed against would save at most a few percent of
//! the 1.33 million characters now stored, and each needs a schema bump with a migration or
//! changes what the provider answers: dropping the idempotency ledger's recorded outcomes
//! about 33k characters (and replay needs them), the plan kept in each order record besides
//! the payment plan about 45k, a package's tracking copied from its tracking plan about 28k,
//! money as "149.00 USD" instead of an object about 23k. Only keeping every provider session
//! and token forever weighs more (about 210k), and forgetting them changes what the provider
//! answers for old ids.
//!
//! The format is zlib (RFC 1950: deflate plus an Adler-32 checksum, so a flipped character is
//! caught here rather than decoding into wrong data) in standard base64, because localStorage
//! holds strings and base64 is plain ASCII that JSON never escapes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The `encoding` an envelope names when its `data` is compressed.
pub const ENCODING: &str = "zlib+base64";

/// Values whose JSON is at most this long stay readable JSON (cart, clock, account): they are
/// small, and compressing them would save little and hide them from the developer tools.
pub const COMPRESS_ABOVE_BYTES: usize = 16 * 1024;

/// A compressed value may not inflate beyond this, so a corrupt or hostile value cannot
/// exhaust the tab's memory (2,000 orders inflate to about 8 MB, the largest aggregate).
pub const MAX_INFLATED_BYTES: usize = 64 * 1024 * 1024;

/// miniz's level 6 (its default) is the one that pays: level 1 is about twice as fast but
/// stores about 1.6 times the characters, and levels above 6 cost much more time for a few
/// percent (see `tests/storage_history.rs`).
const LEVEL: u8 = 6;

pub fn compress(json: &[u8]) -> String {
    STANDARD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, LEVEL))
}

/// The JSON bytes back, or why they could not be recovered.
pub fn decompress(text: &str) -> Result<Vec<u8>, String> {
    let packed = STANDARD
        .decode(text)
        .map_err(|e| format!("the compressed data is not base64: {e}"))?;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_INFLATED_BYTES)
        .map_err(|e| format!("the compressed data is damaged: {e}"))
}
