//! Every persisted aggregate as a reactive store, built from the one list of aggregates
//! (`crate::for_each_aggregate!`), and the one way the UI runs an action over them.

use super::notices::Notices;
use super::persisted::Persisted;
use crate::app::{ShopState, Touched};

macro_rules! define_stores {
    ($($name:ident: $ty:ty),* $(,)?) => {
        /// Every persisted aggregate, provided once as context: built from the one list of
        /// aggregates (`crate::for_each_aggregate!`), so loading, cross-tab sync and every
        /// action cover them all.
        #[derive(Clone, Copy)]
        pub struct Stores {
            $(pub $name: Persisted<$ty>,)*
        }

        impl Stores {
            pub fn load(notices: Notices) -> Self {
                Stores { $($name: Persisted::load(notices),)* }
            }

            pub fn on_storage_event(&self, key: &str, new_value: Option<&str>) {
                $(self.$name.on_storage_event(key, new_value);)*
            }

            /// Runs one action of the application's facade over every aggregate, then
            /// re-renders and saves the aggregates it says it changed, and only those.
            pub fn with_shop<R>(&self, action: impl FnOnce(&mut ShopState<'_>) -> R) -> R {
                $(let mut $name = self.$name.write_untracked();)*
                let mut shop = ShopState {
                    $($name: &mut $name,)*
                    touched: Touched::NONE,
                };
                let result = action(&mut shop);
                let touched = shop.touched;
                $(drop($name);)*
                $(if touched.$name { self.$name.changed(); })*
                result
            }
        }
    };
}

crate::for_each_aggregate!(define_stores);
