//! "May I?": every shopper action has a question the page asks before offering it, and the
//! action asks the same question first, so what is offered is what is accepted.

use chrono::Duration;

use super::*;

fn lamp_return(package: &PackageId) -> ReturnRequest {
    ReturnRequest::whole_package_for_refund(package.clone(), ReturnReason::ChangedMind)
}

/// Lamp from Portland and kettle from Shenzhen, both delivered.
fn two_delivered(id: &str) -> (Order, PackageId, PackageId, DateTime<Utc>) {
    let mut order = place(id, &[("lamp", 1, "standard"), ("kettle", 1, "standard")]);
    let (first, second) = (
        order.packages()[0].id.clone(),
        order.packages()[1].id.clone(),
    );
    let a = deliver(&mut order, &first);
    let b = deliver(&mut order, &second);
    (order, first, second, a.max(b))
}

#[test]
fn after_the_seller_refuses_a_cancellation_cancelling_is_not_offered_and_is_refused_alike() {
    let mut order = place("M-0", &[("lamp", 1, "standard")]);
    assert_eq!(order.can_cancel(), Ok(()));
    order.request_cancellation(monday()).unwrap();
    assert!(matches!(
        order.can_cancel(),
        Err(Refusal::CancellationPending { .. })
    ));
    order
        .answer_cancellation(false, monday() + Duration::hours(3))
        .unwrap();
    let refusal = order.can_cancel().unwrap_err();
    assert_eq!(refusal, Refusal::CancellationDeclined);
    assert!(refusal.to_string().contains("declined"), "{refusal}");
    let refused = order
        .request_cancellation(monday() + Duration::hours(4))
        .unwrap_err();
    assert_eq!(refused.reason, refusal.to_string(), "the same reason");
}

#[test]
fn reporting_a_problem_while_a_sibling_is_being_returned_is_not_offered_and_refused_alike() {
    let (mut order, first, second, delivered) = two_delivered("M-6");
    let now = delivered + Duration::days(1);
    let before: Vec<PackageId> = order
        .problem_choices(now)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(before, vec![first.clone(), second.clone()], "both arrived");
    order.request_return(lamp_return(&first), now).unwrap();
    assert!(order.problem_choices(now).is_empty(), "nothing to offer");
    for reason in DisputeReason::ALL {
        let asked = order.can_report_problem(&second, reason, now).unwrap_err();
        let refused = order
            .clone()
            .open_dispute(&second, reason, now)
            .unwrap_err();
        assert_eq!(refused.reason, asked.to_string(), "{reason:?}");
    }
}

#[test]
fn after_a_return_starts_no_return_window_is_offered_for_that_package() {
    let (mut order, first, _, delivered) = two_delivered("M-7");
    let now = delivered + Duration::days(6);
    assert!(matches!(
        order.return_standing(&first, now),
        Some(ReturnStanding::Open { .. })
    ));
    order.request_return(lamp_return(&first), now).unwrap();
    let refusal = order.can_start_return(&first, now).unwrap_err();
    assert!(
        refusal.to_string().contains("already in progress"),
        "{refusal}"
    );
    let arrives_at = order.returns()[0].arrives_at;
    assert_eq!(
        order.return_standing(&first, now),
        Some(ReturnStanding::OnItsWay { arrives_at })
    );
    assert!(order.returnable_packages(now).is_empty());
    let refused = order
        .clone()
        .request_return(lamp_return(&first), now)
        .unwrap_err();
    assert_eq!(refused.reason, refusal.to_string());
}

#[test]
fn after_a_return_starts_the_sibling_package_is_neither_quoted_nor_accepted() {
    let (mut order, first, second, delivered) = two_delivered("M-1");
    let now = delivered + Duration::days(1);
    order.request_return(lamp_return(&first), now).unwrap();
    let quoted = order.quote_return(&lamp_return(&second), now);
    let refused = order
        .clone()
        .request_return(lamp_return(&second), now)
        .unwrap_err();
    assert_eq!(
        quoted.map_err(|r| r.to_string()),
        Err(refused.reason),
        "the quote and the action give the same answer"
    );
}

#[test]
fn confirming_receipt_on_delivery_day_keeps_the_last_return_day() {
    let mut order = place("M-2", &[("lamp", 1, "standard")]);
    let p = first_package(&order);
    let delivered = deliver(&mut order, &p);
    order.confirm_receipt(delivered).unwrap();
    let last_day = order.return_window(&p).unwrap().last_day;
    let late_on_last_day = last_day.and_hms_opt(23, 0, 0).unwrap().and_utc();
    advance(&mut order, late_on_last_day);
    let request = lamp_return(&p);
    assert_eq!(order.can_start_return(&p, late_on_last_day), Ok(()));
    assert!(order.quote_return(&request, late_on_last_day).is_ok());
    let mut returned = order.clone();
    returned
        .request_return(request, late_on_last_day)
        .expect("the window's last day is whole, as quoted");
    // Kept instead, the order completes once the window closed.
    let closes = order.return_window(&p).unwrap().closes_at();
    assert_eq!(advance(&mut order, closes)[0].0.at, closes);
    assert_eq!(order.status(), OrderStatus::Completed);
    let refusal = order.can_start_return(&p, closes).unwrap_err();
    let quoted = order.quote_return(&lamp_return(&p), closes).unwrap_err();
    assert_eq!(
        quoted, refusal,
        "the quote and the check agree after it too"
    );
}

#[test]
fn not_received_is_refused_before_the_guaranteed_date() {
    let mut order = place("M-3", &[("lamp", 1, "standard")]);
    let p = first_package(&order);
    let shipped = order.package(&p).unwrap().planned_ship_at;
    let soon_after = shipped.max(monday() + Duration::days(2));
    advance(&mut order, soon_after);
    assert!(order.package(&p).unwrap().has_shipped(), "shipped already");
    assert!(soon_after < order.package(&p).unwrap().guarantee_expires_at());
    let asked = order
        .can_report_problem(&p, DisputeReason::NotReceived, soon_after)
        .unwrap_err();
    assert!(
        matches!(asked, Refusal::BeforeGuaranteedDate { .. }),
        "{asked}"
    );
    let refused = order
        .clone()
        .open_dispute(&p, DisputeReason::NotReceived, soon_after)
        .unwrap_err();
    assert_eq!(refused.reason, asked.to_string());
    assert!(refused.reason.contains("guaranteed"), "{refused}");
    assert!(
        order.problem_choices(soon_after).is_empty(),
        "it is on its way"
    );
    // From the day after the guaranteed date, if it still has not come.
    order.simulate_lost_parcel(&p).unwrap();
    let expires = order.package(&p).unwrap().guarantee_expires_at();
    advance(&mut order, expires);
    assert_eq!(
        order.problem_choices(expires),
        vec![(p.clone(), vec![DisputeReason::NotReceived])]
    );
    order
        .open_dispute(&p, DisputeReason::NotReceived, expires)
        .unwrap();
}

#[test]
fn a_closed_order_and_a_completed_one_say_how_protection_ended() {
    let mut closed = place("M-4", &[("lamp", 1, "standard")]);
    let p = first_package(&closed);
    assert_eq!(closed.protection(monday()), ProtectionStatus::NotStarted);
    let ship_at = closed.package(&p).unwrap().planned_ship_at;
    advance(&mut closed, ship_at);
    assert_eq!(
        closed.protection(ship_at),
        ProtectionStatus::UntilReceiptConfirmed
    );
    closed.simulate_lost_parcel(&p).unwrap();
    let expires = closed.package(&p).unwrap().guarantee_expires_at();
    advance(&mut closed, expires);
    closed.refund_not_delivered(&p, expires).unwrap();
    assert_eq!(closed.status(), OrderStatus::Closed);
    assert_eq!(closed.protection(expires), ProtectionStatus::Closed);
    let text = closed.protection(expires).to_string();
    assert!(!text.contains("after you confirm receipt"), "{text}");

    let mut completed = place("M-5", &[("lamp", 1, "standard")]);
    let p = first_package(&completed);
    let delivered = deliver(&mut completed, &p);
    let confirmed = delivered + Duration::days(1);
    completed.confirm_receipt(confirmed).unwrap();
    let ends = confirmed + Duration::days(PROTECTION_DAYS_AFTER_RECEIPT);
    assert_eq!(
        completed.protection(confirmed),
        ProtectionStatus::Until(ends)
    );
    let later = delivered + Duration::days(40);
    advance(&mut completed, later);
    assert_eq!(completed.status(), OrderStatus::Completed);
    assert_eq!(completed.protection(later), ProtectionStatus::Ended(ends));
    let text = completed.protection(later).to_string();
    assert!(text.starts_with("Buyer protection ended on"), "{text}");
}

#[test]
fn receipt_is_confirmed_once_everything_arrived_and_only_once() {
    let mut order = place("M-8", &[("lamp", 1, "standard")]);
    let p = first_package(&order);
    assert_eq!(order.can_confirm_receipt(), Err(Refusal::NotAllDelivered));
    let delivered = deliver(&mut order, &p);
    assert_eq!(order.can_confirm_receipt(), Ok(()));
    order.confirm_receipt(delivered).unwrap();
    assert_eq!(
        order.can_confirm_receipt(),
        Err(Refusal::ReceiptAlreadyConfirmed)
    );
    let refused = order.confirm_receipt(delivered).unwrap_err();
    assert_eq!(refused.reason, Refusal::ReceiptAlreadyConfirmed.to_string());
}
