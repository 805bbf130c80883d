//! What a shop file holds, shown before the shopper agrees to load it.

use chrono::{DateTime, Utc};

use crate::app::ShopData;
use crate::domain::format;
use crate::domain::market::Market;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The shop's simulated time when it was saved.
    pub saved_at: DateTime<Utc>,
    pub orders: usize,
    pub plans: usize,
    pub messages: usize,
    /// The shopper's market and email, when the shop has an account.
    pub shopper: Option<(Market, String)>,
}

impl Summary {
    pub fn of(data: &ShopData, saved_at: DateTime<Utc>) -> Summary {
        Summary {
            saved_at,
            orders: data.orders.len(),
            plans: data.payments.accounts.len(),
            messages: data.inbox.len(),
            shopper: data.account.as_ref().map(|a| (a.market, a.email.clone())),
        }
    }

    /// "3 orders, the shop's date Tue 15 Dec 2026, 09:00": what a load brought in.
    pub fn headline(&self) -> String {
        format!(
            "{}, the shop's date {}",
            count(self.orders, "order", "orders"),
            format::date_time(self.saved_at)
        )
    }

    /// One line per fact, as the confirmation lists them.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Shop's date", format::date_time(self.saved_at)),
            (
                "Shopper",
                match &self.shopper {
                    Some((market, email)) => format!("{email}, {}", market.country_name()),
                    None => "No account yet".to_string(),
                },
            ),
            ("Orders", count(self.orders, "order", "orders")),
            ("Payment plans", count(self.plans, "plan", "plans")),
            ("Messages", count(self.messages, "message", "messages")),
        ]
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", format::count(n as u64)),
    }
}
