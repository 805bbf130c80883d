//! A panic must leave the shopper with an explanation, not a frozen page.

use std::panic;

use wasm_bindgen::JsCast;

pub fn install() {
    panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panel(&info.to_string());
    }));
}

/// Built with plain DOM calls: the reactive runtime may be the thing that broke.
fn show_panel(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("panic-panel");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "panic-title");
    let _ = panel.set_attribute("data-testid", "panic-panel");
    let heading = document.create_element("h2").ok();
    let text = document.create_element("p").ok();
    let pre = document.create_element("pre").ok();
    let reload = document.create_element("button").ok();
    if let (Some(h), Some(p), Some(pre), Some(button)) = (heading, text, pre, reload) {
        h.set_id("panic-title");
        h.set_text_content(Some("Something went wrong"));
        p.set_text_content(Some(
            "The shop hit an unexpected error and stopped. Your saved cart, orders and settings \
             are still in this browser. Reloading the page usually fixes it.",
        ));
        pre.set_text_content(Some(details));
        button.set_text_content(Some("Reload the page"));
        let _ = button.set_attribute("onclick", "location.reload()");
        for child in [&h, &p, &pre, &button] {
            let _ = panel.append_child(child);
        }
        let _ = body.append_child(&panel);
        if let Some(button) = button.dyn_ref::<web_sys::HtmlElement>() {
            let _ = button.focus();
        }
    }
}
