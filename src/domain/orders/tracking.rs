//! Tracking: the scans a parcel gets between the seller's hand-over and the shopper's door,
//! planned when the parcel ships and revealed one by one as the clock reaches them.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::seed::Draws;
use crate::domain::calendar::add_business_days;
use crate::domain::market::Market;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TrackingStage {
    Accepted,
    LeftOrigin,
    ArrivedInDestinationCountry,
    Customs,
    OutForDelivery,
    Delivered,
}

impl TrackingStage {
    pub fn label(self) -> &'static str {
        match self {
            TrackingStage::Accepted => "Accepted by the carrier",
            TrackingStage::LeftOrigin => "Left the origin facility",
            TrackingStage::ArrivedInDestinationCountry => "Arrived in the destination country",
            TrackingStage::Customs => "Cleared customs",
            TrackingStage::OutForDelivery => "Out for delivery",
            TrackingStage::Delivered => "Delivered",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingEvent {
    pub stage: TrackingStage,
    pub at: DateTime<Utc>,
    /// What the carrier's page would say, e.g. "Departed Shenzhen, China".
    pub description: String,
}

/// Where a parcel starts and ends, for the scan descriptions and the customs decision.
pub(crate) struct Route<'a> {
    pub origin_location: &'a str,
    pub origin_country: &'a str,
    pub destination_country: &'a str,
    /// Business days count by this market's calendar, as the delivery estimate does.
    pub market: Market,
}

impl Route<'_> {
    /// Only a parcel that crosses a border arrives in a country and goes through customs.
    pub fn is_international(&self) -> bool {
        self.origin_country != self.destination_country
    }
}

/// The country part of a seller location such as "Portland, Oregon, US" or "Shenzhen, China",
/// as an ISO code where we know it (the demo sellers are in the US, the UK and China).
pub fn origin_country(location: &str) -> String {
    let last = location.rsplit(',').next().unwrap_or("").trim();
    match last {
        "US" | "USA" | "United States" => "US".into(),
        "UK" | "GB" | "United Kingdom" => "GB".into(),
        "China" | "CN" => "CN".into(),
        other => other.to_string(),
    }
}

pub fn country_name(code: &str) -> &str {
    match code {
        "US" => "the United States",
        "GB" => "the United Kingdom",
        "CN" => "China",
        other => other,
    }
}

/// Plans every scan of a parcel handed over at `shipped_at` that spends `transit_days`
/// business days with the carrier. The delivery lands exactly on the `transit_days`-th
/// business day, so a parcel shipped within handling time arrives inside the estimated
/// window. Hours are seeded within plausible working hours; a same-day transit is treated
/// as next-day because nothing in this marketplace delivers on the day it ships.
pub(crate) fn plan_tracking(
    shipped_at: DateTime<Utc>,
    transit_days: u32,
    route: &Route<'_>,
    draws: &mut Draws,
) -> Vec<TrackingEvent> {
    let transit_days = transit_days.max(1);
    let ship_date = shipped_at.date_naive();
    let day = |offset: u32| add_business_days(ship_date, offset, route.market);
    let mut at_hour = |date: NaiveDate, from_hour: u32, to_hour: u32| {
        let hour = draws.between(from_hour, to_hour);
        let minute = draws.between(0, 59);
        date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("valid hour"))
            .and_utc()
    };

    let mut plan = vec![
        (
            TrackingStage::Accepted,
            shipped_at + Duration::minutes(30),
            format!("Accepted in {}", route.origin_location),
        ),
        (
            TrackingStage::LeftOrigin,
            at_hour(ship_date, 21, 22),
            format!("Departed {}", route.origin_location),
        ),
    ];
    if route.is_international() {
        // Halfway through the transit, or overnight before a one-day delivery.
        let arrival_day = day((transit_days / 2).max(1).min(transit_days));
        let (arrival_hours, customs_hours) = if transit_days == 1 {
            ((1, 2), (4, 5))
        } else {
            ((5, 8), (11, 15))
        };
        plan.push((
            TrackingStage::ArrivedInDestinationCountry,
            at_hour(arrival_day, arrival_hours.0, arrival_hours.1),
            format!("Arrived in {}", country_name(route.destination_country)),
        ));
        plan.push((
            TrackingStage::Customs,
            at_hour(arrival_day, customs_hours.0, customs_hours.1),
            "Released by customs".to_string(),
        ));
    }
    let delivery_day = day(transit_days);
    plan.push((
        TrackingStage::OutForDelivery,
        at_hour(delivery_day, 7, 8),
        "With the local courier".to_string(),
    ));
    plan.push((
        TrackingStage::Delivered,
        at_hour(delivery_day, 10, 17),
        "Delivered to the shipping address".to_string(),
    ));

    // Scans must read in order even when a seeded hour collides with the one before (an
    // international arrival on the delivery day itself): nudge later ones by a minute.
    let mut events: Vec<TrackingEvent> = Vec::with_capacity(plan.len());
    for (stage, at, description) in plan {
        let at = match events.last() {
            Some(previous) if at <= previous.at => previous.at + Duration::minutes(1),
            _ => at,
        };
        events.push(TrackingEvent {
            stage,
            at,
            description,
        });
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn route<'a>(origin: &'a str, country: &'a str, destination: &'a str) -> Route<'a> {
        Route {
            origin_location: origin,
            origin_country: country,
            destination_country: destination,
            market: Market::US,
        }
    }

    #[test]
    fn domestic_parcels_skip_customs() {
        let shipped = Utc.with_ymd_and_hms(2026, 3, 2, 11, 0, 0).unwrap();
        let plan = plan_tracking(
            shipped,
            3,
            &route("Portland, Oregon, US", "US", "US"),
            &mut Draws::new(1, "t", 0),
        );
        let stages: Vec<TrackingStage> = plan.iter().map(|e| e.stage).collect();
        use TrackingStage::*;
        assert_eq!(stages, [Accepted, LeftOrigin, OutForDelivery, Delivered]);
        // Monday + 3 business days = Thursday.
        assert_eq!(
            plan.last().unwrap().at.date_naive(),
            NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
        );
    }

    #[test]
    fn international_parcels_arrive_and_clear_customs() {
        let shipped = Utc.with_ymd_and_hms(2026, 3, 2, 11, 0, 0).unwrap();
        let plan = plan_tracking(
            shipped,
            10,
            &route("Shenzhen, China", "CN", "US"),
            &mut Draws::new(1, "t", 0),
        );
        assert_eq!(plan.len(), 6);
        assert_eq!(plan[2].description, "Arrived in the United States");
        assert_eq!(plan[3].stage, TrackingStage::Customs);
    }

    #[test]
    fn origin_country_reads_the_last_part() {
        assert_eq!(origin_country("Portland, Oregon, US"), "US");
        assert_eq!(origin_country("Manchester, UK"), "GB");
        assert_eq!(origin_country("Shenzhen, China"), "CN");
    }

    proptest! {
        #[test]
        fn scans_are_in_time_order_and_deliver_on_the_last_transit_day(
            seed in any::<u64>(), transit in 0u32..40, day in 1u32..28, hour in 9u32..17,
            international in any::<bool>()
        ) {
            let shipped = Utc.with_ymd_and_hms(2026, 4, day, hour, 0, 0).unwrap();
            let r = if international {
                route("Shenzhen, China", "CN", "US")
            } else {
                route("Denver, Colorado, US", "US", "US")
            };
            let plan = plan_tracking(shipped, transit, &r, &mut Draws::new(seed, "t", 0));
            prop_assert!(plan.windows(2).all(|w| w[0].at < w[1].at));
            prop_assert!(plan[0].at > shipped);
            let expected = add_business_days(shipped.date_naive(), transit.max(1), Market::US);
            prop_assert_eq!(plan.last().unwrap().at.date_naive(), expected);
            prop_assert_eq!(plan.last().unwrap().stage, TrackingStage::Delivered);
        }
    }
}
