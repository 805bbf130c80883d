//! The shop's aggregates, listed once. [`for_each_aggregate!`] hands the list to a macro,
//! which builds what needs one entry per aggregate: here the owned [`ShopData`] and the
//! borrowed [`ShopState`] every action runs on; in `touched.rs` [`super::Touched`], what an
//! action changed; in the UI the persisted stores (load, cross-tab sync, save). A new
//! aggregate is added to the list and to `storage::aggregates` (its key and schema), nowhere
//! else.

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
            pub touched: $crate::app::Touched,
        }

        impl ShopData {
            /// Borrows every aggregate for one action.
            pub fn state(&mut self) -> ShopState<'_> {
                ShopState { $($name: &mut self.$name,)* touched: $crate::app::Touched::NONE }
            }
        }

        impl ShopState<'_> {
            /// Deletes everything: the shop starts as on a first visit.
            pub fn reset(&mut self) {
                self.replace_with(ShopData::default());
            }

            /// Puts a whole other shop in place of this one, every aggregate at once (a shop
            /// loaded from a file, or the one an import replaced, brought back).
            pub fn replace_with(&mut self, data: ShopData) {
                $(*self.$name = data.$name;)*
                self.touched = $crate::app::Touched::ALL;
            }
        }
    };
}

for_each_aggregate!(define_shop_state);
