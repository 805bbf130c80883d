//! What can be wrong with a shop file, in words that name the problem and leave the shop
//! untouched.

use super::{FORMAT, MAX_FILE_BYTES, VERSION};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("The file is empty.")]
    Empty,
    #[error(
        "The file is {} MB; a shop file is at most {} MB.",
        megabytes(*bytes),
        MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge { bytes: usize },
    #[error("The file is not JSON ({0}).")]
    NotJson(String),
    #[error("The file ends too early: it may have been cut short while saving or copying ({0}).")]
    Truncated(String),
    #[error("The file is not a bnpl-market shop file: it does not say \"format\": \"{FORMAT}\".")]
    NotAShopFile,
    #[error("The file is a \"{0}\" file, not a bnpl-market shop file.")]
    OtherFormat(String),
    #[error("The file has no format version.")]
    NoVersion,
    #[error(
        "The file was saved by a newer bnpl-market (format version {found}); this one reads up to version {VERSION}."
    )]
    NewerVersion { found: u64 },
    #[error("The file does not say when it was saved (\"saved_at\").")]
    NoSavedAt,
    #[error("The file holds no parts of a shop (\"parts\").")]
    NoParts,
    #[error("The file has no \"{0}\" part.")]
    MissingPart(&'static str),
    #[error("The file has a part this version does not know: \"{0}\".")]
    UnknownPart(String),
    #[error("The file's \"{part}\" part cannot be used: {problem}.")]
    BadPart { part: &'static str, problem: String },
    #[error("The file's parts do not agree: {0}.")]
    Inconsistent(String),
    #[error("The link does not hold a shop: {0}. Ask for the link again, or for the file.")]
    BadLink(String),
    #[error(
        "The file has markup in a text ({place}). A shop never writes markup, so the file was changed by hand or by something else."
    )]
    Markup { place: String },
}

impl FileProblem {
    pub(super) fn not_json(e: serde_json::Error) -> FileProblem {
        if e.is_eof() {
            FileProblem::Truncated(e.to_string())
        } else {
            FileProblem::NotJson(e.to_string())
        }
    }
}

/// One decimal, rounded up: a file just over the limit never reads as "32.0 MB".
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}
