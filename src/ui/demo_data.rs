//! Demo data from the address bar, applied only to a shop with no orders yet (so a reload
//! with the same address adds nothing):
//! - `?scenario=pay_in_4` (or `wallet`, `declining_card`, `two_sellers`, `financing`): one
//!   order to start a demo or a browser journey from;
//! - `?history=2000`: that many orders with their plans, for the benchmark.

use super::actions::update_world;
use super::app::Stores;
use super::clock::real_now;
use super::notices::Notices;
use super::shop::Shop;
use crate::app::demo_orders::{generate_history, seed_scenario, Scenario, MAX_HISTORY};
use crate::app::time::Touched;
use crate::domain::account::{Account, Address};
use crate::domain::market::Market;

fn param<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// The shopper's account, or a demo one (a demo needs somebody to ship to).
fn demo_account(stores: Stores) -> Account {
    if let Some(account) = stores.account.with_untracked(|a| a.clone()) {
        return account;
    }
    let account = Account {
        name: "Demo Shopper".into(),
        email: "demo.shopper@example.com".into(),
        address: Address {
            line1: "1 Demo Street".into(),
            line2: String::new(),
            city: "Springfield".into(),
            region: "IL".into(),
            postcode: "62701".into(),
        },
        market: Market::US,
    };
    stores.account.set(Some(account.clone()));
    account
}

pub fn apply_from_location(stores: Stores, notices: Notices, shop: &Shop, search: &str) {
    let scenario = param(search, "scenario");
    let history = param(search, "history").and_then(|n| n.parse::<usize>().ok());
    if (scenario.is_none() && history.is_none()) || stores.orders.with_untracked(|o| !o.is_empty())
    {
        return;
    }
    let account = demo_account(stores);
    let email = stores
        .klarna_link
        .with_untracked(|l| l.email.clone())
        .unwrap_or_else(|| account.email.clone());
    let now = stores.clock.with_untracked(|c| c.now(real_now()));
    // Demo data is placed once, into an empty shop: every aggregate changes.
    let result = update_world(stores, |mut world| {
        let result = match (scenario.and_then(Scenario::from_slug), history) {
            (Some(s), _) => seed_scenario(&mut world, &shop.catalog, &account, &email, s, now)
                .map(|id| format!("Demo scenario \"{}\" placed order {id}.", s.slug())),
            (None, Some(n)) if (1..=MAX_HISTORY).contains(&n) => {
                generate_history(&mut world, &shop.catalog, &account, &email, n, now)
                    .map(|n| format!("Generated a history of {n} orders."))
            }
            _ => Err(format!(
                "Unknown demo: use ?scenario= one of {} or ?history=1..{MAX_HISTORY}.",
                Scenario::ALL.map(|s| s.slug()).join(", ")
            )),
        };
        (Touched::ALL, result)
    });
    match result {
        Ok(text) => notices.info(text),
        Err(reason) => notices.problem(format!("The demo data could not be created: {reason}")),
    }
}
