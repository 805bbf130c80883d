//! Demo data from the address bar (`?scenario=pay_in_4`, `?history=2000`), placed by the
//! application's facade into a shop with no orders yet, so a reload with the same address
//! adds nothing.

use super::clock::real_now;
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
    let now = stores.clock.with_untracked(|c| c.now(real_now()));
    match stores.with_shop(|state| state.place_demo(&shop.catalog, request, now)) {
        Ok(text) => notices.info(text),
        // A reload of the same address: the demo is already there.
        Err(DemoRefusal::NotEmpty) => {}
        Err(refusal) => notices.problem(format!("The demo data could not be created: {refusal}.")),
    }
}
