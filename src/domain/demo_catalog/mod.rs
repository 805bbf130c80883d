//! The catalog shipped with the app, written in code so every build shows the same shop,
//! and a seeded generator for scale tests.

mod generate;
mod rows;
mod rows_beauty_sports;
mod rows_fashion;
mod rows_home;
mod rows_tech;
mod sellers;

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::catalog::{
    AxisKind, BusinessDayRange, Catalog, DeliveryOption, DeliveryOptionId, MarketPrice, Picture,
    Product, ProductId, Review, SellerId, Stars, Variant, VariantAxis, VariantId,
};
pub use generate::{generate_catalog, SeededRng, SCALE_CATALOG_SEED};
use rows::{Row, Shipping};

/// Written reviews are dated from here so the demo does not depend on today's date.
const REVIEW_EPOCH: (i32, u32, u32) = (2024, 1, 8);

pub fn demo_catalog() -> Catalog {
    let products = [
        rows_tech::ROWS,
        rows_fashion::ROWS,
        rows_home::ROWS,
        rows_beauty_sports::ROWS,
    ]
    .into_iter()
    .flatten()
    .map(build_product)
    .collect();
    Catalog::new(products, sellers::demo_sellers())
}

/// FNV-1a: a stable hash so derived stock and dates never change between builds or targets.
pub(crate) fn stable_hash(text: &str) -> u64 {
    StableHash::new().text(text).value()
}

/// [`stable_hash`] of a text fed in parts, with no string built: the scale catalog derives
/// a hash for each of its ~64,000 variants, whose ids and values it shares
/// ([`Choices`]), so that the app opened with 10,000 products allocates nothing per variant.
#[derive(Clone, Copy)]
pub(crate) struct StableHash(u64);

impl StableHash {
    pub(crate) fn new() -> StableHash {
        StableHash(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn text(self, text: &str) -> StableHash {
        StableHash(text.bytes().fold(self.0, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        }))
    }

    pub(crate) fn value(self) -> u64 {
        self.0
    }
}

/// ASCII letters and digits, lowercase; every run of anything else is one hyphen, none at
/// either end.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

fn build_product(row: &Row) -> Product {
    let choices = Choices::new(row.axes);
    Product {
        id: ProductId::new(row.slug),
        name: row.name.into(),
        category: row.category,
        description: row.description.into(),
        price: MarketPrice::from_minor(row.usd, row.gbp),
        variants: build_variants(row.slug, &choices),
        axes: choices.axes,
        specifications: row.specs.to_vec(),
        delivery_options: delivery_options(row.ship),
        rating: Decimal::new(i64::from(row.rating), 1),
        rating_count: row.ratings,
        reviews: row
            .reviews
            .iter()
            .enumerate()
            .map(|(i, (author, stars, text))| review(row.slug, i, author, *stars, text))
            .collect(),
        sold: row.sold,
        seller_id: SellerId::new(row.seller),
        picture: Picture {
            shape: row.picture.0,
            primary: row.picture.1,
            accent: row.picture.2,
            pattern: row.picture.3,
        },
    }
}

pub(crate) fn review(
    key: &str,
    index: usize,
    author: &'static str,
    stars: u8,
    text: &'static str,
) -> Review {
    let (y, m, d) = REVIEW_EPOCH;
    // The hash of "{key}#{index}".
    let offset = StableHash::new()
        .text(key)
        .text("#")
        .text(&index.to_string())
        .value()
        % 420;
    Review {
        author,
        stars: Stars::new(stars).expect("demo review stars are 1-5"),
        text,
        date: NaiveDate::from_ymd_opt(y, m, d).expect("valid epoch") + Days::new(offset),
    }
}

/// A product's axes and every combination of their values, in order (the last axis changing
/// fastest), each with its id. Products made in the same choices share one: only the stock
/// differs between them.
pub(crate) struct Choices {
    axes: Arc<[VariantAxis]>,
    combinations: Vec<(VariantId, Arc<[String]>)>,
}

impl Choices {
    pub(crate) fn new(axes: &[(AxisKind, &[&str])]) -> Choices {
        let axes: Arc<[VariantAxis]> = axes
            .iter()
            .map(|(kind, values)| VariantAxis {
                kind: *kind,
                values: values.iter().map(|v| v.to_string()).collect(),
            })
            .collect();
        let count: usize = axes.iter().map(|a| a.values.len()).product();
        let combinations = (0..count)
            .map(|k| {
                let values = combination(&axes, k);
                let id = if values.is_empty() {
                    "default".to_string()
                } else {
                    slugify(&values.join(" "))
                };
                (VariantId::new(id), values.into())
            })
            .collect();
        Choices { axes, combinations }
    }
}

/// The product's variants, with stock derived from a hash of the slug. One combination per
/// product with choices is sold out, so every picker shows the rule, and where there are
/// four or more, about one in eight others is too; the last combination of some two-axis
/// products is not made at all, as happens with real stock.
pub(crate) fn build_variants(slug: &str, choices: &Choices) -> Vec<Variant> {
    let axis_count = choices.axes.len();
    let mut combo_count = choices.combinations.len();
    let product_hash = stable_hash(slug);
    if axis_count >= 2 && combo_count > 3 && product_hash.is_multiple_of(3) {
        combo_count -= 1;
    }
    let forced_sold_out = (product_hash % combo_count as u64) as usize;
    // The hash of "{slug}/{values joined by /}": the slug's part once for every variant.
    let slug_part = StableHash::new().text(slug).text("/");
    choices.combinations[..combo_count]
        .iter()
        .enumerate()
        .map(|(i, (id, values))| {
            let h = values
                .iter()
                .enumerate()
                .fold(slug_part, |h, (n, v)| {
                    if n == 0 { h } else { h.text("/") }.text(v)
                })
                .value();
            let sold_out = axis_count > 0
                && (i == forced_sold_out || (combo_count >= 4 && h.is_multiple_of(8)));
            Variant {
                id: id.clone(),
                values: values.clone(),
                stock: stock_level(sold_out, h),
            }
        })
        .collect()
}

/// The values of combination `k`, one per axis in axis order: on each axis from the last,
/// `k` modulo its size picks the value and the rest passes on.
fn combination(axes: &[VariantAxis], k: usize) -> Vec<String> {
    let mut values = vec![String::new(); axes.len()];
    let mut rest = k;
    for (value, axis) in values.iter_mut().zip(axes).rev() {
        let size = axis.values.len();
        value.clone_from(&axis.values[rest % size]);
        rest /= size;
    }
    values
}

/// Mostly plentiful, so a shopper can buy up to the 99 the cart allows, with one in five
/// running low ("only 3 left") as real listings do.
fn stock_level(sold_out: bool, hash: u64) -> u32 {
    let h = (hash >> 8) as u32;
    match (sold_out, hash % 5) {
        (true, _) => 0,
        (false, 0) => 1 + h % 9,
        (false, _) => 100 + h % 400,
    }
}

/// The delivery options of products that ship this way; the scale catalog builds each set
/// once and shares it.
pub(crate) fn delivery_options(ship: Shipping) -> Arc<[DeliveryOption]> {
    let option = |id: &str, name: &str, usd: i64, gbp: i64, min, max| DeliveryOption {
        id: DeliveryOptionId::new(id),
        name: name.into(),
        cost: MarketPrice::from_minor(usd, gbp),
        transit: BusinessDayRange::new(min, max),
    };
    match ship {
        Shipping::Parcel => [
            option("standard", "Standard", 0, 0, 15, 45),
            option("premium", "Premium", 499, 399, 7, 15),
            option("choice", "Choice", 999, 799, 5, 9),
        ]
        .into(),
        Shipping::Light => [
            option("standard", "Standard", 0, 0, 15, 45),
            option("choice", "Choice", 299, 199, 5, 9),
        ]
        .into(),
        Shipping::Bulky => [
            option("standard", "Standard", 1499, 1299, 10, 20),
            option("premium", "Premium", 2999, 2499, 5, 9),
        ]
        .into(),
        Shipping::Domestic => [
            option("standard", "Standard", 0, 0, 3, 7),
            option("premium", "Premium", 599, 449, 2, 4),
            option("choice", "Choice", 1299, 999, 1, 2),
        ]
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::catalog::{Category, MIN_POSITIVE_PERMILLE};
    use crate::domain::market::Market;

    #[test]
    fn demo_catalog_is_big_and_varied_enough() {
        let catalog = demo_catalog();
        assert!(catalog.products().len() >= 48);
        assert!(catalog.categories().len() >= 6);
        assert!(catalog.sellers().len() >= 8);
        let trusted = catalog
            .sellers()
            .iter()
            .filter(|s| s.trust().trusted)
            .count();
        assert!(
            trusted * 2 > catalog.sellers().len(),
            "most sellers are trusted"
        );
        assert!(catalog.sellers().iter().any(|s| s.years_open == 0));
        assert!(catalog
            .sellers()
            .iter()
            .any(|s| s.positive_feedback_permille < MIN_POSITIVE_PERMILLE));
    }

    #[test]
    fn every_demo_product_is_complete() {
        let catalog = demo_catalog();
        for p in catalog.products() {
            assert!(
                (2..=3).contains(&p.delivery_options.len()),
                "{} delivery options",
                p.id
            );
            assert!(!p.specifications.is_empty(), "{} specs", p.id);
            assert!(!p.reviews.is_empty(), "{} reviews", p.id);
            assert!(!p.is_sold_out(), "{} is entirely sold out", p.id);
            for market in Market::ALL {
                assert!(!p.price_in(market).is_zero(), "{} price", p.id);
            }
            let ids: HashSet<_> = p.variants.iter().map(|v| &v.id).collect();
            assert_eq!(ids.len(), p.variants.len(), "{} variant ids unique", p.id);
            if !p.axes.is_empty() {
                assert!(
                    p.variants.iter().any(|v| v.stock == 0),
                    "{} has a sold-out combination",
                    p.id
                );
            }
            assert_eq!(slugify(p.id.as_str()), p.id.as_str());
        }
        assert!(catalog
            .products()
            .iter()
            .any(|p| !p.has_free_delivery_in(Market::US)));
    }

    #[test]
    fn generator_is_deterministic_and_scales() {
        let a = generate_catalog(500, 7);
        let b = generate_catalog(500, 7);
        let c = generate_catalog(500, 8);
        assert_eq!(a.products(), b.products());
        assert_ne!(a.products(), c.products());
        assert_eq!(a.products().len(), 500);
        // Slugs are built from the words' slugs: the same as the name's, and the index.
        for (i, p) in a.products().iter().enumerate() {
            assert_eq!(p.id.as_str(), format!("{}-{i}", slugify(&p.name)));
        }
        let big = generate_catalog(10_000, 42);
        assert_eq!(big.products().len(), 10_000);
        assert_eq!(big.categories().len(), Category::ALL.len());
    }

    #[test]
    fn a_hash_fed_in_parts_is_the_hash_of_the_joined_text() {
        for (a, b, c) in [("wool-coat-3", "#", "12"), ("", "/", "Navy"), ("x", "", "")] {
            let parts = StableHash::new().text(a).text(b).text(c);
            assert_eq!(parts.value(), stable_hash(&format!("{a}{b}{c}")));
        }
    }

    /// Variants as first defined: every combination built as text, hashed and slugged from
    /// the joined values. `build_variants` must give exactly these.
    fn variants_by_joined_text(slug: &str, axes: &[VariantAxis]) -> Vec<Variant> {
        let mut combos: Vec<Vec<String>> = vec![Vec::new()];
        for axis in axes {
            combos = combos
                .into_iter()
                .flat_map(|prefix| {
                    axis.values.iter().map(move |v| {
                        let mut c = prefix.clone();
                        c.push(v.clone());
                        c
                    })
                })
                .collect();
        }
        let product_hash = stable_hash(slug);
        if axes.len() >= 2 && combos.len() > 3 && product_hash.is_multiple_of(3) {
            combos.pop();
        }
        let count = combos.len();
        let forced_sold_out = (product_hash % count as u64) as usize;
        combos
            .into_iter()
            .enumerate()
            .map(|(i, values)| {
                let h = stable_hash(&format!("{slug}/{}", values.join("/")));
                let sold_out = !axes.is_empty()
                    && (i == forced_sold_out || (count >= 4 && h.is_multiple_of(8)));
                Variant {
                    id: VariantId::new(if values.is_empty() {
                        "default".to_string()
                    } else {
                        slugify(&values.join(" "))
                    }),
                    stock: stock_level(sold_out, h),
                    values: values.into(),
                }
            })
            .collect()
    }

    #[test]
    fn variants_are_those_of_the_joined_text() {
        let demo = demo_catalog();
        let generated = generate_catalog(3_000, SCALE_CATALOG_SEED);
        for p in demo.products().iter().chain(generated.products()) {
            assert_eq!(
                p.variants,
                variants_by_joined_text(p.id.as_str(), &p.axes),
                "{}",
                p.id
            );
        }
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slugify("Red / XL"), "red-xl");
        assert_eq!(slugify("S (UK 3-4)"), "s-uk-3-4");
        assert_eq!(slugify("  Hello,  World! "), "hello-world");
    }

    /// The picture shows what the name says: a jacket is not drawn as a T-shirt.
    #[test]
    fn every_product_is_drawn_as_what_its_name_says() {
        use crate::domain::catalog::PictureShape::{self, *};
        const WORDS: [(&str, PictureShape); 16] = [
            ("t-shirt", Shirt),
            ("jacket", Jacket),
            ("hoodie", Hoodie),
            ("sweater", Sweater),
            ("dress", Dress),
            ("knife", Knife),
            ("webcam", Camera),
            ("power bank", PowerBank),
            ("curtains", Curtains),
            ("yoga mat", Mat),
            ("brush", Brush),
            ("utensil", Utensils),
            ("car", Car),
            ("tent", Tent),
            ("earbuds", Headphones),
            ("headphones", Headphones),
        ];
        let demo = demo_catalog();
        let generated = generate_catalog(2_000, SCALE_CATALOG_SEED);
        let mut checked = HashSet::new();
        for product in demo.products().iter().chain(generated.products()) {
            let name = product.name.to_lowercase();
            let words: Vec<&str> = name
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .collect();
            for (word, shape) in WORDS {
                let named = if word.contains(' ') {
                    name.contains(word)
                } else {
                    words.contains(&word)
                };
                if named {
                    assert_eq!(
                        product.picture.shape, shape,
                        "{} is drawn as {:?}",
                        product.name, product.picture.shape
                    );
                    checked.insert(word);
                }
            }
        }
        assert_eq!(
            checked.len(),
            WORDS.len(),
            "every word is met by some product: {checked:?}"
        );
    }
}
