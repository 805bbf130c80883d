use chrono::NaiveDate;

/// A star rating from 1 to 5; construction refuses anything else so a review can never
/// carry 0 or 6 stars into an average.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stars(u8);

impl Stars {
    pub fn new(stars: u8) -> Option<Stars> {
        (1..=5).contains(&stars).then_some(Stars(stars))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// The catalog is written in code, and so are its reviews.
    pub author: &'static str,
    pub stars: Stars,
    pub text: &'static str,
    pub date: NaiveDate,
}
