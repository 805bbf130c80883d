//! Demo data placed through the real checkout flow: a named scenario (`?scenario=pay_in_4`)
//! for demos and browser journeys, and a generated history (`?history=2000`) for the
//! benchmark. Both are deterministic and use a cart of their own, so the shopper's cart is
//! left alone.

use chrono::{DateTime, Datelike, Duration, Utc};
use rust_decimal_macros::dec;

use super::checkout::{place_order, start_session, Books, Choice};
use super::order_book::OrderBook;
use super::time::advance;
use super::world::World;
use crate::domain::account::Account;
use crate::domain::cart::{Cart, CartLine, Quantity};
use crate::domain::catalog::{Catalog, Product};
use crate::domain::money::Money;
use crate::domain::orders::origin_country;
use crate::domain::payments::{ChargeBehaviour, MethodKind, PaymentMethod, PaymentsState};
use crate::domain::plans::{offer, PlanKind};
use crate::klarna::PaymentProvider;

/// The largest `?history=` accepted: enough for the benchmark without freezing a tab on a typo.
pub const MAX_HISTORY: usize = 5_000;
/// Generated orders are this far apart: far enough that monitoring never sees a burst.
pub const HISTORY_SPACING: Duration = Duration::hours(3);

/// A demo purchase, each a starting point for one journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// Pay in 4 (Pay in 3 in the UK) with a card that pays.
    PayIn4Card,
    /// Pay in 4 with the wallet: no autopay, every payment needs "Pay".
    Wallet,
    /// Pay in 4 with a card that declines from now on: retry, then a late fee.
    DecliningCard,
    /// Two sellers, two packages, each with its own tracking.
    TwoSellers,
    /// 12 months of financing: statements on the 2nd, due on the 26th.
    Financing,
}

impl Scenario {
    pub const ALL: [Scenario; 5] = [
        Scenario::PayIn4Card,
        Scenario::Wallet,
        Scenario::DecliningCard,
        Scenario::TwoSellers,
        Scenario::Financing,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Scenario::PayIn4Card => "pay_in_4",
            Scenario::Wallet => "wallet",
            Scenario::DecliningCard => "declining_card",
            Scenario::TwoSellers => "two_sellers",
            Scenario::Financing => "financing",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Products a demo buys: sold by a trusted seller (so monitoring lets the order through),
/// in stock, priced in a band every "pay later" option accepts. Sellers in the shopper's
/// country come first: their parcels arrive while a plan still has payments to come, which
/// is what the return and refund demos need to show.
pub fn demo_products<'a>(catalog: &'a Catalog, account: &Account) -> Vec<&'a Product> {
    let currency = account.market.currency();
    let (low, high) = (
        Money::new(dec!(40), currency),
        Money::new(dec!(250), currency),
    );
    let mut products: Vec<&Product> = catalog
        .products()
        .iter()
        .filter(|p| {
            let price = p.price_in(account.market);
            price >= low
                && price <= high
                && p.variants.iter().any(|v| v.stock > 0)
                && catalog.seller_of(p).trust().trusted
        })
        .collect();
    let home = account.market.country_code();
    products.sort_by_key(|p| origin_country(&catalog.seller_of(p).location) != home);
    products
}

fn cart_of(catalog: &Catalog, account: &Account, products: &[&Product]) -> Result<Cart, String> {
    let mut cart = Cart::new();
    for product in products {
        let variant = product
            .variants
            .iter()
            .find(|v| v.stock > 0)
            .ok_or_else(|| format!("{} is sold out", product.name))?;
        cart.add(
            catalog,
            CartLine {
                product_id: product.id.clone(),
                variant_id: variant.id.clone(),
                quantity: Quantity::new(1).expect("1 is a valid quantity"),
                delivery_option_id: product.default_delivery_option(account.market).id.clone(),
            },
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(cart)
}

/// Places one order for `products` through session, authorization and placement.
#[allow(clippy::too_many_arguments)]
pub async fn place_demo_order<P: PaymentProvider>(
    world: &mut World<'_, P>,
    catalog: &Catalog,
    account: &Account,
    email: &str,
    products: &[&Product],
    kind: PlanKind,
    method: &PaymentMethod,
    attempt: &str,
    now: DateTime<Utc>,
) -> Result<String, String> {
    let mut cart = cart_of(catalog, account, products)?;
    let session = start_session(world.provider, &cart, catalog, account.market, attempt, now)
        .await
        .map_err(|e| e.to_string())?;
    place_order(
        world.provider,
        Books {
            orders: world.orders,
            payments: world.payments,
            inbox: world.inbox,
            cart: &mut cart,
        },
        catalog,
        account,
        &Choice {
            attempt,
            session_id: &session.session_id,
            email,
            one_time_code: "123456",
            kind,
            method,
            purchase_limit: None,
        },
        now,
    )
    .await
    .map_err(|e| e.to_string())
}

pub(crate) fn demo_card(
    payments: &PaymentsState,
    number: &str,
    now: DateTime<Utc>,
) -> PaymentMethod {
    let today = now.date_naive();
    PaymentMethod::card(
        payments.next_method_id(),
        MethodKind::DebitCard,
        number,
        (today.year() + 3, 12),
        "123",
        today,
    )
    .expect("the demo card numbers are valid")
}

/// Places the scenario's order at `now`; returns its order id.
pub async fn seed_scenario<P: PaymentProvider>(
    world: &mut World<'_, P>,
    catalog: &Catalog,
    account: &Account,
    email: &str,
    scenario: Scenario,
    now: DateTime<Utc>,
) -> Result<String, String> {
    let candidates = demo_products(catalog, account);
    let first = *candidates.first().ok_or("No product fits a demo order.")?;
    let method = match scenario {
        Scenario::Wallet => PaymentMethod::wallet(world.payments.next_method_id(), email),
        Scenario::DecliningCard => demo_card(world.payments, "4000 0000 0000 0002", now)
            .with_behaviour(ChargeBehaviour::Declines),
        _ => demo_card(world.payments, "4242 4242 4242 4242", now),
    };
    world.payments.add_method(method.clone());
    let pay_over_time = if account.market.currency().code() == "GBP" {
        PlanKind::PayIn3
    } else {
        PlanKind::PayIn4
    };
    let (products, kind) = match scenario {
        Scenario::TwoSellers => {
            let other = candidates
                .iter()
                .find(|p| p.seller_id != first.seller_id)
                .ok_or("No second seller fits a demo order.")?;
            (vec![first, *other], pay_over_time)
        }
        Scenario::Financing => {
            // Financing starts at 150: buy the first products until the cart gets there.
            let floor = Money::new(dec!(160), account.market.currency());
            let mut chosen = Vec::new();
            let mut total = Money::zero(account.market.currency());
            for p in &candidates {
                chosen.push(*p);
                total = total + p.price_in(account.market);
                if total >= floor {
                    break;
                }
            }
            (chosen, PlanKind::Financing { months: 12 })
        }
        _ => (vec![first], pay_over_time),
    };
    let attempt = format!("demo-{}-{}", scenario.slug(), now.timestamp());
    place_demo_order(
        world, catalog, account, email, &products, kind, &method, &attempt, now,
    )
    .await
}

/// Places `count` orders ending at `end`, `HISTORY_SPACING` apart, with a mix of plans, and
/// runs each order's life up to `end`, so the history is what it would be had it happened.
/// Returns how many orders were placed.
pub async fn generate_history<P: PaymentProvider>(
    world: &mut World<'_, P>,
    catalog: &Catalog,
    account: &Account,
    email: &str,
    count: usize,
    end: DateTime<Utc>,
) -> Result<usize, String> {
    let count = count.min(MAX_HISTORY);
    let candidates = demo_products(catalog, account);
    if candidates.is_empty() {
        return Err("No product fits a demo order.".into());
    }
    let start = end - HISTORY_SPACING * (count as i32);
    let card = demo_card(world.payments, "4242 4242 4242 4242", start);
    world.payments.add_method(card.clone());
    let kinds = [
        PlanKind::PayIn4,
        PlanKind::PayIn3,
        PlanKind::PayIn30,
        PlanKind::Financing { months: 6 },
        PlanKind::PayNow,
    ];
    for i in 0..count {
        let at = start + HISTORY_SPACING * (i as i32);
        // A prime stride walks the candidates in a fixed but mixed order.
        let product = candidates[(i * 7) % candidates.len()];
        let total = product.price_in(account.market);
        let kind = kinds
            .iter()
            .copied()
            .cycle()
            .skip(i % kinds.len())
            .take(kinds.len())
            .find(|k| offer(*k, account.market, total, at.date_naive(), None).is_eligible())
            .unwrap_or(PlanKind::PayNow);
        let attempt = format!("history-{i}");
        let id = place_demo_order(
            world,
            catalog,
            account,
            email,
            &[product],
            kind,
            &card,
            &attempt,
            at,
        )
        .await?;
        live_alone(world, &id, at, end).await;
    }
    Ok(count)
}

/// Runs one order's life from `from` to `to` in a world holding only that order and its plan.
/// An order's events and its plan's events touch nothing else, so this gives the same result
/// as running every order together, without each step scanning every other order (which made
/// 2,000 orders take minutes).
async fn live_alone<P: PaymentProvider>(
    world: &mut World<'_, P>,
    order_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) {
    let mut orders = OrderBook::default();
    orders.insert(world.orders.remove(order_id).expect("just placed"));
    let mut payments = PaymentsState {
        accounts: world
            .payments
            .accounts
            .remove(order_id)
            .map(|a| (a.order_id.clone(), a))
            .into_iter()
            .collect(),
        methods: world.payments.methods.clone(),
        seed: world.payments.seed,
    };
    advance(
        World {
            orders: &mut orders,
            payments: &mut payments,
            provider: world.provider,
            inbox: world.inbox,
        },
        from,
        to,
    )
    .await;
    if let Some(record) = orders.remove(order_id) {
        world.orders.insert(record);
    }
    world.payments.accounts.append(&mut payments.accounts);
}
