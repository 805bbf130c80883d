//! Shipping and delivery: the seller hands a package over (which captures it), the carrier
//! scans it, it arrives; or the seller misses its handling time, or the carrier misses the
//! guaranteed date, and the package is refunded.

use chrono::{DateTime, Utc};

use super::effects::{Effect, Outcome};
use super::lifecycle::{Progress, TransitionError, Trigger};
use super::order::Order;
use super::package::{CloseReason, PackageId, PackageStatus};
use super::refusal::Refusal;
use super::seed::Draws;
use super::tracking::{plan_tracking, Route, TrackingStage};
use crate::domain::calendar::add_business_days;
use crate::domain::format;

impl Order {
    /// The seller hands the package to the carrier at `at`: a tracking number, the scans to
    /// come, and (unless it is an exchange's replacement, already paid for) a capture.
    pub fn ship_package(
        &mut self,
        package: &PackageId,
        at: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let index = self.package_index(package)?;
        let p = &self.packages[index];
        if p.status != PackageStatus::AwaitingShipment {
            return Err(TransitionError::new(
                self.status,
                format!("Package {} is not waiting to be shipped.", p.id),
            ));
        }
        if self.cancellation.as_ref().is_some_and(|c| c.is_pending()) {
            return Err(TransitionError::new(
                self.status,
                "A cancellation request is waiting for the seller's answer.",
            ));
        }
        self.check_trigger(Trigger::PackagesMoved(Progress::Shipped))?;

        let seed = self.seed;
        let route = Route {
            origin_location: &p.seller_location,
            origin_country: &p.origin_country,
            destination_country: &self.shipping_country,
            market: self.market,
        };
        let number = u64::from(p.number);
        let tracking_number =
            p.carrier
                .new_tracking_number(&mut Draws::new(seed, "tracking-number", number));
        let plan = plan_tracking(
            at,
            p.transit_days,
            &route,
            &mut Draws::new(seed, "tracking-plan", number),
        );

        let p = &mut self.packages[index];
        p.tracking_number = Some(tracking_number.clone());
        p.tracking_plan = plan;
        p.shipped_at = Some(at);
        p.status = PackageStatus::InTransit;
        let capture = (p.replaces.is_none()).then(|| {
            p.captured = p.amount;
            Effect::Capture {
                package: p.id.clone(),
                amount: p.amount,
            }
        });
        let (id, seller, carrier, latest) = (
            p.id.clone(),
            p.seller_name.clone(),
            p.carrier.name(),
            p.estimate.latest,
        );
        self.record(
            at,
            format!("Package {id} shipped by {seller} with {carrier}, tracking number {tracking_number}."),
        );
        self.follow_packages()?;

        let mut outcome = Outcome::default();
        outcome.effects.extend(capture);
        outcome.effects.extend(self.release_if_done(at));
        outcome.notifications.push(self.notification(
            at,
            "Your package has shipped",
            format!(
                "{seller} shipped package {id} with {carrier}. Tracking number: \
                 {tracking_number}. Guaranteed delivery by {}.",
                format::date(latest)
            ),
        ));
        Ok(outcome)
    }

    /// The scan a package in transit is waiting for.
    pub fn next_scan(&self, package: &PackageId) -> Option<TrackingStage> {
        let p = self.package(package)?;
        if p.status != PackageStatus::InTransit {
            return None;
        }
        p.tracking_plan.get(p.tracking.len()).map(|e| e.stage)
    }

    /// The next planned scan of a package in transit happens.
    pub(super) fn scan_package(
        &mut self,
        package: &PackageId,
        stage: TrackingStage,
    ) -> Result<Outcome, TransitionError> {
        let index = self.package_index(package)?;
        let p = &self.packages[index];
        let next = p
            .tracking_plan
            .iter()
            .find(|e| !p.stage_reached(e.stage))
            .filter(|e| e.stage == stage && p.status == PackageStatus::InTransit)
            .cloned()
            .ok_or_else(|| {
                TransitionError::new(
                    self.status,
                    format!("{} is not the next scan of {}.", stage.label(), p.id),
                )
            })?;
        let at = next.at;
        let p = &mut self.packages[index];
        p.tracking.push(next.clone());
        let id = p.id.clone();
        self.record(
            at,
            format!("Package {id}: {} ({}).", stage.label(), next.description),
        );
        let mut outcome = Outcome::default();
        match stage {
            TrackingStage::OutForDelivery => outcome.notifications.push(self.notification(
                at,
                "Out for delivery",
                format!("Package {id} is out for delivery today."),
            )),
            TrackingStage::Delivered => {
                let p = &mut self.packages[index];
                p.delivered_at = Some(at);
                p.status = PackageStatus::Delivered;
                self.follow_packages()?;
                outcome.notifications.push(self.notification(
                    at,
                    "Delivered",
                    format!(
                        "Package {id} was delivered. You can return it within 15 days, \
                         or report a problem if something is wrong."
                    ),
                ));
            }
            _ => {}
        }
        Ok(outcome)
    }

    /// The handling deadline passed with the package still at the seller: closed, and the
    /// shopper owes nothing for it.
    pub(super) fn close_for_missed_handling(
        &mut self,
        package: &PackageId,
        at: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let index = self.package_index(package)?;
        if self.packages[index].status != PackageStatus::AwaitingShipment {
            return Err(TransitionError::new(
                self.status,
                "Only a package still waiting to ship can miss its handling time.",
            ));
        }
        self.check_trigger(Trigger::PackagesMoved(Progress::Closed))?;
        let p = &mut self.packages[index];
        p.status = PackageStatus::Closed(CloseReason::HandlingMissed);
        let (id, seller, ship_by, outstanding) = (
            p.id.clone(),
            p.seller_name.clone(),
            p.ship_by,
            p.outstanding(),
        );
        let mut outcome = Outcome::default();
        outcome.effects.extend(self.refund_package(
            index,
            outstanding,
            at,
            "the seller did not ship within its handling time",
        ));
        self.follow_packages()?;
        outcome.effects.extend(self.release_if_done(at));
        outcome.notifications.push(self.notification(
            at,
            "Your package was not shipped in time",
            format!(
                "{seller} did not ship package {id} by {}. It is closed and {outstanding} \
                 comes off your order in full.",
                format::date(ship_by)
            ),
        ));
        Ok(outcome)
    }

    /// May the shopper take the "not delivered by the guaranteed date" refund? From the day
    /// after that date, for a parcel still not delivered, unless a dispute about it decides.
    pub fn can_refund_not_delivered(
        &self,
        package: &PackageId,
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        let p = self
            .package(package)
            .ok_or_else(|| Refusal::NoSuchPackage(package.clone()))?;
        if let PackageStatus::Closed(why) = &p.status {
            return Err(Refusal::PackageClosed {
                package: p.id.clone(),
                why: why.label(),
            });
        }
        if p.is_delivered() {
            return Err(Refusal::WasDelivered(p.id.clone()));
        }
        if now < p.guarantee_expires_at() {
            return Err(Refusal::BeforeGuaranteedDate {
                package: p.id.clone(),
                guaranteed_by: p.guaranteed_by(),
            });
        }
        if self.open_dispute_on(package).is_some() {
            return Err(Refusal::DisputeOpenOn(p.id.clone()));
        }
        // Closing the package moves the order; the state machine says whether it may.
        self.check_trigger(Trigger::PackagesMoved(Progress::Closed))?;
        Ok(())
    }

    /// The shopper takes the refund for a package that missed its guaranteed date.
    pub fn refund_not_delivered(
        &mut self,
        package: &PackageId,
        now: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        self.can_refund_not_delivered(package, now)
            .map_err(|r| self.refuse(r))?;
        let index = self.package_index(package)?;
        let outstanding = self.refundable_value(index);
        self.packages[index].status = PackageStatus::Closed(CloseReason::NotDelivered);
        let mut outcome = Outcome::default();
        outcome.effects.extend(self.refund_package(
            index,
            outstanding,
            now,
            "not delivered by the guaranteed date",
        ));
        self.follow_packages()?;
        outcome.effects.extend(self.release_if_done(now));
        outcome.notifications.push(self.notification(
            now,
            "Refund for a late package",
            format!("Package {package} did not arrive by its guaranteed date; {outstanding} is refunded."),
        ));
        Ok(outcome)
    }

    /// Simulation panel: may this package's seller be made to miss its handling time?
    pub fn can_simulate_missed_handling(&self, package: &PackageId) -> Result<(), Refusal> {
        let p = self
            .package(package)
            .ok_or_else(|| Refusal::NoSuchPackage(package.clone()))?;
        if p.status != PackageStatus::AwaitingShipment {
            return Err(Refusal::NotWaitingToShip(p.id.clone()));
        }
        if p.seller_misses_handling {
            return Err(Refusal::AlreadyMissingHandling(p.id.clone()));
        }
        Ok(())
    }

    /// Simulation panel: this seller will not ship, so the handling deadline will close it.
    pub fn simulate_missed_handling(&mut self, package: &PackageId) -> Result<(), TransitionError> {
        self.can_simulate_missed_handling(package)
            .map_err(|r| self.refuse(r))?;
        let p = self
            .package_mut(package)
            .expect("can_simulate_missed_handling found the package");
        p.seller_misses_handling = true;
        Ok(())
    }

    /// Simulation panel: the carrier runs `business_days` late from the next scan on.
    pub fn simulate_carrier_delay(
        &mut self,
        package: &PackageId,
        business_days: u32,
    ) -> Result<(), TransitionError> {
        let (status, market) = (self.status, self.market);
        let p = self
            .package_mut(package)
            .filter(|p| p.status == PackageStatus::InTransit)
            .ok_or_else(|| {
                TransitionError::new(status, format!("Package {package} is not in transit."))
            })?;
        let done = p.tracking.len();
        for scan in p.tracking_plan.iter_mut().skip(done) {
            let date = add_business_days(scan.at.date_naive(), business_days, market);
            scan.at = date.and_time(scan.at.time()).and_utc();
        }
        Ok(())
    }

    /// Simulation panel: the parcel is lost; no further scans will come.
    pub fn simulate_lost_parcel(&mut self, package: &PackageId) -> Result<(), TransitionError> {
        let status = self.status;
        let p = self
            .package_mut(package)
            .filter(|p| p.status == PackageStatus::InTransit)
            .ok_or_else(|| {
                TransitionError::new(status, format!("Package {package} is not in transit."))
            })?;
        let done = p.tracking.len();
        p.tracking_plan.truncate(done);
        Ok(())
    }
}
