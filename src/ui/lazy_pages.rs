//! The pages cut out of the main wasm, as the router sees them. Only the catalog, the home
//! page, is in the main wasm; the others come in three groups:
//! - the shop's pages, which a shopper opens from the catalog: a product, a seller;
//! - the cart, with the whole checkout, which shares much of its code with the flows that
//!   run the shop's events and would make a product wait for it;
//! - the pages reached after a purchase (orders, an order, its receipt, My Klarna, the inbox,
//!   payment settings, the account) and the simulation settings.
//!
//! Built with `--features split` (`make dist`), each group is one split point: the view code
//! of its pages, and whatever only they reach, is cut out of the main wasm into chunks the
//! browser fetches when one of its pages is first visited, so the catalog's first load does
//! not carry it. A split point per page would make chunks of every piece of code some pages
//! share: dozens of small files, and a page then waits a round trip for each batch of them.
//! The code that reads the stores is not in the main wasm either: a group installs it
//! before making a page, all of it for pages that read the history
//! (`Stores::install_readers`), only the small aggregates' for the others, so a product page
//! does not wait for the history's. The flows that run
//! the shop's events are a split point of their own (`lazy_flows`). The split needs the
//! post-build step of scripts/trunk-post-build.sh: a lazy route built without it is a blank
//! page.
//!
//! Once the shop has caught up after the start, `fetch_ahead` fetches and starts every
//! group's chunks in the background, one group after the other in the order listed, so that
//! a page opened later is there at once. The split points are fallible: chunks that cannot be
//! fetched (the network is gone, or a deploy removed them) leave a page that says so and
//! offers a reload, not a panic that stops the app, and the next visit fetches them again.
//!
//! Without the feature (`make serve`, the browser tests) each is the page component itself,
//! in one wasm, as before.
//!
//! `page_loading` tells the app whether a lazy page is still waiting for its chunks, so that
//! the app is marked ready (`app-ready`) only once the first page is on screen, as it is when
//! every page renders at once, and so that `PageLoading` can say so meanwhile: the router
//! keeps the page it leaves on screen until the next one can be made.

use leptos::prelude::*;

use crate::ui::pages::account::AccountPage;
use crate::ui::pages::cart::CartPage;
use crate::ui::pages::inbox::InboxPage;
use crate::ui::pages::my_klarna::MyKlarnaPage;
use crate::ui::pages::order::OrderPage;
use crate::ui::pages::orders::OrdersPage;
use crate::ui::pages::payment_settings::PaymentSettingsPage;
use crate::ui::pages::product::ProductPage;
use crate::ui::pages::receipt::ReceiptPage;
use crate::ui::pages::seller::SellerPage;
use crate::ui::pages::simulation::SimulationPage;

/// Calls `$then!` with every group of lazy pages (its name, which names its split point, and
/// whether its pages read the shop's history: the orders, payments, inbox, provider or a
/// checkout in progress) and each of its pages: its route type, its page component, and the
/// function the router takes it from. The shop's groups come first: `fetch_ahead` fetches in
/// this order.
macro_rules! lazy_pages {
    ($then:ident) => {
        $then! {
            // They read the catalog and the small aggregates only, not the history.
            shop_pages (history: false) {
                ProductRoute: ProductPage => product,
                SellerRoute: SellerPage => seller,
            },
            cart_page (history: true) {
                CartRoute: CartPage => cart,
            },
            later_pages (history: true) {
                AccountRoute: AccountPage => account,
                InboxRoute: InboxPage => inbox,
                MyKlarnaRoute: MyKlarnaPage => my_klarna,
                OrderRoute: OrderPage => order,
                OrdersRoute: OrdersPage => orders,
                PaymentSettingsRoute: PaymentSettingsPage => payment_settings,
                ReceiptRoute: ReceiptPage => receipt,
                SimulationRoute: SimulationPage => simulation,
            },
        }
    };
}

#[cfg(feature = "split")]
pub use lazy::*;
#[cfg(not(feature = "split"))]
pub use whole::*;

#[cfg(not(feature = "split"))]
mod whole {
    use leptos_router::ChooseView;

    use super::*;

    /// Every page renders at once.
    pub fn page_loading() -> bool {
        false
    }

    /// Every page is in the one wasm: nothing to fetch.
    pub fn fetch_ahead() {}

    /// Every page is in the one wasm: nothing to fetch.
    pub async fn fetch_shop_pages() {}

    macro_rules! whole_pages {
        ($($group:ident (history: $history:literal) {
            $($route:ident: $page:ident => $choose:ident),* $(,)?
        }),* $(,)?) => {
            $($(
                pub fn $choose() -> impl ChooseView {
                    $page
                }
            )*)*
        };
    }

    lazy_pages!(whole_pages);
}

#[cfg(feature = "split")]
mod lazy {
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use leptos::wasm_split::wasm_split;
    use leptos_meta::Title;
    use leptos_router::{ChooseView, Lazy, LazyRoute};

    use super::*;
    use crate::ui::chunks::ChunksMissing;
    use crate::ui::links::Link;
    use crate::ui::shell;
    use crate::ui::stores::Stores;

    thread_local! {
        /// Lazy pages whose route has started (`data`) but whose view has not been made yet.
        static LOADING: ArcRwSignal<usize> = ArcRwSignal::new(0);
    }

    /// True while a lazy page waits for its chunks (reactive).
    pub fn page_loading() -> bool {
        LOADING.with(|n| n.get()) > 0
    }

    /// Counts a lazy page as loading from its route's `data` (called before the chunks are
    /// fetched) until its view is made, when the route value holding this is consumed.
    pub struct Loading(());

    impl Loading {
        fn start() -> Self {
            LOADING.with(|n| n.update(|n| *n += 1));
            Loading(())
        }
    }

    impl Drop for Loading {
        fn drop(&mut self) {
            LOADING.with(|n| n.update(|n| *n = n.saturating_sub(1)));
        }
    }

    /// In place of a page whose chunks did not arrive.
    #[component]
    fn PageUnavailable() -> impl IntoView {
        let reload = |_| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        };
        view! {
            <Title text="Page not loaded" />
            <section class="page narrow" data-testid="page-unavailable">
                <h1 data-testid="page-title">"This page could not be loaded"</h1>
                <p>
                    "Its code did not arrive; the connection may have dropped. Your cart, orders \
                     and settings are safe in this browser."
                </p>
                <p class="page-unavailable-actions">
                    <button class="button-primary" on:click=reload>"Reload the page"</button>
                    <Link href="/">"Back to the shop"</Link>
                </p>
            </section>
        }
    }

    // One split point per group, in a module of the group's name: `make`, a function making
    // any of its pages (for pages that read the history, after installing the code that reads
    // it), cut out with its pages' code into the group's chunks, and `preload`,
    // which fetches and starts them without making a page. One route type per page, whose
    // view awaits its group's `make`. The pages read their data from the stores in context,
    // so a route's only data is its `Loading` mark.
    macro_rules! split_pages {
        ($($group:ident (history: $history:literal) {
            $($route:ident: $page:ident => $choose:ident),* $(,)?
        }),* $(,)?) => {
            $(
                pub mod $group {
                    use super::*;

                    /// The group's pages, named by their routes.
                    #[derive(Clone, Copy)]
                    #[allow(clippy::enum_variant_names)]
                    pub enum Page {
                        $($route),*
                    }

                    #[wasm_split(
                        $group,
                        wasm_split_path = ::leptos::wasm_split,
                        fallible,
                        preload(preload)
                    )]
                    pub(super) fn make(page: Page) -> Result<AnyView, ChunksMissing> {
                        if $history {
                            expect_context::<Stores>().install_readers();
                        } else {
                            expect_context::<Stores>().install_shop_readers();
                        }
                        Ok(match page {
                            $(Page::$route => view! { <$page /> }.into_any()),*
                        })
                    }

                    $(
                        pub struct $route(Loading);

                        impl LazyRoute for $route {
                            fn data() -> Self {
                                Self(Loading::start())
                            }

                            async fn view(this: Self) -> AnyView {
                                let page = make(Page::$route).await.unwrap_or_else(|ChunksMissing| {
                                    view! { <PageUnavailable /> }.into_any()
                                });
                                drop(this);
                                page
                            }
                        }

                        pub fn $choose() -> impl ChooseView {
                            Lazy::<$route>::new()
                        }
                    )*
                }

                pub use $group::{$($choose),*};
            )*

            /// Fetches and starts every group's chunks, one group after the other in the
            /// order they are listed, then leaves the `pages-fetched-ahead` mark. A group that
            /// fails is left for its first visit, which tries again.
            async fn preload_every_group() {
                $(
                    let _ = $group::preload().await;
                )*
                shell::mark_pages_fetched_ahead();
            }
        };
    }

    lazy_pages!(split_pages);

    /// Fetches and starts the other pages' chunks in the background (the shop's first), so
    /// that a page opened later is there at once.
    pub fn fetch_ahead() {
        spawn_local(preload_every_group());
    }

    /// Fetches and starts the shop's pages' chunks (a product, a seller), and returns when
    /// they are there or could not be fetched (their first visit then tries again).
    pub async fn fetch_shop_pages() {
        let _ = shop_pages::preload().await;
    }
}

/// While a page waits for its chunks: a bar and "Loading the page…" at the foot of the window,
/// shown only if the wait lasts (style/main.css delays it, so a quick load does not flash),
/// and the same words for a screen reader at once. The live region is always in the page, as
/// a screen reader announces only what changes inside one it already knows.
#[component]
pub fn PageLoading() -> impl IntoView {
    view! {
        <div class="page-loading" role="status" data-testid="page-loading">
            {move || {
                page_loading()
                    .then(|| {
                        view! {
                            <p class="page-loading-notice">
                                <span class="page-loading-bar" aria-hidden="true"></span>
                                "Loading the page\u{2026}"
                            </p>
                        }
                    })
            }}
        </div>
    }
}
