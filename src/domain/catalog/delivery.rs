//! Delivery options and the dates a shopper can expect a parcel.

use chrono::NaiveDate;

use super::ids::DeliveryOptionId;
use super::price::MarketPrice;
use crate::domain::calendar::add_business_days;
use crate::domain::format;
use crate::domain::market::Market;

/// An inclusive range of business days, e.g. 15-45 for standard shipping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BusinessDayRange {
    min: u32,
    max: u32,
}

impl BusinessDayRange {
    pub fn new(min: u32, max: u32) -> BusinessDayRange {
        assert!(min <= max, "business-day range {min}-{max} is reversed");
        BusinessDayRange { min, max }
    }

    pub fn min(self) -> u32 {
        self.min
    }

    pub fn max(self) -> u32 {
        self.max
    }

    /// "3-5 business days", or "2 business days" when the range is a single value.
    pub fn label(self) -> String {
        let unit = if self.max == 1 {
            "business day"
        } else {
            "business days"
        };
        if self.min == self.max {
            format!("{} {unit}", self.min)
        } else {
            format!("{}-{} {unit}", self.min, self.max)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryOption {
    pub id: DeliveryOptionId,
    /// "Standard", "Premium", "Choice".
    pub name: String,
    pub cost: MarketPrice,
    /// Days in the carrier's hands, after the seller's handling time.
    pub transit: BusinessDayRange,
}

impl DeliveryOption {
    pub fn is_free_in(&self, market: Market) -> bool {
        self.cost.is_free_in(market)
    }

    /// The delivery window for an order placed on `order_date` with a seller whose
    /// handling time is `handling`.
    pub fn window(
        &self,
        order_date: NaiveDate,
        handling: BusinessDayRange,
        market: Market,
    ) -> DeliveryWindow {
        delivery_window(order_date, handling, self.transit, market)
    }
}

/// First and last day the parcel may arrive, both inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DeliveryWindow {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

impl DeliveryWindow {
    /// "Mon 13 May - Fri 31 May", or a single date when both ends agree.
    pub fn label(self) -> String {
        let fmt = |d: NaiveDate| format::date(d);
        if self.earliest == self.latest {
            fmt(self.earliest)
        } else {
            format!("{} - {}", fmt(self.earliest), fmt(self.latest))
        }
    }
}

/// Handling and transit both count the market's business days, and the two run back to
/// back, so the bounds add before the calendar is consulted: walking the calendar once per
/// bound keeps weekends (and the market's holidays) from being counted twice.
pub fn delivery_window(
    order_date: NaiveDate,
    handling: BusinessDayRange,
    transit: BusinessDayRange,
    market: Market,
) -> DeliveryWindow {
    DeliveryWindow {
        earliest: add_business_days(order_date, handling.min + transit.min, market),
        latest: add_business_days(order_date, handling.max + transit.max, market),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn window_skips_weekends() {
        // Friday 2024-03-01, handling 1-2, transit 2-3: earliest 3 business days ->
        // Wednesday 6th; latest 5 business days -> Friday 8th.
        let w = delivery_window(
            date(2024, 3, 1),
            BusinessDayRange::new(1, 2),
            BusinessDayRange::new(2, 3),
            Market::US,
        );
        assert_eq!(w.earliest, date(2024, 3, 6));
        assert_eq!(w.latest, date(2024, 3, 8));
    }

    #[test]
    fn order_on_saturday_counts_from_monday() {
        let w = delivery_window(
            date(2024, 3, 2),
            BusinessDayRange::new(1, 1),
            BusinessDayRange::new(0, 4),
            Market::UK,
        );
        assert_eq!(w.earliest, date(2024, 3, 4));
        assert_eq!(w.latest, date(2024, 3, 8));
        assert_eq!(w.label(), "Mon 4 Mar 2024 - Fri 8 Mar 2024");
    }

    #[test]
    fn long_standard_window_spans_many_weekends() {
        // Without holidays 16 business days from Monday 1 January land on Tuesday 23
        // January and 50 land on Monday 11 March; the market's holidays can only push later.
        let w = delivery_window(
            date(2024, 1, 1),
            BusinessDayRange::new(1, 5),
            BusinessDayRange::new(15, 45),
            Market::US,
        );
        assert!(w.earliest >= date(2024, 1, 23));
        assert!(w.latest >= date(2024, 3, 11));
        assert!(w.earliest < w.latest);
    }

    #[test]
    fn labels_ranges() {
        assert_eq!(BusinessDayRange::new(15, 45).label(), "15-45 business days");
        assert_eq!(BusinessDayRange::new(1, 1).label(), "1 business day");
    }

    #[test]
    #[should_panic(expected = "reversed")]
    fn reversed_range_is_a_bug() {
        BusinessDayRange::new(5, 1);
    }
}
