//! Markets: the country a shopper buys from picks the currency and the payment options.

use serde::{Deserialize, Serialize};

use super::money::Currency;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Market {
    US,
    UK,
}

impl Market {
    pub const ALL: [Market; 2] = [Market::US, Market::UK];

    pub fn currency(self) -> Currency {
        match self {
            Market::US => Currency::USD,
            Market::UK => Currency::GBP,
        }
    }

    /// ISO 3166-1 alpha-2 code, as the payment API expects it.
    pub fn country_code(self) -> &'static str {
        match self {
            Market::US => "US",
            Market::UK => "GB",
        }
    }

    pub fn country_name(self) -> &'static str {
        match self {
            Market::US => "United States",
            Market::UK => "United Kingdom",
        }
    }

    pub fn from_country_code(code: &str) -> Option<Market> {
        match code.trim().to_ascii_uppercase().as_str() {
            "US" => Some(Market::US),
            "GB" | "UK" => Some(Market::UK),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_round_trip() {
        for market in Market::ALL {
            assert_eq!(
                Market::from_country_code(market.country_code()),
                Some(market)
            );
        }
        assert_eq!(Market::from_country_code("uk"), Some(Market::UK));
        assert_eq!(Market::from_country_code("FR"), None);
    }
}
