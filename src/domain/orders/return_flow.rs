//! A return as it happens: started within the window, sent back, received by the seller,
//! then refunded by the quote or replaced by a new package.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use super::effects::Outcome;
use super::lifecycle::{TransitionError, Trigger};
use super::order::Order;
use super::package::{CloseReason, DeliveryEstimate, PackageId, PackageStatus};
use super::refusal::Refusal;
use super::returns::{
    quote_return, Resolution, ReturnCase, ReturnQuote, ReturnRequest, ReturnWindow,
};
use super::seed::Draws;
use crate::domain::calendar::add_business_days;
use crate::domain::format;
use crate::domain::money::Money;

/// What the package card says about returning it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnStanding {
    /// A return can be started today and until `last_day`; `days_left` counts today.
    Open { last_day: NaiveDate, days_left: i64 },
    /// A return of this package is on its way back to the seller.
    OnItsWay { arrives_at: DateTime<Utc> },
    /// The window ran out.
    Closed { last_day: NaiveDate },
}

impl Order {
    /// The window for a delivered package; `None` before delivery.
    pub fn return_window(&self, package: &PackageId) -> Option<ReturnWindow> {
        self.package(package)?
            .delivered_at
            .map(ReturnWindow::for_delivery)
    }

    /// May a return of `package` start now? Once delivered, within the window, while no
    /// other return or dispute is open on the order, and while something is left to send.
    pub fn can_start_return(&self, package: &PackageId, now: DateTime<Utc>) -> Result<(), Refusal> {
        let p = self
            .package(package)
            .ok_or_else(|| Refusal::NoSuchPackage(package.clone()))?;
        self.check_trigger(Trigger::StartReturn)?;
        match &p.status {
            PackageStatus::Delivered => {}
            PackageStatus::Closed(reason) => {
                return Err(Refusal::PackageClosed {
                    package: p.id.clone(),
                    why: reason.label(),
                })
            }
            _ => {
                return Err(Refusal::NotDeliveredYet {
                    package: p.id.clone(),
                    status: p.status_label(),
                })
            }
        }
        let window = self
            .return_window(package)
            .expect("a delivered package has a window");
        if !window.is_open(now) {
            return Err(Refusal::ReturnWindowClosed(window));
        }
        if p.lines.iter().all(|n| self.already_returned(&p.id, *n)) {
            return Err(Refusal::EverythingReturned(p.id.clone()));
        }
        Ok(())
    }

    /// The packages a return can start on now: the return form lists these.
    pub fn returnable_packages(&self, now: DateTime<Utc>) -> Vec<PackageId> {
        self.packages
            .iter()
            .filter(|p| self.can_start_return(&p.id, now).is_ok())
            .map(|p| p.id.clone())
            .collect()
    }

    /// What to say about returning `package`: the countdown only while a return can start,
    /// the return on its way once started, the closed window once past; nothing otherwise
    /// (not delivered, closed, or held back by another case on the order).
    pub fn return_standing(
        &self,
        package: &PackageId,
        now: DateTime<Utc>,
    ) -> Option<ReturnStanding> {
        let p = self.package(package)?;
        if let Some(case) = self
            .returns
            .iter()
            .find(|c| &c.request.package == package && c.finished_at.is_none())
        {
            return Some(ReturnStanding::OnItsWay {
                arrives_at: case.arrives_at,
            });
        }
        if p.status != PackageStatus::Delivered {
            return None;
        }
        let window = self.return_window(package)?;
        match self.can_start_return(package, now) {
            Ok(()) => Some(ReturnStanding::Open {
                last_day: window.last_day,
                days_left: window.days_left(now),
            }),
            Err(Refusal::ReturnWindowClosed(_)) => Some(ReturnStanding::Closed {
                last_day: window.last_day,
            }),
            Err(_) if !window.is_open(now) => Some(ReturnStanding::Closed {
                last_day: window.last_day,
            }),
            Err(_) => None,
        }
    }

    /// What the return would pay, or why it cannot be started: the return form shows this
    /// before the shopper commits, and the return itself pays exactly this.
    pub fn quote_return(
        &self,
        request: &ReturnRequest,
        now: DateTime<Utc>,
    ) -> Result<ReturnQuote, Refusal> {
        self.can_start_return(&request.package, now)?;
        if request.resolution == Resolution::Exchange && !request.reason.allows_exchange() {
            return Err(Refusal::ExchangeNotAllowed(request.reason));
        }
        let lines = self.lines_to_return(request)?;
        let amounts: Vec<(Money, Money)> = lines
            .iter()
            .map(|n| {
                let line = &self.lines[(*n - 1) as usize];
                (line.items_total, line.shipping)
            })
            .collect();
        let mut quote = quote_return(
            &amounts,
            request.reason,
            request.condition,
            request.resolution,
            self.market,
        );
        // A package already partly refunded cannot pay out more than is left of it.
        let index = self
            .package_index(&request.package)
            .expect("can_start_return found the package");
        quote.refund = quote.refund.min(self.refundable_value(index));
        Ok(quote)
    }

    fn lines_to_return(&self, request: &ReturnRequest) -> Result<Vec<u32>, Refusal> {
        let p = self
            .package(&request.package)
            .ok_or_else(|| Refusal::NoSuchPackage(request.package.clone()))?;
        if request.lines.is_empty() {
            let left: Vec<u32> = p
                .lines
                .iter()
                .copied()
                .filter(|n| !self.already_returned(&p.id, *n))
                .collect();
            if left.is_empty() {
                return Err(Refusal::EverythingReturned(p.id.clone()));
            }
            return Ok(left);
        }
        if let Some(n) = request.lines.iter().find(|n| !p.lines.contains(n)) {
            return Err(Refusal::LineNotInPackage {
                line: *n,
                package: p.id.clone(),
            });
        }
        let mut lines = request.lines.clone();
        if let Some(n) = lines.iter().find(|n| self.already_returned(&p.id, **n)) {
            return Err(Refusal::LineAlreadyReturned(*n));
        }
        lines.sort_unstable();
        lines.dedup();
        Ok(lines)
    }

    fn already_returned(&self, package: &PackageId, line: u32) -> bool {
        self.returns
            .iter()
            .any(|c| &c.request.package == package && c.request.lines.contains(&line))
    }

    pub fn request_return(
        &mut self,
        request: ReturnRequest,
        now: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let quote = self
            .quote_return(&request, now)
            .map_err(|r| self.refuse(r))?;
        let lines = self.lines_to_return(&request).map_err(|r| self.refuse(r))?;
        let number = self.returns.len() as u32 + 1;
        let mut draws = Draws::new(self.seed, "return-transit", u64::from(number));
        let days = draws.between(2, 4);
        let arrival_day = add_business_days(now.date_naive(), days, self.market);
        let time = NaiveTime::from_hms_opt(draws.between(11, 15), draws.between(0, 59), 0)
            .expect("valid time");
        let arrives_at = arrival_day.and_time(time).and_utc();
        let request = ReturnRequest { lines, ..request };
        let (reason, resolution, package) =
            (request.reason, request.resolution, request.package.clone());
        self.returns.push(ReturnCase {
            number,
            request,
            opened_at: now,
            arrives_at,
            quote: quote.clone(),
            finished_at: None,
            replacement: None,
        });
        self.apply_trigger(Trigger::StartReturn)?;
        let what = match resolution {
            Resolution::Refund => format!("a refund of {}", quote.refund),
            Resolution::Exchange => "a replacement".to_string(),
        };
        self.record(
            now,
            format!(
                "Return started for package {package} ({}), for {what}.",
                reason.label()
            ),
        );
        let mut outcome = Outcome::default();
        outcome.notifications.push(self.notification(
            now,
            "Return started",
            format!(
                "Your return of package {package} is on its way back ({} pays return \
                 shipping). When the seller receives it, expected {}, you get {what}.",
                match quote.return_shipping_paid_by {
                    super::returns::Party::Shopper => "you",
                    super::returns::Party::Seller => "the seller",
                },
                format::date(arrives_at),
            ),
        ));
        Ok(outcome)
    }

    /// The seller received the return: refund by the quote, or send the replacement.
    pub(super) fn finish_return(
        &mut self,
        number: u32,
        at: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let case_index = self
            .returns
            .iter()
            .position(|c| c.number == number && c.finished_at.is_none())
            .ok_or_else(|| TransitionError::new(self.status, "No such return in progress."))?;
        let case = self.returns[case_index].clone();
        let index = self.package_index(&case.request.package)?;
        let whole_package = self.packages[index]
            .lines
            .iter()
            .all(|n| self.already_returned(&case.request.package, *n));
        self.returns[case_index].finished_at = Some(at);
        self.record(
            at,
            format!(
                "The seller received the return of package {}.",
                case.request.package
            ),
        );
        let mut outcome = Outcome::default();
        match case.request.resolution {
            Resolution::Refund => {
                outcome.effects.extend(self.refund_package(
                    index,
                    case.quote.refund,
                    at,
                    &format!("return ({})", case.request.reason.label().to_lowercase()),
                ));
                if whole_package {
                    self.packages[index].status = PackageStatus::Closed(CloseReason::Returned);
                }
                outcome.notifications.push(self.notification(
                    at,
                    "Your return was received",
                    format!(
                        "The seller received your return. {} is refunded; your remaining \
                         payments are adjusted.",
                        case.quote.refund
                    ),
                ));
            }
            Resolution::Exchange => {
                if whole_package {
                    self.packages[index].status = PackageStatus::Closed(CloseReason::Exchanged);
                }
                let replacement = self.add_replacement(index, &case.request.lines, at);
                self.returns[case_index].replacement = Some(replacement.clone());
                outcome.merge(self.ship_package(&replacement, at + Duration::hours(1))?);
            }
        }
        let progress = self.progress();
        self.apply_trigger(Trigger::CaseClosed(progress))?;
        Ok(outcome)
    }

    /// A new package with the exchanged lines, already paid for, estimated from today.
    fn add_replacement(&mut self, original: usize, lines: &[u32], at: DateTime<Utc>) -> PackageId {
        let number = self.packages.len() as u32 + 1;
        let source = &self.packages[original];
        let zero = Money::zero(self.market.currency());
        let ship_date = (at + Duration::hours(1)).date_naive();
        let mut draws = Draws::new(self.seed, "replacement-transit", u64::from(number));
        let transit_days = draws.between(source.transit.min.max(1), source.transit.max.max(1));
        let mut replacement = source.clone();
        replacement.id = PackageId::new(&self.id, number);
        replacement.number = number;
        replacement.lines = lines.to_vec();
        replacement.amount = zero;
        replacement.captured = zero;
        replacement.refunded = zero;
        replacement.waived = zero;
        replacement.replaces = Some(source.id.clone());
        replacement.status = PackageStatus::AwaitingShipment;
        replacement.tracking_number = None;
        replacement.tracking_plan.clear();
        replacement.tracking.clear();
        replacement.shipped_at = None;
        replacement.delivered_at = None;
        replacement.seller_misses_handling = false;
        replacement.ship_by = ship_date;
        replacement.planned_ship_at = at + Duration::hours(1);
        replacement.transit_days = transit_days;
        replacement.estimate = DeliveryEstimate {
            earliest: add_business_days(ship_date, source.transit.min.max(1), self.market),
            latest: add_business_days(ship_date, source.transit.max.max(1), self.market),
        };
        let id = replacement.id.clone();
        self.packages.push(replacement);
        self.record(
            at,
            format!("Replacement package {id} created for the exchange."),
        );
        id
    }
}
