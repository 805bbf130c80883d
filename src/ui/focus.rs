//! Moving focus to where the shopper's attention should go (an error, the next step).

use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

/// Focuses the element with `id` after the next paint, so an element the current update
/// is about to render can receive it.
pub fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus_now(id));
}

pub fn focus_now(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
