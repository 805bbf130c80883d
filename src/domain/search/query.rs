//! What the shopper asked for, and its form in the URL (`?q=wool&cat=home&sort=price-asc`),
//! so a search can be shared and the back button restores it.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::query_string::{encode_component, parse_pairs};
use crate::domain::catalog::Category;

/// Longer text is cut: nobody types more, and a pasted essay should not slow every keystroke.
pub const MAX_QUERY_TEXT_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    #[default]
    BestMatch,
    PriceAsc,
    PriceDesc,
    Rating,
    MostSold,
}

impl SortOrder {
    pub const ALL: [SortOrder; 5] = [
        SortOrder::BestMatch,
        SortOrder::PriceAsc,
        SortOrder::PriceDesc,
        SortOrder::Rating,
        SortOrder::MostSold,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SortOrder::BestMatch => "best",
            SortOrder::PriceAsc => "price-asc",
            SortOrder::PriceDesc => "price-desc",
            SortOrder::Rating => "rating",
            SortOrder::MostSold => "most-sold",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::BestMatch => "Best match",
            SortOrder::PriceAsc => "Price: low to high",
            SortOrder::PriceDesc => "Price: high to low",
            SortOrder::Rating => "Customer rating",
            SortOrder::MostSold => "Most sold",
        }
    }

    pub fn from_slug(slug: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Prices are amounts in the current market's currency: the same URL opened in the UK
/// filters in pounds, as a shared link between shoppers in one country expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub category: Option<Category>,
    pub min_price: Option<Decimal>,
    pub max_price: Option<Decimal>,
    /// Minimum average stars, 0-5.
    pub min_rating: Option<Decimal>,
    pub free_shipping_only: bool,
    pub trusted_only: bool,
    pub sort: SortOrder,
    /// 1-based.
    pub page: u32,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            text: String::new(),
            category: None,
            min_price: None,
            max_price: None,
            min_rating: None,
            free_shipping_only: false,
            trusted_only: false,
            sort: SortOrder::BestMatch,
            page: 1,
        }
    }
}

impl Query {
    pub fn has_filters(&self) -> bool {
        self.active_filter_count() > 0
    }

    /// How many filters narrow the results; a price range counts once, min and max alike.
    pub fn active_filter_count(&self) -> usize {
        [
            self.category.is_some(),
            self.min_price.is_some() || self.max_price.is_some(),
            self.min_rating.is_some(),
            self.free_shipping_only,
            self.trusted_only,
        ]
        .into_iter()
        .filter(|&set| set)
        .count()
    }

    /// What "Clear filters" leaves: the words and the sort order, back on page 1.
    pub fn without_filters(&self) -> Query {
        Query {
            text: self.text.clone(),
            sort: self.sort,
            ..Query::default()
        }
    }

    /// What "Search everything" leaves when the words themselves find nothing: the sort
    /// order alone.
    pub fn without_words_or_filters(&self) -> Query {
        Query {
            sort: self.sort,
            ..Query::default()
        }
    }

    /// A changed filter or text shows page 1 again; only paging keeps the page.
    pub fn with_page(&self, page: u32) -> Query {
        Query {
            page: page.max(1),
            ..self.clone()
        }
    }

    /// The catalog's in-app path for this query: `/` for the plain shop, else `/?<query>`.
    pub fn to_path(&self) -> String {
        match self.to_query_string() {
            qs if qs.is_empty() => "/".to_string(),
            qs => format!("/?{qs}"),
        }
    }

    /// Default values are left out, so the plain shop has the plain URL `""`.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            pairs.push(("q", text.to_string()));
        }
        if let Some(category) = self.category {
            pairs.push(("cat", category.slug().to_string()));
        }
        if let Some(min) = self.min_price {
            pairs.push(("min", min.normalize().to_string()));
        }
        if let Some(max) = self.max_price {
            pairs.push(("max", max.normalize().to_string()));
        }
        if let Some(rating) = self.min_rating {
            pairs.push(("rating", rating.normalize().to_string()));
        }
        if self.free_shipping_only {
            pairs.push(("free", "1".to_string()));
        }
        if self.trusted_only {
            pairs.push(("trusted", "1".to_string()));
        }
        if self.sort != SortOrder::BestMatch {
            pairs.push(("sort", self.sort.slug().to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_component(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Never fails. Unknown keys and values that do not parse are ignored one by one, so a
    /// mangled link still shows the shop with whatever part of it made sense. Reversed price
    /// bounds are swapped, as the shopper surely meant the range between them.
    pub fn from_query_string(query_string: &str) -> Query {
        let mut query = Query::default();
        for (key, value) in parse_pairs(query_string) {
            let value = value.trim();
            match key.as_str() {
                "q" => query.text = value.chars().take(MAX_QUERY_TEXT_CHARS).collect(),
                "cat" => query.category = Category::from_slug(value).or(query.category),
                "min" => query.min_price = parse_amount(value).or(query.min_price),
                "max" => query.max_price = parse_amount(value).or(query.max_price),
                "rating" => query.min_rating = parse_rating(value).or(query.min_rating),
                "free" => query.free_shipping_only = parse_flag(value),
                "trusted" => query.trusted_only = parse_flag(value),
                "sort" => query.sort = SortOrder::from_slug(value).unwrap_or(query.sort),
                "page" => {
                    if let Some(page) = value.parse::<u32>().ok().filter(|&p| p >= 1) {
                        query.page = page;
                    }
                }
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (query.min_price, query.max_price) {
            if min > max {
                query.min_price = Some(max);
                query.max_price = Some(min);
            }
        }
        query
    }
}

/// Plain decimals only ("25", "19.99"): no exponent, no sign, at most two decimals, and
/// below a billion so nothing downstream can overflow.
fn parse_amount(value: &str) -> Option<Decimal> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    Decimal::from_str(value)
        .ok()
        .filter(|d| d.scale() <= 2 && *d < Decimal::from(1_000_000_000))
}

fn parse_rating(value: &str) -> Option<Decimal> {
    parse_amount(value).filter(|r| *r <= Decimal::from(5))
}

fn parse_flag(value: &str) -> bool {
    matches!(value, "1" | "true" | "yes" | "on")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn default_query_is_the_empty_string() {
        assert_eq!(Query::default().to_query_string(), "");
        assert_eq!(Query::from_query_string(""), Query::default());
        assert_eq!(Query::from_query_string("?"), Query::default());
    }

    #[test]
    fn full_query_round_trips() {
        let query = Query {
            text: "wool & <b>bold</b> café".into(),
            category: Some(Category::Home),
            min_price: Some(dec!(10)),
            max_price: Some(dec!(99.5)),
            min_rating: Some(dec!(4.5)),
            free_shipping_only: true,
            trusted_only: true,
            sort: SortOrder::PriceDesc,
            page: 3,
        };
        let qs = query.to_query_string();
        assert_eq!(
            qs,
            "q=wool+%26+%3Cb%3Ebold%3C%2Fb%3E+caf%C3%A9&cat=home&min=10&max=99.5&rating=4.5\
             &free=1&trusted=1&sort=price-desc&page=3"
        );
        assert_eq!(Query::from_query_string(&qs), query);
    }

    #[test]
    fn garbage_values_are_ignored_one_by_one() {
        let q = Query::from_query_string(
            "q=lamp&cat=weapons&min=-5&max=1e9&rating=7&free=maybe&sort=cheapest&page=0&x=1",
        );
        assert_eq!(
            q,
            Query {
                text: "lamp".into(),
                ..Query::default()
            }
        );
        let q = Query::from_query_string("min=abc&max=12.345&page=-2&rating=4");
        assert_eq!(q.min_price, None);
        assert_eq!(q.max_price, None);
        assert_eq!(q.page, 1);
        assert_eq!(q.min_rating, Some(dec!(4)));
    }

    #[test]
    fn reversed_price_bounds_are_swapped() {
        let q = Query::from_query_string("min=50&max=20");
        assert_eq!((q.min_price, q.max_price), (Some(dec!(20)), Some(dec!(50))));
    }

    #[test]
    fn long_text_is_cut() {
        let q = Query::from_query_string(&format!("q={}", "é".repeat(500)));
        assert_eq!(q.text.chars().count(), MAX_QUERY_TEXT_CHARS);
    }

    #[test]
    fn clearing_filters_keeps_text_and_sort() {
        let q = Query::from_query_string("q=tent&cat=sports&free=1&sort=rating&page=2");
        assert!(q.has_filters());
        let cleared = q.without_filters();
        assert!(!cleared.has_filters());
        assert_eq!(cleared.to_query_string(), "q=tent&sort=rating");
        assert_eq!(cleared.to_path(), "/?q=tent&sort=rating");
        assert_eq!(Query::default().to_path(), "/");
    }

    #[test]
    fn a_price_range_counts_as_one_filter() {
        assert_eq!(Query::from_query_string("q=tent").active_filter_count(), 0);
        let q = Query::from_query_string("cat=sports&min=10&max=50&rating=4&free=1&trusted=1");
        assert_eq!(q.active_filter_count(), 5);
        assert_eq!(Query::from_query_string("max=50").active_filter_count(), 1);
    }
}
