//! The flows that run the shop's events from the pages of the main wasm: catching up with the
//! clock (at the start and every minute), moving the clock from the bar every page shows, and
//! placing the demo data an address asks for. Each runs the application's event engine, and
//! through it the provider, the plans, refunds and settlement: most of the application, and
//! none of it needed to show the catalog. With them, reading and loading a shop shared as a
//! link, which checks the whole shop file, and closing the demo guide, which saves the clock:
//! the main wasm holds no code that saves.
//!
//! Built with `--features split` (`make dist`), they are one split point: their code, and
//! whatever only they and the lazy pages reach, is cut out of the main wasm into chunks
//! fetched when the first of them runs: the catch-up right after the first page is painted,
//! or a shared link's offer as the app starts. Like the pages' split points (`lazy_pages`),
//! this one is fallible: chunks that cannot be fetched leave a notice (or the clock bar's
//! message), not a panic, and the next run fetches them again. Without the feature each flow
//! runs at once, in the one wasm.
//!
//! A split point cannot be `async`, so each returns its flow as a boxed future, made in the
//! chunk and awaited here. Each flow over the shop's data installs the code that reads and
//! writes the aggregates first (`Stores::install_readers`), which the chunks hold.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::chunks::ChunksMissing;
use super::clock::{self, MoveStatus};
use super::demo_data;
use super::notices::Notices;
use super::shared_link;
use super::shop::Shop;
use super::stores::Stores;
use crate::app::clock::ClockMove;
use crate::app::facade::DemoRequest;
use crate::storage::shop_file::ShopFile;

/// A flow, made in the chunk that holds its code.
type Flow = Pin<Box<dyn Future<Output = ()>>>;

/// What a flow that could not start says, after what it was for.
const NOT_LOADED: &str = "its code did not arrive; the connection may have dropped";

/// Declares each flow: its split point (`$split`), which makes the flow in the chunk, and the
/// function the app runs it with (`$name`), which says what `$failed` says when the chunks
/// did not arrive (`$missing` holding why).
macro_rules! flows {
    ($(
        $(#[$doc:meta])*
        fn $name:ident / $split:ident($($arg:ident: $ty:ty),* $(,)?) = $body:expr;
        else |$missing:ident| $failed:expr;
    )*) => {
        $(
            #[cfg_attr(
                feature = "split",
                leptos::wasm_split::wasm_split(
                    shop_flows,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible
                )
            )]
            // An argument may serve only what the flow says when its code did not arrive.
            #[allow(unused_variables)]
            fn $split($($arg: $ty),*) -> Result<Flow, ChunksMissing> {
                Ok(Box::pin($body))
            }

            $(#[$doc])*
            pub async fn $name($($arg: $ty),*) {
                #[cfg(feature = "split")]
                let flow = $split($($arg),*).await;
                #[cfg(not(feature = "split"))]
                let flow = $split($($arg),*);
                match flow {
                    Ok(flow) => flow.await,
                    Err(ChunksMissing) => {
                        let $missing = NOT_LOADED;
                        $failed
                    }
                }
            }
        )*
    };
}

flows! {
    /// Runs everything due up to the shop's now ([`clock::catch_up`]): at the start.
    fn catch_up / catch_up_flow(stores: Stores, notices: Notices) = {
        stores.install_readers();
        clock::catch_up(stores, notices)
    };
    else |why| catch_up_failed(notices, why);

    /// [`catch_up`] every minute, then removes the stored pages no value names any more
    /// (`Stores::sweep_pages`), so that a head that has stood still gets its second look.
    fn every_minute / every_minute_flow(stores: Stores, notices: Notices) = {
        stores.install_readers();
        async move {
            clock::catch_up(stores, notices).await;
            stores.sweep_pages();
        }
    };
    else |why| catch_up_failed(notices, why);

    /// Moves the clock as `step` says ([`clock::run_move`]).
    fn run_move / run_move_flow(
        stores: Stores,
        notices: Notices,
        step: ClockMove,
        status: RwSignal<MoveStatus>,
    ) = {
        stores.install_readers();
        clock::run_move(stores, notices, step, status)
    };
    else |why| status.update(|s| s.finish(format!("Time could not move: {why}."), true));

    /// Keeps the demo guide out of sight from now on.
    fn dismiss_guide / dismiss_guide_flow(stores: Stores, notices: Notices) = {
        stores.install_readers();
        async move { stores.clock.update(|c| c.guide_dismissed = true); }
    };
    else |why| notices.problem(format!("The guide will show again next time: {why}."));

    /// Places the demo data the address asked for ([`demo_data::place`]).
    fn place_demo / place_demo_flow(
        stores: Stores,
        notices: Notices,
        shop: Shop,
        request: DemoRequest,
    ) = {
        stores.install_readers();
        demo_data::place(stores, notices, shop, request)
    };
    else |why| notices.problem(format!("The demo data could not be created: {why}."));

    /// Reads the shop a shared link holds and offers it ([`shared_link::offer`]). The link
    /// stays in the address when the code did not arrive, so a reload offers it again.
    fn offer_shared_shop / offer_shared_shop_flow(
        notices: Notices,
        hash: String,
        offered: RwSignal<Option<ShopFile>>,
    ) = shared_link::offer(notices, hash, offered);
    else |why| notices.problem(format!(
        "The shared shop was not read: {why}. Reload the page to try again."
    ));

    /// Loads the shop a shared link offered ([`shared_link::load`]).
    fn load_shared_shop / load_shared_shop_flow(
        stores: Stores,
        notices: Notices,
        offered: RwSignal<Option<ShopFile>>,
    ) = {
        stores.install_readers();
        shared_link::load(stores, notices, offered)
    };
    else |why| notices.problem(format!("The shared shop was not loaded: {why}."));
}

fn catch_up_failed(notices: Notices, why: &str) {
    notices.problem(format!(
        "What fell due could not be run: {why}. The shop tries again every minute."
    ));
}
