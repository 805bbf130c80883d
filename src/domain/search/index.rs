//! Running a query. The lowercase text of every product is prepared once, so a keystroke
//! costs a substring scan per word and product rather than a fresh lowercase copy of the
//! whole catalog.

use std::cmp::{Ordering, Reverse};
use std::sync::{Arc, OnceLock};

use super::query::{Query, SortOrder};
use crate::domain::catalog::{Catalog, Category, Product};
use crate::domain::market::Market;

pub const PAGE_SIZE: usize = 24;

/// A hit in the name counts most, then specifications (they name what a thing *is*:
/// "merino", "induction") and the shelf it is on (its category and seller), then the looser
/// description.
const NAME_WEIGHT: u32 = 10;
const NAME_WORD_START_BONUS: u32 = 5;
const SPEC_WEIGHT: u32 = 3;
const SHELF_WEIGHT: u32 = 3;
const DESCRIPTION_WEIGHT: u32 = 1;

/// Words shoppers use for what the catalog calls otherwise, each with the catalog's word.
const OTHER_WORDS: [(&str, &str); 4] = [
    ("headphone", "earbud"),
    ("earphone", "earbud"),
    ("sweatshirt", "hoodie"),
    ("trainer", "sneaker"),
];

pub(super) struct Entry {
    /// The product's name, lowercase.
    pub(super) name: String,
    description: String,
    specs: String,
    /// The category and the seller's name, shared by the products on the same shelf.
    shelf: Arc<str>,
    trusted: bool,
}

/// One per catalog; pass the same catalog to [`SearchIndex::search`]. The lowercase text is
/// prepared when a search first reads it, or ahead of that by [`SearchIndex::prepare`]: the
/// first page of the whole catalog is ordered by sales alone and reads none of it, so a
/// shop of 10,000 products shows its first cards without waiting for it.
pub struct SearchIndex {
    entries: OnceLock<Vec<Entry>>,
    product_count: usize,
}

#[derive(Debug)]
pub struct SearchPage<'c> {
    pub products: Vec<&'c Product>,
    /// Matches over all pages.
    pub total: usize,
    /// The page shown, 1-based; a page past the end shows the last one.
    pub page: u32,
    /// At least 1, so "page 1 of 1" reads right even with no results.
    pub page_count: u32,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        SearchIndex {
            entries: OnceLock::new(),
            product_count: catalog.products().len(),
        }
    }

    /// Prepares the text now, if no search has yet: for a moment when nothing waits on it.
    pub fn prepare(&self, catalog: &Catalog) {
        self.entries(catalog);
    }

    pub(super) fn entries(&self, catalog: &Catalog) -> &[Entry] {
        self.check_made_for(catalog);
        self.entries.get_or_init(|| entries_of(catalog))
    }

    fn check_made_for(&self, catalog: &Catalog) {
        assert_eq!(
            catalog.products().len(),
            self.product_count,
            "search index built from another catalog"
        );
    }

    pub fn search<'c>(
        &self,
        catalog: &'c Catalog,
        query: &Query,
        market: Market,
    ) -> SearchPage<'c> {
        let products = catalog.products();
        self.check_made_for(catalog);
        let words = search_words(&query.text);
        // With no words and no filter on the seller, every product scores 0 and the text is
        // not read.
        let entries = (!words.is_empty() || query.trusted_only).then(|| self.entries(catalog));
        let mut hits: Vec<(usize, u32)> = products
            .iter()
            .enumerate()
            .filter(|(_, product)| passes_filters(product, query, market))
            .filter_map(|(i, _)| match entries {
                None => Some((i, 0)),
                Some(entries) => {
                    let entry = &entries[i];
                    if query.trusted_only && !entry.trusted {
                        return None;
                    }
                    score(entry, &words).map(|s| (i, s))
                }
            })
            .collect();

        let total = hits.len();
        let page_count = total.div_ceil(PAGE_SIZE).max(1) as u32;
        let page = query.page.clamp(1, page_count);
        let start = (page as usize - 1) * PAGE_SIZE;
        order_hits(&mut hits, start + PAGE_SIZE, products, query.sort, market);
        SearchPage {
            products: hits
                .iter()
                .skip(start)
                .take(PAGE_SIZE)
                .map(|&(i, _)| &products[i])
                .collect(),
            total,
            page,
            page_count,
        }
    }
}

fn entries_of(catalog: &Catalog) -> Vec<Entry> {
    // What the seller adds is worked out once per seller, and once per shelf: a catalog
    // has a handful of each and may have 10,000 products.
    let sellers = catalog.sellers();
    let trusted: Vec<bool> = sellers.iter().map(|s| s.trust().trusted).collect();
    // One shelf per seller and category, by seller position then category.
    let mut shelves: Vec<Option<Arc<str>>> = vec![None; sellers.len() * Category::ALL.len()];
    catalog
        .products()
        .iter()
        .map(|p| {
            let seller = catalog.seller_position(p);
            let shelf = shelves[seller * Category::ALL.len() + p.category as usize]
                .get_or_insert_with(|| {
                    format!("{}\n{}", p.category.label(), sellers[seller].name)
                        .to_lowercase()
                        .into()
                })
                .clone();
            Entry {
                name: p.name.to_lowercase(),
                description: p.description.to_lowercase(),
                specs: p
                    .specifications
                    .iter()
                    .map(|(_, value)| value.to_lowercase())
                    .collect::<Vec<_>>()
                    .join("\n"),
                shelf,
                trusted: trusted[seller],
            }
        })
        .collect()
}

/// Whitespace separates words; punctuation at a word's ends is dropped ("boots," finds
/// boots) but kept inside, so "t-shirt" still means t-shirt.
fn search_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every filter but the one on the seller, which the prepared text answers.
fn passes_filters(product: &Product, query: &Query, market: Market) -> bool {
    let price = product.price_in(market).amount();
    query.category.is_none_or(|c| product.category == c)
        && query.min_price.is_none_or(|min| price >= min)
        && query.max_price.is_none_or(|max| price <= max)
        && query.min_rating.is_none_or(|r| product.rating >= r)
        && (!query.free_shipping_only || product.has_free_delivery_in(market))
}

/// `None` unless every word occurs somewhere (as typed, in the singular, or as the
/// catalog's word for it); no words matches everything with score 0.
fn score(entry: &Entry, words: &[String]) -> Option<u32> {
    words.iter().try_fold(0u32, |total, word| {
        let best = forms_of(word)
            .iter()
            .map(|form| score_word(entry, form))
            .max()
            .unwrap_or(0);
        (best > 0).then_some(total + best)
    })
}

/// The word, its singular ("jackets" -> "jacket", "boxes" -> "box", "batteries" ->
/// "battery") and the catalog's word for either (`OTHER_WORDS`).
fn forms_of(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    if word.chars().count() > 3 {
        if let Some(stem) = word.strip_suffix("ies") {
            forms.push(format!("{stem}y"));
        } else if let Some(stem) = word.strip_suffix("es") {
            forms.push(stem.to_string());
            forms.push(format!("{stem}e"));
        } else if let Some(stem) = word.strip_suffix('s') {
            forms.push(stem.to_string());
        }
    }
    let others: Vec<String> = forms
        .iter()
        .filter_map(|form| {
            OTHER_WORDS
                .iter()
                .find(|(theirs, _)| theirs == form)
                .map(|(_, ours)| ours.to_string())
        })
        .collect();
    forms.extend(others);
    forms
}

fn score_word(entry: &Entry, word: &str) -> u32 {
    let mut s = 0;
    if entry.name.contains(word) {
        s += NAME_WEIGHT;
        if begins_a_word(&entry.name, word) {
            s += NAME_WORD_START_BONUS;
        }
    }
    if entry.specs.contains(word) {
        s += SPEC_WEIGHT;
    }
    if entry.shelf.contains(word) {
        s += SHELF_WEIGHT;
    }
    if entry.description.contains(word) {
        s += DESCRIPTION_WEIGHT;
    }
    s
}

/// Whether `word` occurs in `text` at the start of one of its words ("coat" in "rain coat",
/// not in "petticoat").
pub(super) fn begins_a_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Puts the first `shown` hits in order, and only them: the pages before them, and the one
/// shown, are the same as if every hit were sorted, while the rest (thousands in the scale
/// catalog) are only kept behind them. Every order ends on catalog position, so equal
/// products never swap places between keystrokes and pages never repeat or skip a product.
fn order_hits(
    hits: &mut [(usize, u32)],
    shown: usize,
    products: &[Product],
    sort: SortOrder,
    market: Market,
) {
    let price = |i: usize| products[i].price_in(market).amount();
    let by = |a: &(usize, u32), b: &(usize, u32)| -> Ordering {
        let (pa, pb) = (&products[a.0], &products[b.0]);
        match sort {
            SortOrder::BestMatch => {
                (Reverse(a.1), Reverse(pa.sold)).cmp(&(Reverse(b.1), Reverse(pb.sold)))
            }
            SortOrder::PriceAsc => price(a.0).cmp(&price(b.0)),
            SortOrder::PriceDesc => price(b.0).cmp(&price(a.0)),
            SortOrder::Rating => (Reverse(pa.rating), Reverse(pa.rating_count))
                .cmp(&(Reverse(pb.rating), Reverse(pb.rating_count))),
            SortOrder::MostSold => pb.sold.cmp(&pa.sold),
        }
        .then(a.0.cmp(&b.0))
    };
    if shown < hits.len() {
        hits.select_nth_unstable_by(shown, by);
        hits[..shown].sort_unstable_by(by);
    } else {
        hits.sort_unstable_by(by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo_catalog::{demo_catalog, generate_catalog};

    fn ids(page: &SearchPage) -> Vec<String> {
        page.products.iter().map(|p| p.id.to_string()).collect()
    }

    #[test]
    fn the_whole_catalog_by_sales_reads_no_text_and_a_word_prepares_it() {
        let catalog = generate_catalog(300, 11);
        let index = SearchIndex::new(&catalog);
        let everything = Query::default();
        let first = index.search(&catalog, &everything, Market::US);
        assert_eq!(first.total, 300);
        assert!(
            index.entries.get().is_none(),
            "no text read for the first page"
        );

        let wool = Query {
            text: "wool".into(),
            ..Query::default()
        };
        assert!(index.search(&catalog, &wool, Market::US).total > 0);
        assert!(index.entries.get().is_some());
    }

    /// Whether the text was prepared ahead, by a search, or not at all, every query gives
    /// the same page.
    #[test]
    fn preparing_the_text_changes_no_result() {
        for catalog in [demo_catalog(), generate_catalog(500, 3)] {
            let queries = [
                Query::default(),
                Query {
                    trusted_only: true,
                    ..Query::default()
                },
                Query {
                    text: "classic jackets".into(),
                    ..Query::default()
                },
                Query {
                    sort: SortOrder::PriceAsc,
                    page: 2,
                    ..Query::default()
                },
            ];
            for query in &queries {
                let lazy = SearchIndex::new(&catalog);
                let prepared = SearchIndex::new(&catalog);
                prepared.prepare(&catalog);
                let a = lazy.search(&catalog, query, Market::UK);
                let b = prepared.search(&catalog, query, Market::UK);
                assert_eq!(ids(&a), ids(&b), "{query:?}");
                assert_eq!(
                    (a.total, a.page, a.page_count),
                    (b.total, b.page, b.page_count)
                );
            }
        }
    }

    /// Ordering the hits only up to the page shown gives every page exactly as ordering
    /// them all does, in every sort order.
    #[test]
    fn every_page_is_its_slice_of_all_hits_in_order() {
        let catalog = generate_catalog(500, 5);
        let index = SearchIndex::new(&catalog);
        for sort in SortOrder::ALL {
            let mut all: Vec<(usize, u32)> = (0..500).map(|i| (i, 0)).collect();
            order_hits(&mut all, 500, catalog.products(), sort, Market::UK);
            for (n, slice) in all.chunks(PAGE_SIZE).enumerate() {
                let query = Query {
                    sort,
                    page: n as u32 + 1,
                    ..Query::default()
                };
                let page = index.search(&catalog, &query, Market::UK);
                let expected: Vec<String> = slice
                    .iter()
                    .map(|&(i, _)| catalog.products()[i].id.to_string())
                    .collect();
                assert_eq!(ids(&page), expected, "{sort:?}, page {}", n + 1);
            }
        }
    }

    #[test]
    #[should_panic(expected = "search index built from another catalog")]
    fn an_index_refuses_another_catalog() {
        let index = SearchIndex::new(&generate_catalog(10, 1));
        index.search(&generate_catalog(11, 1), &Query::default(), Market::US);
    }
}
