//! The page around the app: the boot shell from `index.html`, the base path, performance marks,
//! and when the first page has been painted.

use leptos::prelude::*;

pub fn remove_boot_shell() {
    if let Some(shell) = document().and_then(|d| d.get_element_by_id("boot-shell")) {
        shell.remove();
    }
}

/// The benchmark measures start-up up to this mark.
pub fn mark_mounted() {
    mark("app-mounted");
}

/// The benchmark measures how long after the start the shop has caught up with what fell
/// due while it was closed, up to this mark.
pub fn mark_caught_up() {
    mark("shop-caught-up");
}

/// The benchmark and the journeys wait for this mark: the other pages' chunks have been
/// fetched and started in the background (`lazy_pages::fetch_ahead`).
#[cfg(feature = "split")]
pub fn mark_pages_fetched_ahead() {
    mark("pages-fetched-ahead");
}

/// Whether the page is out of sight (a background tab, a minimised window): the browser
/// paints nothing then and runs its timers at most once a second.
pub fn page_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// The path the app is served under (`/` or e.g. `/shop/`), from the `<base>` element that
/// Trunk fills in with `--public-url`; the router needs it without the trailing slash.
pub fn base_path() -> String {
    let href = document()
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default();
    router_base(&href)
}

/// Whether the address is the home page, the catalog.
pub fn at_home_page() -> bool {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    path.trim_end_matches('/') == base_path()
}

fn router_base(href: &str) -> String {
    let path = href
        .split("://")
        .nth(1)
        .map_or(href, |rest| rest.find('/').map_or("/", |i| &rest[i..]));
    path.trim_end_matches('/').to_string()
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Set once the first page is on screen, in the task after the frame that painted it: what
/// is costly to draw and not needed to see the page waits for it (`use_first_page_painted`).
#[derive(Clone, Copy)]
pub struct FirstPagePainted(pub RwSignal<bool>);

/// Whether the first page has been painted, as a signal; always true for a component mounted
/// without the app (a test).
pub fn use_first_page_painted() -> Signal<bool> {
    match use_context::<FirstPagePainted>() {
        Some(FirstPagePainted(painted)) => painted.into(),
        None => Signal::stored(true),
    }
}
