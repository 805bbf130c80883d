//! An accessible modal dialog: rendered at the end of `<body>`, labelled by its heading,
//! focus moved in on open and kept inside (Tab and Shift+Tab wrap), Escape closes, the rest
//! of the page is `inert` while it is open, and focus goes back to whatever opened it.

use std::cell::RefCell;

use leptos::portal::Portal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// What can take focus with Tab. Disabled controls and `tabindex="-1"` cannot.
const TABBABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";
/// Marks the elements this dialog made inert, so closing it frees exactly those.
const INERT_MARK: &str = "data-inert-behind-dialog";

thread_local! {
    /// The element focused when the dialog opened; one modal is open at a time.
    static OPENER: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
}

#[component]
pub fn ModalDialog(
    open: RwSignal<bool>,
    /// The id of the element (usually the heading) that names the dialog.
    title_id: &'static str,
    /// False while something must not be interrupted (Escape does nothing then).
    #[prop(into)]
    can_close: Signal<bool>,
    #[prop(optional)] test_id: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <DialogSurface open title_id can_close test_id children=children.clone() />
        </Show>
    }
}

#[component]
fn DialogSurface(
    open: RwSignal<bool>,
    title_id: &'static str,
    can_close: Signal<bool>,
    test_id: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    OPENER.with(|o| *o.borrow_mut() = focused_element());
    let dialog_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(dialog) = dialog_ref.get() {
            make_background_inert(&dialog);
            focus_first(&dialog);
        }
    });
    on_cleanup(|| {
        release_background();
        // The opener may be gone (a link in the dialog left the page); then focus stays put.
        if let Some(opener) = OPENER.with(|o| o.borrow_mut().take()) {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            if can_close.get_untracked() {
                open.set(false);
            }
        }
        "Tab" => {
            if let Some(dialog) = dialog_ref.get_untracked() {
                keep_tab_inside(&dialog, &ev);
            }
        }
        _ => {}
    };
    view! {
        <Portal>
            <div class="dialog-backdrop">
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby=title_id
                    tabindex="-1"
                    data-testid=(!test_id.is_empty()).then_some(test_id)
                    node_ref=dialog_ref
                    on:keydown=on_keydown
                >
                    {children()}
                </div>
            </div>
        </Portal>
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn focused_element() -> Option<HtmlElement> {
    document()?
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// The elements Tab would stop at, in document order, leaving out hidden ones.
fn tabbables(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(TABBABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.get_client_rects().length() > 0 && !is_unchecked_grouped_radio(e))
        .collect()
}

/// Only the checked radio of a group is a Tab stop (arrows move within the group).
fn is_unchecked_grouped_radio(element: &HtmlElement) -> bool {
    element
        .dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|input| input.type_() == "radio" && !input.checked())
}

/// The first control marked `autofocus`-like with `data-autofocus`, else the first tabbable
/// one, else the dialog itself.
fn focus_first(dialog: &HtmlElement) {
    let preferred = dialog
        .query_selector("[data-autofocus]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let target = preferred.or_else(|| tabbables(dialog).into_iter().next());
    match target {
        Some(element) => {
            let _ = element.focus();
        }
        None => {
            let _ = dialog.focus();
        }
    }
}

fn keep_tab_inside(dialog: &HtmlElement, ev: &KeyboardEvent) {
    let items = tabbables(dialog);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        ev.prevent_default();
        return;
    };
    let active = document().and_then(|d| d.active_element());
    let is = |target: &HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a.is_same_node(Some(target.as_ref())))
    };
    let inside = active.as_ref().is_some_and(|a| {
        dialog.contains(Some(a.as_ref())) && !a.is_same_node(Some(dialog.as_ref()))
    });
    if ev.shift_key() && (is(first) || !inside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (is(last) || !inside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Every top-level region of the page except the one holding the dialog becomes inert:
/// not focusable, not clickable, hidden from assistive technology.
fn make_background_inert(dialog: &Element) {
    let Some(body) = document().and_then(|d| d.body()) else {
        return;
    };
    let children = body.children();
    for i in 0..children.length() {
        let Some(region) = children.item(i) else {
            continue;
        };
        if region.contains(Some(dialog.as_ref())) || region.has_attribute("inert") {
            continue;
        }
        let _ = region.set_attribute("inert", "");
        let _ = region.set_attribute(INERT_MARK, "");
    }
}

fn release_background() {
    let Some(marked) =
        document().and_then(|d| d.query_selector_all(&format!("[{INERT_MARK}]")).ok())
    else {
        return;
    };
    for i in 0..marked.length() {
        if let Some(element) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let _ = element.remove_attribute("inert");
            let _ = element.remove_attribute(INERT_MARK);
        }
    }
}
