//! Refunds as the app carries them out, natively: what a cancellation or a return does to a
//! financed plan (the outstanding principal is what is owed; no interest after a refund
//! clears it), and the order in which the provider and the plan learn of a refund (the
//! provider first, so a failed provider refund never leaves the books disagreeing).

mod support;

use bnpl_market::app::demo_orders::Scenario;
use bnpl_market::app::order_actions::act_on_order;
use bnpl_market::app::plan_actions::pay_installment;
use bnpl_market::domain::money::{Currency, Money};
use bnpl_market::domain::orders::{
    DisputeDecision, DisputeReason, ItemCondition, OrderStatus, PackageStatus, Resolution,
    ReturnReason, ReturnRequest,
};
use bnpl_market::domain::payments::PaymentDisplayStatus;
use bnpl_market::klarna::{Fault, PaymentProvider};
use chrono::{DateTime, Duration, Utc};
use futures::executor::block_on;
use support::{monday, usd, Shop};

/// What the refund tests read from the shared shop.
impl Shop {
    fn subjects_after(&self, after: DateTime<Utc>) -> Vec<String> {
        self.inbox
            .newest_first()
            .filter(|m| m.sent_at >= after)
            .map(|m| m.subject.clone())
            .collect()
    }

    /// The three books of order `id` agree: the provider refunded exactly the captured part
    /// of the refunds the order decided and that went through, and the plan took exactly
    /// their amounts; refunds still pending are in neither.
    fn assert_books_agree(&self, id: &str, now: DateTime<Utc>) {
        let record = self.orders.get(id).unwrap();
        let sum = |items: &mut dyn Iterator<Item = Money>| Money::sum_in(Currency::USD, items);
        let decided = sum(&mut record.order.refunds().iter().map(|r| r.amount));
        let decided_captured = sum(&mut record.order.refunds().iter().map(|r| r.captured_part));
        let pending = sum(&mut record.pending_refunds.iter().map(|p| p.amount));
        let pending_captured = sum(&mut record.pending_refunds.iter().map(|p| p.captured_part));
        let klarna = block_on(self.provider.get_order(&record.klarna_order_id, now)).unwrap();
        assert_eq!(
            klarna.refunded_amount,
            (decided_captured - pending_captured).minor(),
            "the provider refunded what went through"
        );
        assert_eq!(
            klarna.captured_amount,
            record.order.captured_total().minor()
        );
        let plan = self.payments.account(id).unwrap();
        plan.check_invariants().unwrap();
        let balance = plan.balance();
        assert_eq!(
            balance.credited + balance.refunded_to_shopper,
            decided - pending,
            "the plan took what went through"
        );
    }
}

/// The case: $208 financed over 12 months, cancelled before shipment, the seller
/// agrees. The plan used to keep $23.18 of interest, send a reminder and collect $1.93.
#[test]
fn a_financed_order_cancelled_before_shipment_owes_nothing_and_is_never_charged() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::Financing, monday());
    let plan = shop.payments.account(&id).unwrap();
    assert_eq!(plan.order_total, usd(20_800));
    assert_eq!(
        plan.total_cost,
        usd(20_800 + 2_318),
        "$23.18 of interest agreed"
    );
    assert!(plan.balance().paid.is_zero(), "nothing is paid at purchase");

    let asked = monday() + Duration::hours(1);
    block_on(act_on_order(shop.world(), &id, asked, |o| {
        o.request_cancellation(asked)
    }))
    .unwrap();
    let agreed = asked + Duration::hours(2);
    let acted = block_on(act_on_order(shop.world(), &id, agreed, |o| {
        o.answer_cancellation(true, agreed)
    }))
    .unwrap();
    assert!(acted.problems.is_empty(), "{:?}", acted.problems);
    assert_eq!(
        shop.orders.get(&id).unwrap().order.status(),
        OrderStatus::Cancelled
    );
    let plan = shop.payments.account(&id).unwrap();
    assert_eq!(
        plan.owed(),
        usd(0),
        "nothing is owed after the cancellation"
    );
    assert!(plan
        .installments
        .iter()
        .all(|i| i.display_status(false) == PaymentDisplayStatus::Refunded));
    assert_eq!(plan.refundable(), usd(0));

    let later = agreed + Duration::days(60);
    shop.run(agreed, later);
    let plan = shop.payments.account(&id).unwrap();
    assert_eq!(plan.balance().paid, usd(0), "nothing collected in 60 days");
    assert_eq!(plan.owed(), usd(0));
    let subjects = shop.subjects_after(agreed);
    assert!(
        !subjects
            .iter()
            .any(|s| s.contains("reminder") || s.contains("collected")),
        "{subjects:?}"
    );
    plan.check_invariants().unwrap();
    shop.assert_books_agree(&id, later);
}

/// Returned in full after delivery, with a payment already made: what is owed is the
/// principal left; the refund clears it, the principal already repaid comes back, the
/// interest of the months the shopper had the money is kept, and nothing more is collected.
#[test]
fn a_financed_order_returned_in_full_after_delivery_stops_all_interest() {
    let mut shop = Shop::new();
    let id = shop.seed(Scenario::Financing, monday());
    let delivered = shop.run_until(&id, monday(), OrderStatus::Delivered, Duration::days(40));
    let package = shop.orders.get(&id).unwrap().order.packages()[0].id.clone();
    let request = ReturnRequest {
        package,
        lines: Vec::new(),
        reason: ReturnReason::Defective,
        condition: ItemCondition {
            original_packaging: true,
            resellable: true,
        },
        resolution: Resolution::Refund,
    };
    // The first payment, paid early: the return comes while it is the only one made.
    pay_installment(&mut shop.payments, &mut shop.inbox, &id, 1, delivered).unwrap();
    block_on(act_on_order(shop.world(), &id, delivered, |o| {
        o.request_return(request, delivered)
    }))
    .unwrap();
    let paid_before = shop.payments.account(&id).unwrap().balance().paid;
    assert!(!paid_before.is_zero());
    let end = delivered + Duration::days(90);
    shop.run(delivered, end);
    let record = shop.orders.get(&id).unwrap();
    assert_eq!(
        record.order.refunded_total(),
        usd(20_800),
        "a full return refunds the price"
    );
    let plan = shop.payments.account(&id).unwrap();
    assert_eq!(plan.owed(), usd(0));
    let balance = plan.balance();
    assert_eq!(
        balance.paid, paid_before,
        "nothing collected after the return"
    );
    // Every cent of the price came back as a credit or a refund, and the shopper paid
    // exactly the interest of the payments made.
    assert_eq!(balance.credited + balance.refunded_to_shopper, usd(20_800));
    let interest_paid = Money::sum_in(
        Currency::USD,
        plan.installments
            .iter()
            .filter(|i| i.status.is_paid())
            .map(|i| i.interest),
    );
    assert_eq!(balance.paid - balance.refunded_to_shopper, interest_paid);
    // Payment 1 was 19.27: 15.81 of principal goes back, 3.46 of interest (208 x 19.99% / 12)
    // paid for the month.
    assert_eq!(balance.refunded_to_shopper, usd(1581));
    assert_eq!(interest_paid, usd(346));
    shop.assert_books_agree(&id, end);
}

/// Pay in 4 delivered, disputed, decided for the shopper: a refund of captured money.
fn disputed_pay_in_4(shop: &mut Shop) -> (String, DateTime<Utc>) {
    let id = shop.seed(Scenario::PayIn4Card, monday());
    let delivered = shop.run_until(&id, monday(), OrderStatus::Delivered, Duration::days(40));
    let package = shop.orders.get(&id).unwrap().order.packages()[0].clone();
    assert_eq!(package.status, PackageStatus::Delivered);
    block_on(act_on_order(shop.world(), &id, delivered, |o| {
        o.open_dispute(&package.id, DisputeReason::NotAsDescribed, delivered)
    }))
    .unwrap();
    (id, delivered)
}

/// The provider's refund fails before it takes effect (three errors: every attempt of the
/// call). Nothing was credited to the plan, so the books still agree; the refund waits on
/// the order and goes through, with the same key, when the clock next moves.
#[test]
fn a_provider_error_on_a_refund_leaves_the_books_agreeing_and_is_retried() {
    let mut shop = Shop::new();
    let (id, at) = disputed_pay_in_4(&mut shop);
    let owed_before = shop.payments.account(&id).unwrap().owed();
    shop.provider.simulation.inject_fault(Fault::Error, 3);
    let decided = at + Duration::hours(1);
    let acted = block_on(act_on_order(shop.world(), &id, decided, |o| {
        o.decide_dispute(DisputeDecision::ForShopper, decided)
    }))
    .unwrap();
    assert_eq!(acted.problems.len(), 1, "{:?}", acted.problems);
    assert!(
        acted.problems[0].contains("will be retried"),
        "{}",
        acted.problems[0]
    );
    assert!(acted.touched.provider && acted.touched.orders);
    let record = shop.orders.get(&id).unwrap();
    assert_eq!(
        record.pending_refunds.len(),
        1,
        "the refund waits on the order"
    );
    let klarna = block_on(shop.provider.get_order(&record.klarna_order_id, decided)).unwrap();
    assert_eq!(klarna.refunded_amount, 0, "the provider refunded nothing");
    assert_eq!(
        shop.payments.account(&id).unwrap().owed(),
        owed_before,
        "the plan was not credited"
    );
    shop.assert_books_agree(&id, decided);

    let next = decided + Duration::hours(1);
    shop.run(decided, next);
    let record = shop.orders.get(&id).unwrap();
    assert!(record.pending_refunds.is_empty(), "the retry went through");
    let klarna = block_on(shop.provider.get_order(&record.klarna_order_id, next)).unwrap();
    assert_eq!(klarna.refunds.len(), 1);
    assert_eq!(klarna.refunded_amount, klarna.captured_amount);
    assert_eq!(shop.payments.account(&id).unwrap().owed(), usd(0));
    shop.assert_books_agree(&id, next);
}

/// The provider refunds but every answer is lost (a timeout after commit), and by the next
/// clock step the provider has forgotten the key. The retry finds the refund by its
/// reference: one refund at the provider, and the plan credited once.
#[test]
fn a_lost_answer_on_a_refund_is_retried_without_refunding_twice() {
    let mut shop = Shop::new();
    let (id, at) = disputed_pay_in_4(&mut shop);
    let owed_before = shop.payments.account(&id).unwrap().owed();
    shop.provider.simulation.inject_fault(Fault::Timeout, 3);
    let decided = at + Duration::hours(1);
    let acted = block_on(act_on_order(shop.world(), &id, decided, |o| {
        o.decide_dispute(DisputeDecision::ForShopper, decided)
    }))
    .unwrap();
    assert_eq!(acted.problems.len(), 1, "{:?}", acted.problems);
    assert_eq!(shop.orders.get(&id).unwrap().pending_refunds.len(), 1);
    let klarna_id = shop.orders.get(&id).unwrap().klarna_order_id.clone();
    let klarna = block_on(shop.provider.get_order(&klarna_id, decided)).unwrap();
    assert_eq!(klarna.refunds.len(), 1, "the first attempt took effect");
    // Klarna refunded, but the shop has not heard so: the plan waits for that answer.
    assert_eq!(shop.payments.account(&id).unwrap().owed(), owed_before);

    // The provider keeps keys 30 days.
    let keys = shop.provider.remembered_idempotency_keys();
    shop.provider.expire_due(decided + Duration::days(40));
    assert!(shop.provider.remembered_idempotency_keys() < keys);
    let next = decided + Duration::hours(1);
    shop.run(decided, next);
    let record = shop.orders.get(&id).unwrap();
    assert!(record.pending_refunds.is_empty());
    let klarna = block_on(shop.provider.get_order(&klarna_id, next)).unwrap();
    assert_eq!(klarna.refunds.len(), 1, "refunded once");
    assert_eq!(shop.payments.account(&id).unwrap().owed(), usd(0));
    assert!(shop
        .subjects_after(decided)
        .contains(&format!("Refund for order {id} went through")));
    shop.assert_books_agree(&id, next);
}
