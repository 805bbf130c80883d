//! The trust badge. The rule lives here once, and every check carries the sentence the
//! seller page shows under "Why trusted?", so the badge and its explanation cannot drift.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::seller::{permille_label, Seller};
use crate::domain::format;

/// 90.0% positive feedback.
pub const MIN_POSITIVE_PERMILLE: u16 = 900;
pub const MIN_YEARS_OPEN: u32 = 2;
/// Every one of the three detailed ratings, out of 5.
pub const MIN_DETAILED_RATING: Decimal = dec!(4.0);
/// Enough buyers for the share to mean something.
pub const MIN_RATINGS_RECEIVED: u32 = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustCheck {
    pub passed: bool,
    /// e.g. "95.0% positive feedback (needs 90.0%)".
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustVerdict {
    pub trusted: bool,
    /// Every check, passed or not, in a fixed order.
    pub checks: Vec<TrustCheck>,
}

impl TrustVerdict {
    pub fn failed(&self) -> impl Iterator<Item = &TrustCheck> {
        self.checks.iter().filter(|c| !c.passed)
    }

    /// "Trusted seller" or "Not yet trusted".
    pub fn badge(&self) -> &'static str {
        if self.trusted {
            "Trusted seller"
        } else {
            "Not yet trusted"
        }
    }
}

impl Seller {
    /// A seller is trusted when **all** of these hold:
    /// - at least 90.0% positive feedback,
    /// - from at least 100 buyers,
    /// - open for at least 2 years,
    /// - each detailed rating (item as described, communication, shipping speed) at least
    ///   4.0 out of 5.
    ///
    /// All checks must pass because each guards a different risk: a young shop with glowing
    /// early feedback, or an old one that describes items well but ships late.
    pub fn trust(&self) -> TrustVerdict {
        let mut checks = vec![
            TrustCheck {
                passed: self.positive_feedback_permille >= MIN_POSITIVE_PERMILLE,
                reason: format!(
                    "{} positive feedback (needs {})",
                    self.positive_feedback_label(),
                    permille_label(MIN_POSITIVE_PERMILLE)
                ),
            },
            TrustCheck {
                passed: self.feedback_count >= MIN_RATINGS_RECEIVED,
                reason: format!(
                    "Rated by {} (needs {MIN_RATINGS_RECEIVED})",
                    format::counted(self.feedback_count.into(), "buyer", "buyers")
                ),
            },
            TrustCheck {
                passed: self.years_open >= MIN_YEARS_OPEN,
                reason: match self.years_open {
                    0 => format!("Open less than a year (needs {MIN_YEARS_OPEN})"),
                    1 => format!("Open 1 year (needs {MIN_YEARS_OPEN})"),
                    n => format!("Open {n} years (needs {MIN_YEARS_OPEN})"),
                },
            },
        ];
        checks.extend(self.detailed.rows().map(|(label, value)| TrustCheck {
            passed: value >= MIN_DETAILED_RATING,
            reason: format!("{label} {value:.1}/5 (needs {MIN_DETAILED_RATING:.1})"),
        }));
        TrustVerdict {
            trusted: checks.iter().all(|c| c.passed),
            checks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BusinessDayRange, DetailedRatings, SellerId};
    use super::*;

    fn seller(permille: u16, count: u32, years: u32, shipping: Decimal) -> Seller {
        Seller {
            id: SellerId::new("s"),
            name: "S".into(),
            location: "Leeds, UK".into(),
            positive_feedback_permille: permille,
            feedback_count: count,
            detailed: DetailedRatings {
                item_as_described: dec!(4.8),
                communication: dec!(4.7),
                shipping_speed: shipping,
            },
            years_open: years,
            followers: 10,
            contact_email: "s@example.com".into(),
            handling: BusinessDayRange::new(1, 3),
            reviews: vec![],
        }
    }

    #[test]
    fn an_established_well_rated_seller_is_trusted_with_reasons() {
        let v = seller(950, 1200, 4, dec!(4.6)).trust();
        assert!(v.trusted);
        assert_eq!(v.badge(), "Trusted seller");
        let reasons: Vec<_> = v.checks.iter().map(|c| c.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "95.0% positive feedback (needs 90.0%)",
                "Rated by 1,200 buyers (needs 100)",
                "Open 4 years (needs 2)",
                "Item as described 4.8/5 (needs 4.0)",
                "Communication 4.7/5 (needs 4.0)",
                "Shipping speed 4.6/5 (needs 4.0)",
            ]
        );
    }

    #[test]
    fn each_rule_alone_can_withhold_trust() {
        let base = seller(950, 1200, 4, dec!(4.6));
        assert!(base.trust().trusted);
        for s in [
            seller(899, 1200, 4, dec!(4.6)),
            seller(950, 99, 4, dec!(4.6)),
            seller(950, 1200, 1, dec!(4.6)),
            seller(950, 1200, 4, dec!(3.9)),
        ] {
            let v = s.trust();
            assert!(!v.trusted);
            assert_eq!(v.failed().count(), 1, "{:?}", v);
        }
    }

    #[test]
    fn thresholds_are_inclusive() {
        assert!(seller(900, 100, 2, dec!(4.0)).trust().trusted);
        let new = seller(1000, 3, 0, dec!(5.0)).trust();
        assert!(new
            .failed()
            .any(|c| c.reason == "Open less than a year (needs 2)"));
    }
}
