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

#[cfg(feature = "split")]
pub use lazy::*;
#[cfg(not(feature = "split"))]
pub use whole::*;

#[cfg(not(feature = "split"))]
mod whole {
    use leptos_router::ChooseView;

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

    // One route type per page. The pages read their data from the stores in context, so a
    // route has no data of its own to load beside the chunk (`data` is empty). Each
    // `#[lazy_route]` names a split point by the route type, so the types must stay distinct.

    pub struct AccountRoute;
    #[lazy_route]
    impl LazyRoute for AccountRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <AccountPage /> }.into_any()
        }
    }

    pub struct InboxRoute;
    #[lazy_route]
    impl LazyRoute for InboxRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <InboxPage /> }.into_any()
        }
    }

    pub struct MyKlarnaRoute;
    #[lazy_route]
    impl LazyRoute for MyKlarnaRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <MyKlarnaPage /> }.into_any()
        }
    }

    pub struct OrderRoute;
    #[lazy_route]
    impl LazyRoute for OrderRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <OrderPage /> }.into_any()
        }
    }

    pub struct OrdersRoute;
    #[lazy_route]
    impl LazyRoute for OrdersRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <OrdersPage /> }.into_any()
        }
    }

    pub struct PaymentSettingsRoute;
    #[lazy_route]
    impl LazyRoute for PaymentSettingsRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <PaymentSettingsPage /> }.into_any()
        }
    }

    pub struct ReceiptRoute;
    #[lazy_route]
    impl LazyRoute for ReceiptRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <ReceiptPage /> }.into_any()
        }
    }

    pub struct SimulationRoute;
    #[lazy_route]
    impl LazyRoute for SimulationRoute {
        fn data() -> Self {
            Self
        }
        fn view(_this: Self) -> AnyView {
            view! { <SimulationPage /> }.into_any()
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
