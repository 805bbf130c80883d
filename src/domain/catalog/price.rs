use crate::domain::market::Market;
use crate::domain::money::{Currency, Money};

/// One amount per market, each set by the shop in that market's currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MarketPrice {
    usd: Money,
    gbp: Money,
}

impl MarketPrice {
    pub fn new(usd: Money, gbp: Money) -> MarketPrice {
        assert_eq!(usd.currency(), Currency::USD, "US price must be in USD");
        assert_eq!(gbp.currency(), Currency::GBP, "UK price must be in GBP");
        assert!(
            !usd.is_negative() && !gbp.is_negative(),
            "prices are never negative"
        );
        MarketPrice { usd, gbp }
    }

    pub fn from_minor(usd_cents: i64, gbp_pence: i64) -> MarketPrice {
        MarketPrice::new(
            Money::from_minor(usd_cents, Currency::USD),
            Money::from_minor(gbp_pence, Currency::GBP),
        )
    }

    pub fn free() -> MarketPrice {
        MarketPrice::from_minor(0, 0)
    }

    pub fn in_market(&self, market: Market) -> Money {
        match market {
            Market::US => self.usd,
            Market::UK => self.gbp,
        }
    }

    pub fn is_free_in(&self, market: Market) -> bool {
        self.in_market(market).is_zero()
    }
}
