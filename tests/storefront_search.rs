//! Search and filter semantics over the shipped demo catalog.

use std::collections::HashSet;

use bnpl_market::domain::catalog::{Catalog, Category};
use bnpl_market::domain::demo_catalog::{demo_catalog, generate_catalog};
use bnpl_market::domain::market::Market;
use bnpl_market::domain::search::{Query, SearchIndex, SortOrder, PAGE_SIZE};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn run(catalog: &Catalog, query: &Query, market: Market) -> Vec<String> {
    let index = SearchIndex::new(catalog);
    let mut ids = Vec::new();
    let mut page = 1;
    loop {
        let result = index.search(catalog, &query.with_page(page), market);
        ids.extend(result.products.iter().map(|p| p.id.to_string()));
        if result.page >= result.page_count {
            return ids;
        }
        page += 1;
    }
}

fn text(t: &str) -> Query {
    Query {
        text: t.into(),
        ..Query::default()
    }
}

#[test]
fn name_hits_rank_above_specification_and_description_hits() {
    let catalog = demo_catalog();
    let ids = run(&catalog, &text("merino"), Market::US);
    assert_eq!(ids[0], "merino-crew-sweater");
    assert!(ids.contains(&"cosy-wool-slippers".to_string()), "spec hit");
    let ids = run(&catalog, &text("MERINO"), Market::US);
    assert_eq!(ids[0], "merino-crew-sweater", "case-insensitive");
}

#[test]
fn every_word_must_match_somewhere() {
    let catalog = demo_catalog();
    assert_eq!(
        run(&catalog, &text("wool slippers"), Market::US),
        ["cosy-wool-slippers"]
    );
    assert!(run(&catalog, &text("wool tent"), Market::US).is_empty());
    let induction = run(&catalog, &text("induction"), Market::US);
    assert!(induction.contains(&"carbon-steel-wok".to_string()));
    assert!(induction.contains(&"enamel-dutch-oven".to_string()));
    assert_eq!(
        run(&catalog, &text("  tent,  "), Market::US),
        run(&catalog, &text("tent"), Market::US)
    );
}

#[test]
fn plurals_the_shelf_and_shoppers_words_find_what_the_catalog_sells() {
    let catalog = demo_catalog();
    let first = |t: &str| run(&catalog, &text(t), Market::US).first().cloned();
    let shoes = run(&catalog, &text("shoes"), Market::US);
    assert!(shoes.contains(&"cloudstep-running-shoe".to_string()));
    assert!(
        shoes.contains(&"urban-canvas-sneaker".to_string()),
        "the Shoes category"
    );
    assert_eq!(first("jackets").as_deref(), Some("harbour-rain-jacket"));
    assert_eq!(first("speakers").as_deref(), Some("boombox-mini-speaker"));
    assert_eq!(
        first("headphones").as_deref(),
        Some("aurora-wireless-earbuds")
    );
    let seller = &catalog.seller_of(&catalog.products()[0]).name;
    let from_seller = run(&catalog, &text(seller), Market::US);
    assert!(
        from_seller.contains(&catalog.products()[0].id.to_string()),
        "{seller}"
    );
    // A word the catalog does not know still finds nothing.
    assert!(run(&catalog, &text("submarines"), Market::US).is_empty());
}

#[test]
fn markup_in_search_is_just_text() {
    let catalog = demo_catalog();
    assert!(run(&catalog, &text("<script>alert(1)</script>"), Market::US).is_empty());
}

#[test]
fn price_bounds_are_inclusive_and_use_the_market_currency() {
    let catalog = demo_catalog();
    let query = Query {
        min_price: Some(dec!(49.99)),
        max_price: Some(dec!(49.99)),
        ..Query::default()
    };
    assert_eq!(
        run(&catalog, &query, Market::US),
        ["aurora-wireless-earbuds"]
    );
    let query = Query {
        min_price: Some(dec!(39.99)),
        max_price: Some(dec!(39.99)),
        ..Query::default()
    };
    let uk = run(&catalog, &query, Market::UK);
    assert!(uk.contains(&"aurora-wireless-earbuds".to_string()));
}

#[test]
fn filters_combine() {
    let catalog = demo_catalog();
    let all = run(&catalog, &Query::default(), Market::US);
    assert_eq!(all.len(), catalog.products().len());

    let home = Query {
        category: Some(Category::Home),
        ..Query::default()
    };
    for id in run(&catalog, &home, Market::US) {
        assert_eq!(
            catalog.product_by_slug(&id).unwrap().category,
            Category::Home
        );
    }

    let free = Query {
        free_shipping_only: true,
        ..Query::default()
    };
    let free_ids = run(&catalog, &free, Market::US);
    assert!(!free_ids.contains(&"oak-reading-chair".to_string()));
    assert!(free_ids.len() < all.len());

    let trusted = Query {
        trusted_only: true,
        ..Query::default()
    };
    for id in run(&catalog, &trusted, Market::US) {
        let product = catalog.product_by_slug(&id).unwrap();
        assert!(catalog.seller_of(product).trust().trusted, "{id}");
    }
    assert!(!run(&catalog, &trusted, Market::US).contains(&"racer-rc-car".to_string()));

    let rated = Query {
        min_rating: Some(dec!(4.8)),
        category: Some(Category::Toys),
        ..Query::default()
    };
    let rated_ids = run(&catalog, &rated, Market::US);
    assert!(!rated_ids.is_empty());
    for id in rated_ids {
        let p = catalog.product_by_slug(&id).unwrap();
        assert!(p.rating >= dec!(4.8) && p.category == Category::Toys);
    }
}

#[test]
fn sorts_are_ordered_and_stable() {
    let catalog = demo_catalog();
    let price = |id: &String| {
        catalog
            .product_by_slug(id)
            .unwrap()
            .price_in(Market::UK)
            .amount()
    };
    let sorted = |sort| {
        run(
            &catalog,
            &Query {
                sort,
                ..Query::default()
            },
            Market::UK,
        )
    };
    let asc: Vec<Decimal> = sorted(SortOrder::PriceAsc).iter().map(price).collect();
    assert!(asc.windows(2).all(|w| w[0] <= w[1]));
    let desc: Vec<Decimal> = sorted(SortOrder::PriceDesc).iter().map(price).collect();
    assert!(desc.windows(2).all(|w| w[0] >= w[1]));
    let sold: Vec<u32> = sorted(SortOrder::MostSold)
        .iter()
        .map(|id| catalog.product_by_slug(id).unwrap().sold)
        .collect();
    assert!(sold.windows(2).all(|w| w[0] >= w[1]));
    let rating: Vec<Decimal> = sorted(SortOrder::Rating)
        .iter()
        .map(|id| catalog.product_by_slug(id).unwrap().rating)
        .collect();
    assert!(rating.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(sorted(SortOrder::Rating), sorted(SortOrder::Rating));
}

#[test]
fn pages_cover_every_result_once() {
    let catalog = generate_catalog(1_000, 3);
    let index = SearchIndex::new(&catalog);
    let first = index.search(&catalog, &Query::default(), Market::US);
    assert_eq!(first.total, 1_000);
    assert_eq!(first.products.len(), PAGE_SIZE);
    assert_eq!(first.page_count as usize, 1_000usize.div_ceil(PAGE_SIZE));
    let all = run(&catalog, &Query::default(), Market::US);
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 1_000);

    let past_end = index.search(&catalog, &Query::default().with_page(999), Market::US);
    assert_eq!(past_end.page, past_end.page_count);
    assert_eq!(past_end.products.len(), 1_000 % PAGE_SIZE);

    let none = index.search(&catalog, &text("zzzzqx"), Market::US);
    assert_eq!((none.total, none.page, none.page_count), (0, 1, 1));
    assert!(none.products.is_empty());
}

#[test]
fn searches_the_scale_catalog() {
    let catalog = generate_catalog(10_000, 42);
    let index = SearchIndex::new(&catalog);
    let query = Query {
        text: "classic".into(),
        free_shipping_only: true,
        sort: SortOrder::PriceAsc,
        ..Query::default()
    };
    let page = index.search(&catalog, &query, Market::US);
    assert!(page.total > 0 && page.total < 10_000);
    for p in &page.products {
        assert!(p.name.to_lowercase().contains("classic") || p.description.contains("classic"));
        assert!(p.has_free_delivery_in(Market::US));
    }
}
