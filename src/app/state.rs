//! The shop's aggregates, listed once. [`for_each_aggregate!`] hands the list to a macro,
//! which builds what needs one entry per aggregate: here the owned [`ShopData`], the
//! borrowed [`ShopState`] every action runs on, and [`Touched`], what an action changed; in
//! the UI the persisted stores (load, cross-tab sync, reset). A new aggregate is added to the
//! list and to `storage::aggregates` (its key and schema), nowhere else.

/// Calls `$callback! { name: Type, ... }` with every aggregate of the shop.
#[macro_export]
macro_rules! for_each_aggregate {
    ($callback:ident) => {
        $callback! {
            account: Option<$crate::domain::account::Account>,
            cart: $crate::domain::cart::Cart,
            inbox: $crate::domain::inbox::Inbox,
            orders: $crate::app::OrderBook,
            payments: $crate::domain::payments::PaymentsState,
            provider: $crate::app::ShopProvider,
            klarna_link: $crate::app::klarna_link::KlarnaLink,
            clock: $crate::app::clock::ClockState,
            pending_checkout: $crate::app::pending_checkout::PendingCheckout,
            simulation: $crate::klarna::SimulationSettings,
        }
    };
}

macro_rules! define_shop_state {
    ($($name:ident: $ty:ty),* $(,)?) => {
        /// Every aggregate of the shop, owned: a whole shop's state.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct ShopData {
            $(pub $name: $ty,)*
        }

        /// Every aggregate of the shop, borrowed for one action. The flows that cross
        /// aggregates are its methods (see `app::facade`); each records what it changed.
        pub struct ShopState<'a> {
            $(pub $name: &'a mut $ty,)*
            /// What the actions run so far changed.
            pub touched: Touched,
        }

        /// Which aggregates an action changed, so that a save writes only those.
        ///
        /// Each flag is raised by the step that makes the change (an order event applied, a
        /// payment event applied, an effect carried out, a message delivered), never found by
        /// comparing copies: copying the orders of a 2,000-order history takes about 100 ms,
        /// and serializing them to compare would cost more than the write it avoids. A flag
        /// may be raised for a change that came to nothing (a refund the plan refused), which
        /// only costs a write; a change without its flag would be lost on reload, which
        /// `tests/app_touched.rs` guards.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct Touched {
            $(pub $name: bool,)*
        }

        impl Touched {
            pub const ALL: Touched = Touched { $($name: true,)* };
            pub const NONE: Touched = Touched { $($name: false,)* };

            pub fn any(self) -> bool {
                false $(|| self.$name)*
            }
        }

        impl std::ops::BitOrAssign for Touched {
            fn bitor_assign(&mut self, other: Touched) {
                $(self.$name |= other.$name;)*
            }
        }

        impl ShopData {
            /// Borrows every aggregate for one action.
            pub fn state(&mut self) -> ShopState<'_> {
                ShopState { $($name: &mut self.$name,)* touched: Touched::NONE }
            }
        }

        impl ShopState<'_> {
            /// Deletes everything: the shop starts as on a first visit.
            pub fn reset(&mut self) {
                $(*self.$name = Default::default();)*
                self.touched = Touched::ALL;
            }
        }
    };
}

for_each_aggregate!(define_shop_state);
