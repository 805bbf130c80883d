//! A small shop as a link: the file's text compressed into the address's fragment
//! (`#shop=...`), which browsers never send to a server. Opening it offers the shop with the
//! same checks as a file.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::problem::FileProblem;
use super::MAX_FILE_BYTES;

/// What the fragment starts with.
pub const LINK_KEY: &str = "shop=";
/// A link holds at most this many characters of packed shop: links this long still survive
/// chat apps and mail clients.
pub const MAX_LINK_CHARS: usize = 8 * 1024;

/// Why a shop cannot be shared as a link.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "This shop packs into {} KB; a link holds at most {} KB. Save it to a file instead.",
    chars.div_ceil(1024),
    MAX_LINK_CHARS / 1024
)]
pub struct TooLongForALink {
    pub chars: usize,
}

/// The fragment (without `#`) that carries `file_text`.
pub fn to_fragment(file_text: &str) -> Result<String, TooLongForALink> {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(file_text.as_bytes(), 9);
    let encoded = URL_SAFE_NO_PAD.encode(packed);
    if encoded.len() > MAX_LINK_CHARS {
        return Err(TooLongForALink {
            chars: encoded.len(),
        });
    }
    Ok(format!("{LINK_KEY}{encoded}"))
}

/// Whether a fragment carries a shared shop (which may still not unpack): a check that
/// needs none of the code that reads one.
pub fn holds_a_shop(fragment: &str) -> bool {
    packed_shop(fragment).is_some()
}

/// The file's text a fragment carries: `None` when the fragment is not a shared shop at
/// all, `Some(Err)` when it is one that cannot be unpacked.
pub fn from_fragment(fragment: &str) -> Option<Result<String, FileProblem>> {
    packed_shop(fragment).map(unpack)
}

fn packed_shop(fragment: &str) -> Option<&str> {
    fragment.trim_start_matches('#').strip_prefix(LINK_KEY)
}

fn unpack(encoded: &str) -> Result<String, FileProblem> {
    let bad = |why: String| FileProblem::BadLink(why);
    if encoded.len() > MAX_LINK_CHARS * 2 {
        return Err(bad(format!("it is {} characters long", encoded.len())));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|_| bad("it was cut or changed".into()))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_FILE_BYTES)
        .map_err(|_| bad("it was cut or changed".into()))?;
    String::from_utf8(bytes).map_err(|_| bad("it does not hold text".into()))
}
