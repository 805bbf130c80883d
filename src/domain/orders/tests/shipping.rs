//! Packages, shipping plans, captures, tracking and the refunds for sellers and carriers
//! that do not deliver.

use chrono::Duration;
use proptest::prelude::*;

use super::*;
use crate::domain::calendar::{add_business_days, is_business_day};

#[test]
fn each_seller_and_delivery_option_is_its_own_package() {
    let order = place(
        "O-1",
        &[
            ("lamp", 1, "standard"),
            ("kettle", 1, "standard"),
            ("mug", 2, "standard"),
            ("mug", 1, "premium"),
        ],
    );
    let packages = order.packages();
    assert_eq!(packages.len(), 3);
    assert_eq!(
        packages[0].lines,
        vec![1, 3],
        "lamp and mugs from Portland, standard"
    );
    assert_eq!(packages[1].lines, vec![2], "kettle from Shenzhen");
    assert_eq!(packages[2].lines, vec![4], "the premium mug travels apart");
    // Lamp 40 + 2 mugs 20 + shipping 5 per line.
    assert_eq!(packages[0].amount, usd(4000 + 2000 + 500 + 500));
    assert_eq!(packages[2].amount, usd(1000 + 1500));
    let priced = cart(&[
        ("lamp", 1, "standard"),
        ("kettle", 1, "standard"),
        ("mug", 2, "standard"),
        ("mug", 1, "premium"),
    ])
    .price(&catalog(), Market::US);
    assert_eq!(order.total(), priced.totals.grand_total);
    assert_eq!(order.status(), OrderStatus::AwaitingShipment);
    assert_eq!(packages[0].id.as_str(), "O-1-P1");
}

#[test]
fn shipping_captures_the_package_and_sends_the_tracking_number() {
    let mut order = place("O-2", &[("lamp", 1, "standard"), ("kettle", 1, "standard")]);
    let first = first_package(&order);
    let ship_at = order.packages()[0].planned_ship_at;
    let applied = advance(&mut order, ship_at);
    let (event, outcome) = applied
        .iter()
        .find(|(e, _)| matches!(e.kind, OrderEventKind::PackageShipped { .. }))
        .expect("the first package shipped");
    assert_eq!(event.at, ship_at);
    assert_eq!(
        outcome.effects,
        vec![Effect::Capture {
            package: first.clone(),
            amount: usd(4500)
        }]
    );
    let p = order.package(&first).unwrap();
    let number = p.tracking_number.clone().unwrap();
    assert!(p.carrier.is_valid_tracking_number(&number), "{number}");
    assert!(outcome.notifications[0].body.contains(&number));
    assert_eq!(order.status(), OrderStatus::Shipped);
    assert_eq!(order.protection_starts(), Some(ship_at));
}

#[test]
fn uk_parcels_go_by_royal_mail_and_foreign_ones_clear_customs() {
    let (mut order, _) = place_in("O-3", &[("kettle", 1, "standard")], monday(), Market::UK);
    let p = first_package(&order);
    assert_eq!(order.package(&p).unwrap().carrier, Carrier::RoyalMail);
    deliver(&mut order, &p);
    let package = order.package(&p).unwrap();
    let number = package.tracking_number.as_deref().unwrap();
    assert!(number.ends_with("GB") && number.len() == 13, "{number}");
    let stages: Vec<TrackingStage> = package.tracking.iter().map(|e| e.stage).collect();
    use TrackingStage::*;
    assert_eq!(
        stages,
        [
            Accepted,
            LeftOrigin,
            ArrivedInDestinationCountry,
            Customs,
            OutForDelivery,
            Delivered
        ]
    );
    assert_eq!(order.status(), OrderStatus::Delivered);
}

#[test]
fn delivery_sends_out_for_delivery_and_delivered_messages() {
    let mut order = place("O-4", &[("lamp", 1, "premium")]);
    let applied = advance(&mut order, monday() + Duration::days(20));
    let subjects: Vec<&str> = applied
        .iter()
        .flat_map(|(_, o)| o.notifications.iter().map(|n| n.subject.as_str()))
        .collect();
    assert_eq!(
        &subjects[..3],
        ["Your package has shipped", "Out for delivery", "Delivered"]
    );
}

#[test]
fn a_seller_that_misses_handling_closes_its_package_with_a_full_refund() {
    let mut order = place("O-5", &[("lamp", 1, "standard"), ("kettle", 1, "standard")]);
    let lamp = first_package(&order);
    order.simulate_missed_handling(&lamp).unwrap();
    let deadline = order.package(&lamp).unwrap().handling_deadline();
    // Monday + 3 business days (Portland's maximum) is Thursday; the deadline is midnight.
    assert_eq!(deadline, at(2026, 3, 6, 0, 0));
    let applied = advance(&mut order, deadline + Duration::days(10));
    let effects = effects_of(&applied);
    assert!(effects.contains(&Effect::Refund {
        package: Some(lamp.clone()),
        amount: usd(4500),
        captured_part: usd(0),
        reason: "the seller did not ship within its handling time".into(),
    }));
    // The kettle was captured; the lamp's part will never be: release the rest.
    assert!(effects.contains(&Effect::ReleaseAuthorization));
    assert_eq!(
        order.package(&lamp).unwrap().status,
        PackageStatus::Closed(CloseReason::HandlingMissed)
    );
    assert_eq!(order.captured_total(), usd(6500));
}

#[test]
fn the_not_delivered_refund_opens_only_after_the_guaranteed_date() {
    let mut order = place("O-6", &[("lamp", 1, "standard")]);
    let p = first_package(&order);
    let ship_at = order.package(&p).unwrap().planned_ship_at;
    advance(&mut order, ship_at);
    order.simulate_lost_parcel(&p).unwrap();
    let expires = order.package(&p).unwrap().guarantee_expires_at();
    let just_before = expires - Duration::seconds(1);
    advance(&mut order, just_before);
    let refused = order.refund_not_delivered(&p, just_before).unwrap_err();
    assert!(
        refused.reason.contains("guaranteed to arrive by"),
        "{refused}"
    );
    let outcome = order.refund_not_delivered(&p, expires).unwrap();
    assert_eq!(
        outcome.effects,
        vec![Effect::Refund {
            package: Some(p.clone()),
            amount: usd(4500),
            captured_part: usd(4500),
            reason: "not delivered by the guaranteed date".into(),
        }]
    );
    assert_eq!(order.status(), OrderStatus::Closed);
    assert!(
        order.refund_not_delivered(&p, expires).is_err(),
        "only once"
    );
}

#[test]
fn a_delayed_parcel_arrives_later_by_business_days() {
    let mut order = place("O-7", &[("lamp", 1, "standard")]);
    let p = first_package(&order);
    let ship_at = order.package(&p).unwrap().planned_ship_at;
    advance(&mut order, ship_at);
    let planned = order.package(&p).unwrap().tracking_plan.last().unwrap().at;
    order.simulate_carrier_delay(&p, 2).unwrap();
    let delayed = order.package(&p).unwrap().tracking_plan.last().unwrap().at;
    assert_eq!(
        delayed.date_naive(),
        add_business_days(planned.date_naive(), 2, Market::US)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the seed and the order day, the seller ships on a business day within its
    /// handling days and the parcel arrives inside the estimated window.
    #[test]
    fn ships_within_handling_and_arrives_within_the_window(
        n in 0u32..10_000, day in 0i64..400, uk in any::<bool>()
    ) {
        let market = if uk { Market::UK } else { Market::US };
        let placed = monday() + Duration::days(day);
        let (mut order, _) = place_in(
            &format!("P-{n}"),
            &[("lamp", 1, "standard"), ("kettle", 1, "premium")],
            placed,
            market,
        );
        for p in order.packages().to_vec() {
            let ship_date = p.planned_ship_at.date_naive();
            prop_assert!(is_business_day(ship_date, market));
            let earliest = add_business_days(placed.date_naive(), p.handling.min, market);
            prop_assert!(ship_date >= earliest && ship_date <= p.ship_by);
            let delivered = deliver(&mut order, &p.id);
            prop_assert!(delivered.date_naive() >= p.estimate.earliest);
            prop_assert!(delivered.date_naive() <= p.estimate.latest);
            let number = order.package(&p.id).unwrap().tracking_number.clone().unwrap();
            prop_assert!(p.carrier.is_valid_tracking_number(&number));
        }
        prop_assert_eq!(order.captured_total(), order.total());
    }
}

#[test]
fn an_order_names_its_seller_or_the_first_seller_and_how_many_more() {
    let one = place("S-1", &[("lamp", 1, "standard"), ("mug", 1, "standard")]);
    assert_eq!(one.sellers_name(), "portland shop");
    let two = place("S-2", &[("lamp", 1, "standard"), ("kettle", 1, "standard")]);
    assert_eq!(two.sellers_name(), "portland shop and 1 more");
    // Two parcels from one seller (two delivery options) still name it once.
    let split = place("S-3", &[("lamp", 1, "standard"), ("mug", 1, "premium")]);
    assert_eq!(split.packages.len(), 2);
    assert_eq!(split.sellers_name(), "portland shop");

    // The timeline counts them in words, never "package(s)".
    let said =
        |order: &Order| -> Vec<String> { order.timeline().into_iter().map(|e| e.text).collect() };
    let sent = "Payment authorized; the order was sent to";
    assert!(said(&one).contains(&format!("{sent} the seller.")));
    assert!(said(&two).contains(&format!("{sent} its 2 sellers.")));
    assert!(said(&split).contains(&format!("{sent} the seller.")));
    assert!(said(&one).iter().any(|t| t.ends_with(" in 1 package.")));
    assert!(said(&split).iter().any(|t| t.ends_with(" in 2 packages.")));
}
