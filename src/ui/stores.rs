//! Every persisted aggregate as a reactive store, built from the one list of aggregates
//! (`crate::for_each_aggregate!`), and the two ways the UI runs an action over them: at once
//! for the actions that never call the provider, and awaited for those that do.

use std::sync::Arc;

use futures::lock::Mutex;
use leptos::prelude::*;

use super::notices::Notices;
use super::persisted::Persisted;
use crate::app::{ShopData, ShopState, Touched};

/// Why an awaited action's result was not kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0} changed in another tab while this was running, so nothing was saved here. Try again.")]
pub struct ChangedMeanwhile(pub &'static str);

macro_rules! define_stores {
    ($($name:ident: $ty:ty),* $(,)?) => {
        /// Every persisted aggregate, provided once as context: built from the one list of
        /// aggregates (`crate::for_each_aggregate!`), so loading, cross-tab sync and every
        /// action cover them all.
        #[derive(Clone, Copy)]
        pub struct Stores {
            $(pub $name: Persisted<$ty>,)*
            /// Awaited actions run one at a time in a tab, each on the state the one before
            /// left.
            queue: StoredValue<Arc<Mutex<()>>>,
        }

        impl Stores {
            pub fn load(notices: Notices) -> Self {
                Stores {
                    $($name: Persisted::load(notices),)*
                    queue: StoredValue::new(Arc::new(Mutex::new(()))),
                }
            }

            pub fn on_storage_event(&self, key: &str, new_value: Option<&str>) {
                $(self.$name.on_storage_event(key, new_value);)*
            }

            /// Runs one action of the application's facade that does not wait for anything
            /// (no provider call), in place, then re-renders and saves the aggregates it
            /// says it changed, and only those.
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

            /// Runs one action of the facade that awaits the provider. It runs on a copy of
            /// every aggregate, so the page never sees an action half done and nothing is
            /// borrowed while the provider answers; then the aggregates it changed replace
            /// the stores' and are saved. If one of them changed meanwhile (another tab's
            /// save arrived), the result is dropped: keeping it would overwrite that change.
            pub async fn run<R>(
                &self,
                action: impl AsyncFnOnce(&mut ShopState<'_>) -> R,
            ) -> Result<R, ChangedMeanwhile> {
                let queue = self.queue.get_value();
                let _turn = queue.lock().await;
                $(let $name = self.$name.version();)*
                let mut data = ShopData { $($name: self.$name.snapshot(),)* };
                let (result, touched) = {
                    let mut shop = data.state();
                    let result = action(&mut shop).await;
                    (result, shop.touched)
                };
                $(if touched.$name && self.$name.version() != $name {
                    return Err(ChangedMeanwhile(<$ty as crate::storage::Aggregate>::LABEL));
                })*
                $(if touched.$name { self.$name.commit(data.$name); })*
                Ok(result)
            }
        }
    };
}

crate::for_each_aggregate!(define_stores);
