//! Monitoring end to end, natively: a flagged checkout is held by the provider (Klarna's
//! `fraud_status` PENDING), the shop hears its verdict (ACCEPTED or REJECTED), and every
//! message the shopper gets says what the order and its plan really hold.

mod support;

use bnpl_market::app::review::review_team_decides;
use bnpl_market::domain::calendar::add_business_days;
use bnpl_market::domain::cart::{CartLine, Quantity};
use bnpl_market::domain::catalog::ProductId;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::orders::{FraudStatus, OrderStatus, PackageDates};
use bnpl_market::klarna::{
    FraudStatus as ProviderFraudStatus, OrderStatus as ProviderOrderStatus, PaymentProvider,
};
use chrono::{DateTime, Duration, Utc};
use futures::executor::block_on;
use support::{monday, Shop};

/// Sold by Fresh Start Goods, a seller that is not yet trusted: monitoring flags it.
const UNTRUSTED: &str = "ceramic-table-lamp";
const TRUSTED: &str = "aurora-wireless-earbuds";

/// Buying through checkout, and what the provider and the inbox then say.
impl Shop {
    /// Checks out `quantity` of `product` with Pay in 4 as `email`; returns the order id.
    fn buy(&mut self, product: &str, quantity: i64, email: &str, now: DateTime<Utc>) -> String {
        let product = self.catalog.product(&ProductId::new(product)).unwrap();
        let variant = product.variants.iter().find(|v| v.stock >= 10).unwrap();
        self.cart
            .add(
                &self.catalog,
                CartLine {
                    product_id: product.id.clone(),
                    variant_id: variant.id.clone(),
                    quantity: Quantity::new(quantity).unwrap(),
                    delivery_option_id: product.default_delivery_option(Market::US).id.clone(),
                },
            )
            .unwrap();
        // A new attempt per purchase: every purchase here places its order, so the orders
        // so far count the attempts so far.
        let attempt = format!("attempt-{}", self.orders.len() + 1);
        self.checkout(&attempt, email, "123456", now).unwrap()
    }

    fn provider_status(
        &self,
        id: &str,
        at: DateTime<Utc>,
    ) -> (ProviderOrderStatus, ProviderFraudStatus) {
        let klarna_id = &self.orders.get(id).unwrap().klarna_order_id;
        let order = block_on(self.provider.get_order(klarna_id, at)).unwrap();
        (order.status, order.fraud_status)
    }

    fn messages_about(&self, id: &str) -> Vec<(String, String)> {
        let link = format!("/orders/{id}");
        let mut messages: Vec<(String, String)> = self
            .inbox
            .newest_first()
            .filter(|m| m.link.as_deref() == Some(link.as_str()))
            .map(|m| (m.subject.clone(), m.body.clone()))
            .collect();
        messages.reverse();
        messages
    }

    fn dates(&self, id: &str) -> PackageDates {
        let order = &self.orders.get(id).unwrap().order;
        order.package_dates(&order.packages()[0])
    }
}

#[test]
fn a_flagged_checkout_is_pending_at_the_provider_until_its_review_accepts_it() {
    let mut shop = Shop::with_saved_card();
    let id = shop.buy(UNTRUSTED, 1, "ada@example.com", monday());
    let order = &shop.orders.get(&id).unwrap().order;
    assert_eq!(order.status(), OrderStatus::AwaitingPayment);
    assert_eq!(order.review().status, FraudStatus::Pending);
    assert_eq!(
        shop.provider_status(&id, monday()),
        (
            ProviderOrderStatus::Authorized,
            ProviderFraudStatus::Pending
        )
    );
    let subjects: Vec<String> = shop.messages_about(&id).into_iter().map(|m| m.0).collect();
    assert_eq!(
        subjects,
        ["We're checking your order"],
        "no confirmation while held"
    );
    assert_eq!(shop.dates(&id), PackageDates::AfterReview);

    // One flag: the provider's automatic review accepts after 30 minutes, and the shop
    // hears it then.
    let reviewed = monday() + Duration::minutes(30);
    shop.run(monday(), reviewed - Duration::seconds(1));
    assert_eq!(
        shop.provider_status(&id, reviewed - Duration::seconds(1)).1,
        ProviderFraudStatus::Pending
    );
    shop.run(reviewed - Duration::seconds(1), reviewed);
    assert_eq!(
        shop.provider_status(&id, reviewed),
        (
            ProviderOrderStatus::Authorized,
            ProviderFraudStatus::Accepted
        )
    );
    let order = &shop.orders.get(&id).unwrap().order;
    assert_eq!(order.review().status, FraudStatus::Accepted);
    assert_eq!(order.status(), OrderStatus::AwaitingShipment);
    assert!(order.packages()[0].planned_ship_at > reviewed);
    assert!(matches!(shop.dates(&id), PackageDates::Promised { .. }));
    let subjects: Vec<String> = shop.messages_about(&id).into_iter().map(|m| m.0).collect();
    assert_eq!(subjects, ["We're checking your order", "Order confirmed"]);

    // Accepted at the provider, so the seller's shipment is captured.
    let ship_at = order.packages()[0].planned_ship_at;
    shop.run(reviewed, ship_at);
    assert_eq!(
        shop.provider_status(&id, ship_at),
        (ProviderOrderStatus::Captured, ProviderFraudStatus::Accepted)
    );
}

#[test]
fn the_review_team_rejects_a_held_order_and_the_message_states_the_plans_figures() {
    let mut shop = Shop::with_saved_card();
    let id = shop.buy(UNTRUSTED, 1, "ada@example.com", monday());
    let first_payment = shop.payments.account(&id).unwrap().installments[0].amount;
    let decided = monday() + Duration::minutes(5);
    block_on(review_team_decides(shop.world(), &id, false, decided)).unwrap();

    assert_eq!(
        shop.provider_status(&id, decided),
        (
            ProviderOrderStatus::Cancelled,
            ProviderFraudStatus::Rejected
        )
    );
    let order = &shop.orders.get(&id).unwrap().order;
    assert_eq!(order.review().status, FraudStatus::Rejected);
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(shop.dates(&id), PackageDates::NotAccepted);

    // What the order page shows, from the plan: the first payment paid and refunded.
    let balance = shop.payments.account(&id).unwrap().balance();
    assert_eq!(balance.paid, first_payment);
    assert_eq!(balance.refunded_to_shopper, first_payment);
    assert!(balance.owed.is_zero());
    let (subject, body) = shop.messages_about(&id).pop().unwrap();
    assert_eq!(subject, "We could not accept your order");
    let refund = format!(
        "Your first payment of {first_payment} is being refunded to Visa •••• 4242; nothing \
         more will be collected."
    );
    assert!(body.ends_with(&refund), "{body}");
    assert!(!body.contains("not been charged"), "{body}");
    assert!(order.review().message.ends_with(&refund));

    // Decided once: neither the team nor the automatic review decides again.
    assert!(block_on(review_team_decides(shop.world(), &id, true, decided)).is_err());
    shop.run(decided, monday() + Duration::days(2));
    assert_eq!(
        shop.provider_status(&id, monday() + Duration::days(2)).1,
        ProviderFraudStatus::Rejected
    );
    let subjects: Vec<String> = shop.messages_about(&id).into_iter().map(|m| m.0).collect();
    assert!(
        !subjects.iter().any(|s| s.contains("confirmed")),
        "{subjects:?}"
    );
}

#[test]
fn the_review_team_accepts_and_the_dates_count_from_its_decision() {
    let mut shop = Shop::with_saved_card();
    // Placed late on Monday, accepted by the review team just after midnight: the seller's
    // handling days start on Tuesday.
    let placed = monday() + Duration::minutes(13 * 60 + 50);
    let id = shop.buy(UNTRUSTED, 1, "ada@example.com", placed);
    let decided = placed + Duration::minutes(20);
    block_on(review_team_decides(shop.world(), &id, true, decided)).unwrap();
    assert_eq!(
        shop.provider_status(&id, decided).1,
        ProviderFraudStatus::Accepted
    );
    let order = &shop.orders.get(&id).unwrap().order;
    let package = &order.packages()[0];
    let PackageDates::Promised { ship_by, .. } = shop.dates(&id) else {
        panic!("an accepted order has dates");
    };
    assert_eq!(
        decided.date_naive(),
        placed.date_naive().succ_opt().unwrap()
    );
    assert_eq!(
        ship_by,
        add_business_days(decided.date_naive(), package.handling.max, Market::US)
    );
    assert!(package.planned_ship_at > decided);
    let (subject, body) = shop.messages_about(&id).pop().unwrap();
    assert_eq!(subject, "Order confirmed");
    assert!(body.contains(&order.estimate_label()), "{body}");

    // The provider's automatic review has nothing left to decide.
    shop.run(placed, placed + Duration::hours(1));
    let subjects: Vec<String> = shop.messages_about(&id).into_iter().map(|m| m.0).collect();
    assert_eq!(subjects, ["We're checking your order", "Order confirmed"]);
}

#[test]
fn a_burst_of_orders_far_above_usual_is_rejected_by_the_automatic_review() {
    let mut shop = Shop::with_saved_card();
    shop.buy(TRUSTED, 1, "ada@example.com", monday());
    shop.buy(
        TRUSTED,
        1,
        "ada@example.com",
        monday() + Duration::minutes(1),
    );
    let placed = monday() + Duration::minutes(2);
    let id = shop.buy(TRUSTED, 5, "ada@example.com", placed);
    let order = &shop.orders.get(&id).unwrap().order;
    assert_eq!(order.review().flags.len(), 2, "{:?}", order.review().flags);
    assert_eq!(
        shop.provider_status(&id, placed).1,
        ProviderFraudStatus::Pending
    );

    let reviewed = placed + Duration::minutes(30);
    shop.run(placed, reviewed);
    assert_eq!(
        shop.provider_status(&id, reviewed),
        (
            ProviderOrderStatus::Cancelled,
            ProviderFraudStatus::Rejected
        )
    );
    let first_payment = shop.payments.account(&id).unwrap().installments[0].amount;
    let balance = shop.payments.account(&id).unwrap().balance();
    assert_eq!(balance.refunded_to_shopper, first_payment);
    let (subject, body) = shop.messages_about(&id).pop().unwrap();
    assert_eq!(subject, "We could not accept your order");
    assert!(
        body.contains(&format!(
            "Your first payment of {first_payment} is being refunded"
        )),
        "{body}"
    );
}

#[test]
fn a_persona_the_provider_holds_is_held_by_the_shop_too() {
    let mut shop = Shop::with_saved_card();
    let id = shop.buy(TRUSTED, 1, "eve+review@example.com", monday());
    let order = &shop.orders.get(&id).unwrap().order;
    assert!(order.review().flags.is_empty(), "the shop saw nothing odd");
    assert_eq!(order.review().status, FraudStatus::Pending);
    assert_eq!(
        shop.provider_status(&id, monday()).1,
        ProviderFraudStatus::Pending
    );
    shop.run(monday(), monday() + Duration::minutes(30));
    let order = &shop.orders.get(&id).unwrap().order;
    assert_eq!(order.review().status, FraudStatus::Accepted);
    assert_eq!(order.status(), OrderStatus::AwaitingShipment);
}
