//! The routes a shopper reaches only after a purchase (orders, My Klarna, the inbox, payment
//! settings, the account, receipts) and the simulation settings, as the router sees them.
//!
//! Built with `--features split` (`make dist`), each is a lazy route: its page's view code,
//! and whatever only that page reaches, is cut out of the main wasm into a chunk the browser
//! fetches the first time the route is visited, so the catalog's first load does not carry
//! it. The stores, the clock and the domain stay in the main wasm: the app loads every
//! aggregate and runs the clock on every route. The split needs the post-build step of
//! scripts/trunk-post-build.sh: a lazy route built without it is a blank page.
//!
//! Without the feature (`make serve`, the browser tests) each is the page component itself,
//! in one wasm, as before.
//!
//! `page_loading` tells the app whether a lazy page is still waiting for its chunk, so that
//! the app is marked ready (`app-ready`) only once the first page is on screen, as it is when
//! every page renders at once.

#[cfg(feature = "split")]
pub use lazy::*;
#[cfg(not(feature = "split"))]
pub use whole::*;

#[cfg(not(feature = "split"))]
mod whole {
    use leptos_router::ChooseView;

    /// Every page renders at once.
    pub fn page_loading() -> bool {
        false
    }

    use crate::ui::pages::account::AccountPage;
    use crate::ui::pages::inbox::InboxPage;
    use crate::ui::pages::my_klarna::MyKlarnaPage;
    use crate::ui::pages::order::OrderPage;
    use crate::ui::pages::orders::OrdersPage;
    use crate::ui::pages::payment_settings::PaymentSettingsPage;
    use crate::ui::pages::receipt::ReceiptPage;
    use crate::ui::pages::simulation::SimulationPage;

    pub fn account() -> impl ChooseView {
        AccountPage
    }
    pub fn inbox() -> impl ChooseView {
        InboxPage
    }
    pub fn my_klarna() -> impl ChooseView {
        MyKlarnaPage
    }
    pub fn order() -> impl ChooseView {
        OrderPage
    }
    pub fn orders() -> impl ChooseView {
        OrdersPage
    }
    pub fn payment_settings() -> impl ChooseView {
        PaymentSettingsPage
    }
    pub fn receipt() -> impl ChooseView {
        ReceiptPage
    }
    pub fn simulation() -> impl ChooseView {
        SimulationPage
    }
}

#[cfg(feature = "split")]
mod lazy {
    use leptos::prelude::*;
    use leptos_router::{lazy_route, ChooseView, Lazy, LazyRoute};

    use crate::ui::pages::account::AccountPage;
    use crate::ui::pages::inbox::InboxPage;
    use crate::ui::pages::my_klarna::MyKlarnaPage;
    use crate::ui::pages::order::OrderPage;
    use crate::ui::pages::orders::OrdersPage;
    use crate::ui::pages::payment_settings::PaymentSettingsPage;
    use crate::ui::pages::receipt::ReceiptPage;
    use crate::ui::pages::simulation::SimulationPage;

    thread_local! {
        /// Lazy pages whose route has started (`data`) but whose view has not been made yet.
        static LOADING: ArcRwSignal<usize> = ArcRwSignal::new(0);
    }

    /// True while a lazy page waits for its chunk (reactive).
    pub fn page_loading() -> bool {
        LOADING.with(|n| n.get()) > 0
    }

    /// Counts a lazy page as loading from its route's `data` (called before the chunk is
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

    // One route type per page. The pages read their data from the stores in context, so a
    // route's only data is its `Loading` mark. Each `#[lazy_route]` names a split point by
    // the route type, so the types must stay distinct.

    pub struct AccountRoute(Loading);
    #[lazy_route]
    impl LazyRoute for AccountRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <AccountPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub struct InboxRoute(Loading);
    #[lazy_route]
    impl LazyRoute for InboxRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <InboxPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub struct MyKlarnaRoute(Loading);
    #[lazy_route]
    impl LazyRoute for MyKlarnaRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <MyKlarnaPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub struct OrderRoute(Loading);
    #[lazy_route]
    impl LazyRoute for OrderRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <OrderPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub struct OrdersRoute(Loading);
    #[lazy_route]
    impl LazyRoute for OrdersRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <OrdersPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub struct PaymentSettingsRoute(Loading);
    #[lazy_route]
    impl LazyRoute for PaymentSettingsRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <PaymentSettingsPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub struct ReceiptRoute(Loading);
    #[lazy_route]
    impl LazyRoute for ReceiptRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <ReceiptPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub struct SimulationRoute(Loading);
    #[lazy_route]
    impl LazyRoute for SimulationRoute {
        fn data() -> Self {
            Self(Loading::start())
        }
        fn view(this: Self) -> AnyView {
            let page = view! { <SimulationPage /> }.into_any();
            drop(this);
            page
        }
    }

    pub fn account() -> impl ChooseView {
        Lazy::<AccountRoute>::new()
    }
    pub fn inbox() -> impl ChooseView {
        Lazy::<InboxRoute>::new()
    }
    pub fn my_klarna() -> impl ChooseView {
        Lazy::<MyKlarnaRoute>::new()
    }
    pub fn order() -> impl ChooseView {
        Lazy::<OrderRoute>::new()
    }
    pub fn orders() -> impl ChooseView {
        Lazy::<OrdersRoute>::new()
    }
    pub fn payment_settings() -> impl ChooseView {
        Lazy::<PaymentSettingsRoute>::new()
    }
    pub fn receipt() -> impl ChooseView {
        Lazy::<ReceiptRoute>::new()
    }
    pub fn simulation() -> impl ChooseView {
        Lazy::<SimulationRoute>::new()
    }
}
