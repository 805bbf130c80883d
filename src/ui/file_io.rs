//! Files in and out of the browser: a text offered as a download, a chosen or dropped file
//! read as text.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

fn reason(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Error::from(e).message().as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

/// Offers `text` as a file named `name`, as a link with `download` does.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(reason)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(reason)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(reason)?
        .dyn_into()
        .map_err(|_| "not a link")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has its own copy once it started; the next task frees the blob.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_millis(0),
    );
    Ok(())
}

/// The file's whole text, decoded as UTF-8.
pub async fn read_text(file: &File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(reason)?;
    text.as_string()
        .ok_or_else(|| "the file did not read as text".into())
}
