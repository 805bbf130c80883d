//! Demo data from the address bar (`?scenario=pay_in_4`, `?history=2000`), placed by the
//! application's facade into a shop with no orders yet, so a reload with the same address
//! adds nothing.

use super::clock::real_now;
use super::notices::Notices;
use super::shop::Shop;
use super::stores::Stores;
use crate::app::facade::{DemoRefusal, DemoRequest};

/// The demo data the address asks for (its query string, `search`), if any; a request that
/// cannot be understood is refused with a notice. The app places it ([`place`]) through the
/// flows' split point (`lazy_flows`).
pub fn requested(notices: Notices, search: &str) -> Option<DemoRequest> {
    match DemoRequest::from_query(search)? {
        Ok(request) => Some(request),
        Err(refusal) => {
            notices.problem(format!("The demo data could not be created: {refusal}."));
            None
        }
    }
}

/// Places the demo data in a shop with no orders yet, through the facade, and says what it
/// placed.
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
