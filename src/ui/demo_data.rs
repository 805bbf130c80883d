//! Demo data from the address bar (`?scenario=pay_in_4`, `?history=2000`), placed by the
//! application's facade into a shop with no orders yet, so a reload with the same address
//! adds nothing.

use leptos::task::spawn_local;

use super::clock::real_now;
use super::lazy_flows;
use super::notices::Notices;
use super::shop::Shop;
use super::stores::Stores;
use crate::app::facade::{DemoRefusal, DemoRequest};

pub fn apply_from_location(stores: Stores, notices: Notices, shop: &Shop, search: &str) {
    let request = match DemoRequest::from_query(search) {
        None => return,
        Some(Ok(request)) => request,
        Some(Err(refusal)) => {
            notices.problem(format!("The demo data could not be created: {refusal}."));
            return;
        }
    };
    spawn_local(lazy_flows::place_demo(
        stores,
        notices,
        shop.clone(),
        request,
    ));
}

/// Places the demo data in a shop with no orders yet, through the facade, and says what it
/// placed. Run through [`lazy_flows::place_demo`].
pub(super) async fn place(stores: Stores, notices: Notices, shop: Shop, request: DemoRequest) {
    let now = stores.clock.with_untracked(|c| c.now(real_now()));
    let placed = stores
        .run_keeping_in_tab(async |state| state.place_demo(&shop.catalog, request, now).await)
        .await;
    match placed {
        Ok(Ok(text)) => notices.info(text),
        // A reload of the same address: the demo is already there.
        Ok(Err(DemoRefusal::NotEmpty)) => {}
        Ok(Err(refusal)) => {
            notices.problem(format!("The demo data could not be created: {refusal}."))
        }
        Err(changed) => notices.problem(format!("The demo data could not be created: {changed}")),
    }
}
