//! The payment options a shopper can pick at checkout, with their stable ids.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::market::Market;

/// Financing terms offered, in months.
pub const FINANCING_TERMS: [u32; 4] = [6, 12, 18, 24];

/// A payment option. `Financing { months }` is only meaningful for [`FINANCING_TERMS`]:
/// other terms are never offered, have no id (see [`PlanKind::id`]) and do not deserialize.
///
/// Serialized as its id (`"pay_in_4"`, `"financing_12"`), which the provider API and
/// storage use as well.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanKind {
    PayIn4,
    PayIn3,
    PayIn30,
    Financing { months: u32 },
    PayNow,
}

const US_KINDS: [PlanKind; 7] = [
    PlanKind::PayIn4,
    PlanKind::PayIn30,
    PlanKind::Financing { months: 6 },
    PlanKind::Financing { months: 12 },
    PlanKind::Financing { months: 18 },
    PlanKind::Financing { months: 24 },
    PlanKind::PayNow,
];

const UK_KINDS: [PlanKind; 3] = [PlanKind::PayIn3, PlanKind::PayIn30, PlanKind::PayNow];

/// The options of a market, in the order checkout lists them.
pub fn available_kinds(market: Market) -> &'static [PlanKind] {
    match market {
        Market::US => &US_KINDS,
        Market::UK => &UK_KINDS,
    }
}

impl PlanKind {
    /// Every kind of every market, each once.
    pub const ALL: [PlanKind; 8] = [
        PlanKind::PayIn4,
        PlanKind::PayIn3,
        PlanKind::PayIn30,
        PlanKind::Financing { months: 6 },
        PlanKind::Financing { months: 12 },
        PlanKind::Financing { months: 18 },
        PlanKind::Financing { months: 24 },
        PlanKind::PayNow,
    ];

    /// The stable id; `"financing"` alone for an unsupported term, which [`PlanKind::from_id`]
    /// refuses, so such a kind can never round-trip into an offer.
    pub const fn id(self) -> &'static str {
        match self {
            PlanKind::PayIn4 => "pay_in_4",
            PlanKind::PayIn3 => "pay_in_3",
            PlanKind::PayIn30 => "pay_in_30",
            PlanKind::Financing { months: 6 } => "financing_6",
            PlanKind::Financing { months: 12 } => "financing_12",
            PlanKind::Financing { months: 18 } => "financing_18",
            PlanKind::Financing { months: 24 } => "financing_24",
            PlanKind::Financing { .. } => "financing",
            PlanKind::PayNow => "pay_now",
        }
    }

    pub fn from_id(id: &str) -> Option<PlanKind> {
        PlanKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// The name a shopper reads.
    pub const fn name(self) -> &'static str {
        match self {
            PlanKind::PayIn4 => "Pay in 4",
            PlanKind::PayIn3 => "Pay in 3",
            PlanKind::PayIn30 => "Pay in 30 days",
            PlanKind::Financing { months: 6 } => "Financing, 6 months",
            PlanKind::Financing { months: 12 } => "Financing, 12 months",
            PlanKind::Financing { months: 18 } => "Financing, 18 months",
            PlanKind::Financing { months: 24 } => "Financing, 24 months",
            PlanKind::Financing { .. } => "Financing",
            PlanKind::PayNow => "Pay now",
        }
    }

    pub const fn installment_count(self) -> usize {
        match self {
            PlanKind::PayIn4 => 4,
            PlanKind::PayIn3 => 3,
            PlanKind::PayIn30 | PlanKind::PayNow => 1,
            PlanKind::Financing { months } => months as usize,
        }
    }

    pub const fn is_financing(self) -> bool {
        matches!(self, PlanKind::Financing { .. })
    }

    /// Whether the shopper is given credit: the purchase limit applies, and paying now does
    /// not borrow anything.
    pub const fn is_credit(self) -> bool {
        !matches!(self, PlanKind::PayNow)
    }
}

impl fmt::Display for PlanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for PlanKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for PlanKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        PlanKind::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown payment option `{id}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_exact_and_round_trip() {
        let ids: Vec<&str> = PlanKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(
            ids,
            [
                "pay_in_4",
                "pay_in_3",
                "pay_in_30",
                "financing_6",
                "financing_12",
                "financing_18",
                "financing_24",
                "pay_now"
            ]
        );
        for kind in PlanKind::ALL {
            assert_eq!(PlanKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(PlanKind::from_id("financing"), None);
        assert_eq!(PlanKind::from_id("financing_7"), None);
        assert_eq!(PlanKind::from_id("Pay_in_4"), None);
    }

    #[test]
    fn names() {
        assert_eq!(PlanKind::PayIn4.name(), "Pay in 4");
        assert_eq!(PlanKind::PayIn30.to_string(), "Pay in 30 days");
        assert_eq!(
            PlanKind::Financing { months: 12 }.name(),
            "Financing, 12 months"
        );
        assert_eq!(PlanKind::PayNow.name(), "Pay now");
    }

    #[test]
    fn serde_uses_the_id() {
        let json = serde_json::to_string(&PlanKind::Financing { months: 18 }).unwrap();
        assert_eq!(json, r#""financing_18""#);
        assert_eq!(
            serde_json::from_str::<PlanKind>(&json).unwrap(),
            PlanKind::Financing { months: 18 }
        );
        assert!(serde_json::from_str::<PlanKind>(r#""financing_7""#).is_err());
    }

    #[test]
    fn markets_offer_their_options() {
        assert_eq!(
            available_kinds(Market::US)
                .iter()
                .map(|k| k.id())
                .collect::<Vec<_>>(),
            [
                "pay_in_4",
                "pay_in_30",
                "financing_6",
                "financing_12",
                "financing_18",
                "financing_24",
                "pay_now"
            ]
        );
        assert_eq!(
            available_kinds(Market::UK)
                .iter()
                .map(|k| k.id())
                .collect::<Vec<_>>(),
            ["pay_in_3", "pay_in_30", "pay_now"]
        );
    }

    #[test]
    fn installment_counts() {
        assert_eq!(PlanKind::PayIn4.installment_count(), 4);
        assert_eq!(PlanKind::PayIn3.installment_count(), 3);
        assert_eq!(PlanKind::PayIn30.installment_count(), 1);
        assert_eq!(PlanKind::Financing { months: 24 }.installment_count(), 24);
    }
}
