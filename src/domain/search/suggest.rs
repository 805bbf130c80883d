//! Suggestions while the shopper types: the categories, sellers and product names with a word
//! that begins with what was typed, so "sho" offers Shoes and "north" the seller's name.

use std::cmp::Reverse;

use super::index::{begins_a_word, SearchIndex};
use crate::domain::catalog::{Catalog, Category};

/// How many suggestions a list shows at most.
pub const SUGGESTION_LIMIT: usize = 8;
/// Fewer typed characters than this suggest nothing: one letter matches half the shop.
const MIN_TYPED_CHARS: usize = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuggestionKind {
    Category,
    Seller,
    Product,
}

impl SuggestionKind {
    pub fn label(self) -> &'static str {
        match self {
            SuggestionKind::Category => "Category",
            SuggestionKind::Seller => "Seller",
            SuggestionKind::Product => "Product",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// What goes into the search box when chosen.
    pub text: String,
    pub kind: SuggestionKind,
}

impl SearchIndex {
    /// Categories first, then sellers, then product names by how many have sold; each text
    /// once. Pass the catalog the index was built from.
    pub fn suggest(&self, catalog: &Catalog, typed: &str) -> Vec<Suggestion> {
        let typed = typed.trim().to_lowercase();
        if typed.chars().count() < MIN_TYPED_CHARS {
            return Vec::new();
        }
        let categories = Category::ALL
            .into_iter()
            .filter(|c| begins_a_word(&c.label().to_lowercase(), &typed))
            .map(|c| (c.label().to_string(), SuggestionKind::Category));
        let sellers = catalog
            .sellers()
            .iter()
            .filter(|s| begins_a_word(&s.name.to_lowercase(), &typed))
            .map(|s| (s.name.clone(), SuggestionKind::Seller));
        let mut products: Vec<_> = catalog
            .products()
            .iter()
            .zip(self.entries(catalog))
            .filter(|(_, entry)| begins_a_word(&entry.name, &typed))
            .map(|(product, _)| product)
            .collect();
        products.sort_by_key(|p| Reverse(p.sold));
        let products = products
            .into_iter()
            .map(|p| (p.name.clone(), SuggestionKind::Product));

        let mut out: Vec<Suggestion> = Vec::new();
        for (text, kind) in categories.chain(sellers).chain(products) {
            if out.len() == SUGGESTION_LIMIT {
                break;
            }
            if !out.iter().any(|s| s.text == text) {
                out.push(Suggestion { text, kind });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo_catalog::{demo_catalog, generate_catalog};

    fn suggest(typed: &str) -> Vec<Suggestion> {
        let catalog = demo_catalog();
        SearchIndex::new(&catalog).suggest(&catalog, typed)
    }

    fn texts(typed: &str) -> Vec<String> {
        suggest(typed).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn a_category_comes_first_and_then_products_with_a_word_that_begins_so() {
        let shoes = suggest("sho");
        assert_eq!(
            shoes[0],
            Suggestion {
                text: "Shoes".into(),
                kind: SuggestionKind::Category
            }
        );
        assert!(shoes[1..].iter().all(|s| s.kind == SuggestionKind::Product
            && s.text
                .to_lowercase()
                .split([' ', '-'])
                .any(|w| w.starts_with("sho"))));
        assert!(shoes.iter().any(|s| s.text == "CloudStep Running Shoe"));
    }

    #[test]
    fn a_seller_is_found_by_any_word_of_its_name() {
        let catalog = demo_catalog();
        let seller = catalog
            .sellers()
            .iter()
            .find(|s| s.name.contains(' '))
            .unwrap();
        let second_word = seller.name.split(' ').nth(1).unwrap();
        let found = texts(second_word);
        assert!(found.contains(&seller.name), "{second_word}: {found:?}");
        let hit = suggest(&seller.name)
            .into_iter()
            .find(|s| s.text == seller.name)
            .unwrap();
        assert_eq!(hit.kind, SuggestionKind::Seller);
    }

    #[test]
    fn the_middle_of_a_word_and_a_single_letter_suggest_nothing() {
        // "oot" is inside "boot" but begins no word.
        assert!(texts("oot")
            .iter()
            .all(|t| t.to_lowercase().split(' ').any(|w| w.starts_with("oot"))));
        assert_eq!(texts("s"), Vec::<String>::new());
        assert_eq!(texts("  "), Vec::<String>::new());
        assert_eq!(texts("zzzz"), Vec::<String>::new());
    }

    #[test]
    fn the_list_is_capped_has_no_repeats_and_popular_products_come_first() {
        let catalog = generate_catalog(2_000, 3);
        let index = SearchIndex::new(&catalog);
        let list = index.suggest(&catalog, "classic");
        assert_eq!(list.len(), SUGGESTION_LIMIT);
        let mut seen = std::collections::HashSet::new();
        assert!(list.iter().all(|s| seen.insert(s.text.clone())));
        let sold = |name: &str| {
            catalog
                .products()
                .iter()
                .filter(|p| p.name == name)
                .map(|p| p.sold)
                .max()
                .unwrap()
        };
        let best_sold = catalog
            .products()
            .iter()
            .filter(|p| p.name.to_lowercase().starts_with("classic"))
            .map(|p| p.sold)
            .max()
            .unwrap();
        assert_eq!(sold(&list[0].text), best_sold);
    }
}
