//! The root component: shared state, storage sync across tabs, the router.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use web_sys::StorageEvent;

use super::clock::{CaughtUp, Ticker};
use super::components::clock_controls::ClockControls;
use super::components::shared_shop::SharedShop;
use super::layout::{Footer, Header};
use super::lazy_flows::{catch_up, every_minute, place_demo};
use super::lazy_pages;
use super::notices::{NoticeList, Notices};
use super::pages::catalog::CatalogPage;
use super::pages::not_found::NotFound;
use super::shell;
use super::shop::Shop;
use super::sleep::{at_most, spawned};
use super::stores::Stores;

/// How long the start's catch-up waits, at most, for the shop's pages' chunks on the
/// catalog: long enough for them on a slow phone network (emulated slow 4G), short enough
/// that a stalled download does not hold the shop back.
const SHOP_PAGES_HEAD_START_MS: u32 = 1_000;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let notices = Notices::new();
    provide_context(notices);
    // What earlier versions and closed tabs left is finished before anything is read
    // (`Stores::install_readers`).
    let stores = Stores::load(notices);
    provide_context(stores);
    provide_context(Ticker::start());
    let caught_up = RwSignal::new(false);
    provide_context(CaughtUp(caught_up));
    let painted = RwSignal::new(false);
    provide_context(shell::FirstPagePainted(painted));
    let _every_minute = set_interval_with_handle(
        move || spawn_local(every_minute(stores, notices)),
        std::time::Duration::from_secs(60),
    );
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let shop = Shop::from_location(&search, notices);
    if let Some(request) = super::demo_data::requested(notices, &search) {
        spawn_local(place_demo(stores, notices, shop.clone(), request));
    }
    let search_ready = shop.clone();
    provide_context(shop);

    let _listener = window_event_listener(leptos::ev::storage, move |e: StorageEvent| {
        match e.key() {
            Some(key) => stores.on_storage_event(&key, e.new_value().as_deref()),
            // Another tab cleared the whole storage.
            None => stores.adopt_what_storage_has_since(),
        }
    });

    let ready = RwSignal::new(false);
    // Whatever fell due while the shop was closed happens right after the first page is on
    // screen, in order. The first page reads only what it shows (`Stores::load`); the rest
    // is read then, one aggregate per task (`clock::catch_up`), so a long history neither
    // holds the page back nor freezes it for long.
    Effect::new(move |started: Option<bool>| {
        let started = started.unwrap_or(false);
        if started || !ready.get() {
            return started;
        }
        let search_ready = search_ready.clone();
        let start = move || {
            painted.set(true);
            // The search's text, which the first page of the catalog does not read
            // (`SearchIndex`), before the shopper types.
            search_ready.index.prepare(&search_ready.catalog);
            spawn_local(async move {
                // On the catalog a product is what the shopper opens next: its code gets a
                // head start rather than share a slow connection with the catch-up's, but
                // the catch-up never waits long on it.
                if shell::at_home_page() {
                    let shop_pages = spawned(lazy_pages::fetch_shop_pages());
                    at_most(SHOP_PAGES_HEAD_START_MS, shop_pages).await;
                }
                catch_up(stores, notices).await;
                caught_up.set(true);
                shell::mark_caught_up();
                // The other pages' code, while the shopper looks at this one.
                lazy_pages::fetch_ahead();
            })
        };
        if shell::page_hidden() {
            // Nothing is painted out of sight, and the frame would not come until the tab
            // is shown: catch up now, as another tab may be waiting on what this one saves.
            start();
        } else {
            // After the frame that shows the page (`ready` is set in the frame before it, see
            // `MarkReady`), so that the page is painted before the long history is read.
            request_animation_frame(move || set_timeout(start, std::time::Duration::ZERO));
        }
        true
    });

    view! {
        <Title formatter=|page: String| format!("{page} · bnpl-market") />
        <Router base=shell::base_path()>
            <div class="app" data-testid=move || ready.get().then_some("app-ready")>
                <a class="skip-link" href="#main">"Skip to content"</a>
                <Header />
                <ClockControls />
                <NoticeList />
                <SharedShop />
                <main
                    id="main"
                    tabindex="-1"
                    aria-busy=move || lazy_pages::page_loading().then_some("true")
                >
                    <lazy_pages::PageLoading />
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=CatalogPage />
                        <Route path=path!("/product/:id") view=lazy_pages::product() />
                        <Route path=path!("/seller/:id") view=lazy_pages::seller() />
                        <Route path=path!("/cart") view=lazy_pages::cart() />
                        <Route path=path!("/account") view=lazy_pages::account() />
                        <Route path=path!("/inbox") view=lazy_pages::inbox() />
                        <Route path=path!("/orders") view=lazy_pages::orders() />
                        <Route path=path!("/orders/:id") view=lazy_pages::order() />
                        <Route path=path!("/my-klarna") view=lazy_pages::my_klarna() />
                        <Route path=path!("/payment-settings") view=lazy_pages::payment_settings() />
                        <Route path=path!("/simulation") view=lazy_pages::simulation() />
                        <Route path=path!("/orders/:id/receipt") view=lazy_pages::receipt() />
                    </Routes>
                    <MarkReady ready />
                </main>
                <Footer />
            </div>
        </Router>
    }
}

/// Marks the app ready once it has mounted and the first page is on screen: at once for a
/// page in the main wasm, after its chunk has arrived for a lazy one. The mark waits for the
/// next frame, and is set only if no page is loading then: the router may start loading the
/// first page after this first looks, and a lazy page is put on screen in the tasks that
/// follow its chunk's arrival, which all run before the frame.
#[component]
fn MarkReady(ready: RwSignal<bool>) -> impl IntoView {
    Effect::new(move |_| {
        if !lazy_pages::page_loading() {
            request_animation_frame(move || {
                if !lazy_pages::page_loading() {
                    ready.set(true);
                }
            });
        }
    });
}
