use rust_decimal::Decimal;

use super::delivery::BusinessDayRange;
use super::ids::SellerId;
use super::review::Review;

/// The three detailed seller ratings, each an average out of 5 with one decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetailedRatings {
    pub item_as_described: Decimal,
    pub communication: Decimal,
    pub shipping_speed: Decimal,
}

impl DetailedRatings {
    /// (label, value) in the order the seller page shows them.
    pub fn rows(&self) -> [(&'static str, Decimal); 3] {
        [
            ("Item as described", self.item_as_described),
            ("Communication", self.communication),
            ("Shipping speed", self.shipping_speed),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seller {
    pub id: SellerId,
    pub name: String,
    pub location: String,
    /// Share of positive feedback in thousandths, so 95.3% is 953 without a float.
    pub positive_feedback_permille: u16,
    /// How many buyers left feedback: a 100% share from five buyers says little.
    pub feedback_count: u32,
    pub detailed: DetailedRatings,
    pub years_open: u32,
    pub followers: u32,
    pub contact_email: String,
    /// Business days from order to hand-over to the carrier (1-5 in this marketplace).
    pub handling: BusinessDayRange,
    pub reviews: Vec<Review>,
}

impl Seller {
    /// "95.3%".
    pub fn positive_feedback_label(&self) -> String {
        permille_label(self.positive_feedback_permille)
    }
}

pub(super) fn permille_label(permille: u16) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}
