//! The state machine, exhaustively: every (status, trigger) pair is either in the table of
//! legal moves with its target, or refused with a reason.

use super::super::lifecycle::{transition, OrderStatus, Progress, Trigger};

fn legal_moves() -> Vec<(OrderStatus, Trigger, OrderStatus)> {
    use OrderStatus::*;
    use Trigger::*;
    let mut table = vec![
        (AwaitingPayment, AcceptPayment, AwaitingShipment),
        (AwaitingPayment, RejectPayment, Cancelled),
        (AwaitingPayment, Cancel, Cancelled),
        (AwaitingShipment, Cancel, Cancelled),
        (
            AwaitingShipment,
            PackagesMoved(Progress::AwaitingShipment),
            AwaitingShipment,
        ),
        (AwaitingShipment, PackagesMoved(Progress::Shipped), Shipped),
        (
            AwaitingShipment,
            PackagesMoved(Progress::Delivered),
            Delivered,
        ),
        (AwaitingShipment, PackagesMoved(Progress::Closed), Closed),
        (Shipped, PackagesMoved(Progress::Shipped), Shipped),
        (Shipped, PackagesMoved(Progress::Delivered), Delivered),
        (Shipped, PackagesMoved(Progress::Closed), Closed),
        (Delivered, PackagesMoved(Progress::Delivered), Delivered),
        (Delivered, PackagesMoved(Progress::Closed), Closed),
        (Shipped, StartReturn, ReturnInProgress),
        (Delivered, StartReturn, ReturnInProgress),
        (Shipped, OpenDispute, InDispute),
        (Delivered, OpenDispute, InDispute),
        (Delivered, EndProtection, Completed),
    ];
    for case in [InDispute, ReturnInProgress] {
        for progress in Progress::ALL {
            // Packages keep moving under an open case without changing the headline...
            table.push((case, PackagesMoved(progress), case));
            // ...which settles to wherever they stand when the case closes.
            let to = match progress {
                Progress::AwaitingShipment => AwaitingShipment,
                Progress::Shipped => Shipped,
                Progress::Delivered => Delivered,
                Progress::Closed => Closed,
            };
            table.push((case, CaseClosed(progress), to));
        }
    }
    table
}

#[test]
fn every_transition_is_either_legal_with_its_target_or_refused_with_a_reason() {
    let table = legal_moves();
    let mut legal_seen = 0;
    for from in OrderStatus::ALL {
        for trigger in Trigger::all() {
            let expected = table
                .iter()
                .find(|(f, t, _)| *f == from && *t == trigger)
                .map(|(_, _, to)| *to);
            match (expected, transition(from, trigger)) {
                (Some(to), Ok(got)) => {
                    assert_eq!(got, to, "{from:?} --{trigger:?}-->");
                    legal_seen += 1;
                }
                (None, Err(e)) => {
                    assert_eq!(e.from, from);
                    assert!(
                        e.reason.len() > 10 && e.reason.ends_with('.'),
                        "{from:?} --{trigger:?}: reason {:?} is not a sentence",
                        e.reason
                    );
                }
                (Some(to), Err(e)) => panic!("{from:?} --{trigger:?}--> {to:?} refused: {e}"),
                (None, Ok(got)) => panic!("{from:?} --{trigger:?}--> {got:?} should be refused"),
            }
        }
    }
    assert_eq!(legal_seen, table.len(), "the table has duplicate rows");
}

#[test]
fn final_states_refuse_everything() {
    for from in OrderStatus::ALL.into_iter().filter(|s| s.is_final()) {
        for trigger in Trigger::all() {
            assert!(transition(from, trigger).is_err(), "{from:?} {trigger:?}");
        }
    }
}

#[test]
fn refusals_say_what_to_do_instead() {
    let e = transition(OrderStatus::Shipped, Trigger::Cancel).unwrap_err();
    assert!(e.reason.contains("return it"), "{e}");
    let e = transition(OrderStatus::AwaitingShipment, Trigger::OpenDispute).unwrap_err();
    assert!(e.reason.contains("cancel the order instead"), "{e}");
    let e = transition(
        OrderStatus::Delivered,
        Trigger::PackagesMoved(Progress::Shipped),
    )
    .unwrap_err();
    assert!(e.reason.contains("cannot go back"), "{e}");
}

#[test]
fn labels_are_distinct() {
    let mut labels: Vec<&str> = OrderStatus::ALL.iter().map(|s| s.label()).collect();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(labels.len(), OrderStatus::ALL.len());
}
