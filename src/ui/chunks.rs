//! What a split point gives when its code cannot be had, shared by the lazy pages and the
//! lazy flows (`lazy_pages`, `lazy_flows`).

/// A split point's chunks could not be fetched or started (the network is gone, or the server
/// no longer has them). The split points are fallible, so this becomes a page, a notice or a
/// message that says so, not a panic that stops the app; the next use fetches them again.
pub struct ChunksMissing;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunksMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunksMissing
    }
}
