//! A seeded generator for the scale catalog: the same `(n, seed)` always yields the same
//! products, so a benchmark or a bug report can be reproduced exactly.

use std::fmt::Write;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::rows::Shipping;
use super::{build_variants, delivery_options, review, sellers, slugify, Choices};
use crate::domain::catalog::PictureShape::*;
use crate::domain::catalog::{
    AxisKind, Catalog, Category, DeliveryOption, MarketPrice, Picture, PictureShape, Product,
    ProductId, SellerId,
};

/// SplitMix64: tiny, fast, and good enough to vary demo data; not for anything secret.
#[derive(Clone, Debug)]
pub struct SeededRng(u64);

impl SeededRng {
    pub fn new(seed: u64) -> SeededRng {
        SeededRng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform enough in `0..bound` for demo data (the modulo bias is negligible here).
    pub fn below(&mut self, bound: u64) -> u64 {
        assert!(bound > 0, "empty range");
        self.next_u64() % bound
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

struct Theme {
    category: Category,
    /// What a product can be, each with the picture drawn for it.
    nouns: &'static [(&'static str, PictureShape)],
    specs: &'static [(&'static str, &'static [&'static str])],
    axes: &'static [(AxisKind, &'static [&'static str])],
    /// Price range in US cents.
    price: (i64, i64),
}

const ADJECTIVES: &[&str] = &[
    "Classic", "Compact", "Deluxe", "Everyday", "Nordic", "Vintage", "Ultra", "Premium", "Eco",
    "Urban", "Coastal", "Alpine", "Studio", "Heritage", "Modern", "Rustic",
];
const COLOURS: &[&str] = &["Black", "White", "Navy", "Sage", "Rust", "Sand"];
const SIZES: &[&str] = &["S", "M", "L", "XL"];
const PALETTE: &[&str] = &[
    "#1f2937", "#2563eb", "#dc2626", "#16a34a", "#f59e0b", "#7c3aed", "#0d9488", "#db2777",
];

#[rustfmt::skip]
const THEMES: &[Theme] = &[
    Theme { category: Category::Electronics, nouns: &[("Headphones", Headphones), ("Speaker", Speaker), ("Power Bank", PowerBank), ("Smartwatch", Watch), ("Webcam", Camera), ("Phone", Phone)],
            specs: &[("Connectivity", &["Bluetooth 5.3", "USB-C", "Wi-Fi"]), ("Battery", &["10 h", "20 h", "Mains powered"])], axes: &[(AxisKind::Colour, COLOURS)], price: (1500, 20000) },
    Theme { category: Category::Fashion, nouns: &[("T-Shirt", Shirt), ("Hoodie", Hoodie), ("Jacket", Jacket), ("Sweater", Sweater), ("Dress", Dress), ("Tote Bag", Bag)],
            specs: &[("Fabric", &["Organic cotton", "Merino wool", "Linen", "Recycled polyester"]), ("Fit", &["Regular", "Slim", "Relaxed"])], axes: &[(AxisKind::Colour, COLOURS), (AxisKind::Size, SIZES)], price: (1500, 15000) },
    Theme { category: Category::Shoes, nouns: &[("Sneaker", Shoe), ("Boot", Shoe), ("Loafer", Shoe), ("Sandal", Shoe), ("Trainer", Shoe)],
            specs: &[("Upper", &["Leather", "Canvas", "Knit"]), ("Sole", &["Rubber", "EVA foam"])], axes: &[(AxisKind::Size, &["7", "8", "9", "10", "11"])], price: (2500, 18000) },
    Theme { category: Category::Home, nouns: &[("Cushion", Cushion), ("Throw", Cushion), ("Vase", Jar), ("Lamp", Lamp), ("Curtains", Curtains), ("Armchair", Chair)],
            specs: &[("Material", &["Cotton", "Ceramic", "Wool", "Oak"]), ("Care", &["Spot clean", "Machine wash 30 C"])], axes: &[(AxisKind::Colour, COLOURS)], price: (1500, 30000) },
    Theme { category: Category::Kitchen, nouns: &[("Frying Pan", Pan), ("Knife", Knife), ("Mug Set", Mug), ("Utensil Set", Utensils), ("Storage Jar", Jar)],
            specs: &[("Material", &["Stainless steel", "Cast iron", "Stoneware", "Beech"]), ("Dishwasher safe", &["Yes", "No"])], axes: &[], price: (1200, 12000) },
    Theme { category: Category::Beauty, nouns: &[("Serum", Bottle), ("Face Cream", Jar), ("Brush Set", Brush), ("Bath Salts", Jar), ("Body Oil", Bottle)],
            specs: &[("Skin type", &["All", "Dry", "Oily", "Sensitive"]), ("Vegan", &["Yes", "No"])], axes: &[(AxisKind::Size, &["30 ml", "50 ml", "100 ml"])], price: (800, 6000) },
    Theme { category: Category::Sports, nouns: &[("Yoga Mat", Mat), ("Water Bottle", Bottle), ("Backpack", Bag), ("Resistance Band", Band), ("Football", Ball)],
            specs: &[("Weight", &["300 g", "1 kg", "2.5 kg"]), ("Material", &["TPE", "Steel", "Nylon"])], axes: &[(AxisKind::Colour, COLOURS)], price: (1000, 15000) },
    Theme { category: Category::Toys, nouns: &[("Puzzle", Blocks), ("Building Set", Blocks), ("Plush Bear", Bear), ("Board Game", Blocks), ("Toy Car", Car)],
            specs: &[("Age", &["3 and up", "6 and up", "10 and up"]), ("Pieces", &["24", "100", "500"])], axes: &[], price: (900, 8000) },
];

const REVIEW_LINES: &[(u8, &str)] = &[
    (5, "Exactly as described and arrived earlier than promised."),
    (4, "Good quality for the price, would buy again."),
    (3, "It's fine. Nothing special, nothing wrong."),
    (5, "Bought it as a gift and they loved it."),
    (2, "Smaller than I expected from the pictures."),
];
const AUTHORS: &[&str] = &["Alex M.", "Sam K.", "Jordan P.", "Riley T.", "Casey B."];

/// The seed of the scale catalog that `?catalog=N` opens, shared with the benchmark's
/// `catalog_json` tool so the app and the vanilla-JavaScript page show the same products.
pub const SCALE_CATALOG_SEED: u64 = 20_261_126;

/// What the generated products draw from, worked out once for all of them: each theme's
/// words and choices, each way of shipping's options, the sellers' ids.
struct Shared {
    themes: Vec<ThemeParts>,
    adjectives: Vec<Word>,
    shipping: [Arc<[DeliveryOption]>; 4],
    seller_ids: Vec<SellerId>,
}

struct ThemeParts {
    theme: &'static Theme,
    /// The category as running text: "home & living".
    category: String,
    nouns: Vec<(Word, PictureShape)>,
    choices: Choices,
}

impl ThemeParts {
    fn new(theme: &'static Theme) -> ThemeParts {
        ThemeParts {
            theme,
            category: theme.category.label().to_lowercase(),
            nouns: theme
                .nouns
                .iter()
                .map(|&(noun, shape)| (Word::new(noun), shape))
                .collect(),
            choices: Choices::new(theme.axes),
        }
    }
}

/// A word of a product's name, the same in running text, and in a slug.
struct Word {
    name: &'static str,
    lower: String,
    slug: String,
}

impl Word {
    fn new(name: &'static str) -> Word {
        Word {
            name,
            lower: name.to_lowercase(),
            slug: slugify(name),
        }
    }
}

/// `n` products spread over every category and every demo seller, for scale tests.
pub fn generate_catalog(n: usize, seed: u64) -> Catalog {
    let sellers = sellers::demo_sellers();
    let shared = Shared {
        themes: THEMES.iter().map(ThemeParts::new).collect(),
        adjectives: ADJECTIVES.iter().map(|&a| Word::new(a)).collect(),
        shipping: [
            Shipping::Parcel,
            Shipping::Light,
            Shipping::Bulky,
            Shipping::Domestic,
        ]
        .map(delivery_options),
        seller_ids: sellers.iter().map(|s| s.id.clone()).collect(),
    };
    let mut rng = SeededRng::new(seed);
    let products = (0..n)
        .map(|i| generate_product(i, &mut rng, &shared))
        .collect();
    Catalog::new(products, sellers)
}

fn generate_product(index: usize, rng: &mut SeededRng, shared: &Shared) -> Product {
    let parts = rng.pick(&shared.themes);
    let theme = parts.theme;
    let adjective = rng.pick(&shared.adjectives);
    let (noun, shape) = rng.pick(&parts.nouns);
    let name = [adjective.name, " ", noun.name].concat();
    // The name's slug: no word begins or ends with anything a slug drops, so the words'
    // slugs joined by a hyphen are it. The index keeps slugs unique however often the
    // generator repeats a name.
    let mut slug = [adjective.slug.as_str(), "-", &noun.slug].concat();
    write!(slug, "-{index}").expect("a String takes any text");
    let usd = theme.price.0 + rng.below((theme.price.1 - theme.price.0) as u64) as i64;
    // Whole-pence GBP prices a little under the dollar figure, ending in 99 like shop prices.
    let gbp = (usd * 4 / 5) / 100 * 100 + 99;
    let usd = usd / 100 * 100 + 99;
    let specifications = theme
        .specs
        .iter()
        .map(|&(label, values)| (label, *rng.pick(values)))
        .collect();
    let reviews = (0..rng.below(3))
        .map(|r| {
            let (stars, text) = *rng.pick(REVIEW_LINES);
            let author = *rng.pick(AUTHORS);
            review(&slug, r as usize, author, stars, text)
        })
        .collect();
    let delivery_options = rng.pick(&shared.shipping).clone();
    Product {
        name,
        category: theme.category,
        description: [
            "A ",
            &adjective.lower,
            " ",
            &noun.lower,
            " ",
            &parts.category,
            " from our ",
            &rng.pick(&shared.adjectives).lower,
            " range, chosen for everyday use.",
        ]
        .concat(),
        price: MarketPrice::from_minor(usd, gbp),
        variants: build_variants(&slug, &parts.choices),
        axes: parts.choices.axes.clone(),
        specifications,
        delivery_options,
        rating: Decimal::new(20 + rng.below(31) as i64, 1),
        rating_count: rng.below(5000) as u32,
        reviews,
        sold: rng.below(50_000) as u32,
        seller_id: rng.pick(&shared.seller_ids).clone(),
        picture: Picture {
            shape: *shape,
            primary: palette(rng),
            accent: palette(rng),
            pattern: rng.below(4) as u8,
        },
        id: ProductId::new(slug),
    }
}

fn palette(rng: &mut SeededRng) -> &'static str {
    PALETTE[rng.below(PALETTE.len() as u64) as usize]
}
