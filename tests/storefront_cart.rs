//! Cart rules over the demo catalog: merging, the 1-99 rule, undo, delivery per line,
//! grouping by seller, totals to the cent, re-pricing, persistence.

mod support;

use bnpl_market::domain::cart::{Cart, CartError, CartLine, Quantity, QuantityError};
use bnpl_market::domain::catalog::{Catalog, DeliveryOptionId, ProductId};
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::money::{Currency, Money};
use proptest::prelude::*;
use support::usd;

/// A line for the first variant of `slug` with at least `min_stock` in stock.
fn line(catalog: &Catalog, slug: &str, quantity: u32, delivery: &str, min_stock: u32) -> CartLine {
    let product = catalog.product_by_slug(slug).expect(slug);
    let variant = product
        .variants
        .iter()
        .find(|v| v.stock >= min_stock)
        .unwrap_or_else(|| panic!("{slug} has a variant with {min_stock} in stock"));
    CartLine {
        product_id: product.id.clone(),
        variant_id: variant.id.clone(),
        quantity: Quantity::try_from(quantity).unwrap(),
        delivery_option_id: DeliveryOptionId::new(delivery),
    }
}

#[test]
fn totals_are_exact_to_the_cent() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    cart.add(
        &catalog,
        line(&catalog, "everyday-organic-tee", 3, "standard", 99),
    )
    .unwrap();
    cart.add(
        &catalog,
        line(&catalog, "aurora-wireless-earbuds", 1, "premium", 99),
    )
    .unwrap();
    cart.add(
        &catalog,
        line(&catalog, "bamboo-utensil-set", 7, "choice", 99),
    )
    .unwrap();
    let totals = cart.totals(&catalog, Market::US);
    // 3 x 22.00 + 49.99 + 7 x 14.99 = 66.00 + 49.99 + 104.93
    assert_eq!(totals.items, usd(22_092));
    // Domestic standard free, premium 4.99, light choice 2.99: once per line.
    assert_eq!(totals.shipping, usd(798));
    assert_eq!(totals.tax, usd(0));
    assert_eq!(totals.grand_total, usd(22_890));
    assert_eq!(totals.item_count, 11);
    assert_eq!(cart.item_count(), 11);
    assert_eq!(totals.grand_total.to_string(), "$228.90");

    let uk = cart.totals(&catalog, Market::UK);
    // 3 x 18.00 + 39.99 + 7 x 11.99 = 54.00 + 39.99 + 83.93; shipping 0 + 3.99 + 1.99
    assert_eq!(uk.items, Money::from_minor(17_792, Currency::GBP));
    assert_eq!(uk.grand_total, Money::from_minor(18_390, Currency::GBP));
}

#[test]
fn adding_the_same_variant_and_delivery_merges_up_to_99() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    let tee = line(&catalog, "everyday-organic-tee", 60, "standard", 99);
    assert_eq!(cart.add(&catalog, tee.clone()).unwrap(), 0);
    let more = CartLine {
        quantity: Quantity::try_from(39).unwrap(),
        ..tee.clone()
    };
    assert_eq!(cart.add(&catalog, more).unwrap(), 0);
    assert_eq!(cart.lines().len(), 1);
    assert_eq!(cart.lines()[0].quantity.get(), 99);
    let err = cart.add(&catalog, tee.clone()).unwrap_err();
    assert_eq!(err, CartError::LineWouldExceedMaximum { already: 99 });
    assert_eq!(
        err.to_string(),
        "You already have 99 in your cart; you can buy at most 99 of one item."
    );
    assert_eq!(cart.lines()[0].quantity.get(), 99, "refused, not clamped");

    let express = CartLine {
        delivery_option_id: DeliveryOptionId::new("premium"),
        ..tee
    };
    assert_eq!(
        cart.add(&catalog, express).unwrap(),
        1,
        "other delivery, new line"
    );
}

#[test]
fn set_quantity_refuses_out_of_range_and_keeps_the_line() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    cart.add(
        &catalog,
        line(&catalog, "everyday-organic-tee", 2, "standard", 99),
    )
    .unwrap();
    for (bad, error) in [
        (0, QuantityError::BelowMinimum),
        (-1, QuantityError::BelowMinimum),
        (100, QuantityError::AboveMaximum),
    ] {
        assert_eq!(
            cart.set_quantity(&catalog, 0, bad),
            Err(CartError::Quantity(error))
        );
        assert_eq!(cart.lines()[0].quantity.get(), 2);
    }
    cart.set_quantity(&catalog, 0, 99).unwrap();
    assert_eq!(cart.item_count(), 99);
    assert_eq!(
        cart.set_quantity(&catalog, 5, 1),
        Err(CartError::NoSuchLine(5))
    );
}

#[test]
fn stock_limits_are_refused_with_the_reason() {
    let catalog = demo_catalog();
    let product = catalog.product_by_slug("everyday-organic-tee").unwrap();
    let sold_out = product.variants.iter().find(|v| v.stock == 0).unwrap();
    let mut cart = Cart::new();
    let err = cart
        .add(
            &catalog,
            CartLine {
                product_id: product.id.clone(),
                variant_id: sold_out.id.clone(),
                quantity: Quantity::ONE,
                delivery_option_id: DeliveryOptionId::new("standard"),
            },
        )
        .unwrap_err();
    assert_eq!(
        err,
        CartError::SoldOut {
            reason: format!("Sold out in {}", sold_out.label())
        }
    );
    let unknown = CartLine {
        product_id: ProductId::new("no-such-thing"),
        ..line(&catalog, "everyday-organic-tee", 1, "standard", 1)
    };
    assert!(matches!(
        cart.add(&catalog, unknown),
        Err(CartError::UnknownProduct(_))
    ));
    let bad_delivery = line(&catalog, "oak-reading-chair", 1, "choice", 1);
    assert!(matches!(
        cart.add(&catalog, bad_delivery),
        Err(CartError::UnknownDeliveryOption { .. })
    ));
    assert!(cart.is_empty());
}

#[test]
fn a_line_is_found_by_its_key_after_another_tab_moved_it() {
    let catalog = demo_catalog();
    let tee = line(&catalog, "everyday-organic-tee", 1, "standard", 5);
    let lamp = line(&catalog, "lumen-desk-lamp", 1, "standard", 5);
    let mut cart = Cart::new();
    cart.add(&catalog, tee.clone()).unwrap();
    cart.add(&catalog, lamp.clone()).unwrap();
    // The page drew the lamp second; another tab removed the tee meanwhile.
    assert_eq!(cart.index_of(&lamp.key()), Ok(1));
    cart.remove(0);
    assert_eq!(cart.index_of(&lamp.key()), Ok(0));
    assert_eq!(cart.index_of(&tee.key()), Err(CartError::LineGone));
}

#[test]
fn remove_and_undo_restore_the_position() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    for slug in ["everyday-organic-tee", "carbon-steel-wok", "match-football"] {
        cart.add(&catalog, line(&catalog, slug, 1, "standard", 1))
            .unwrap();
    }
    let before = cart.clone();
    let removed = cart.remove(1).unwrap();
    assert_eq!(removed.position, 1);
    assert_eq!(cart.lines().len(), 2);
    assert_eq!(cart.restore(removed).unwrap(), 1);
    assert_eq!(cart, before);
    assert!(cart.remove(9).is_none());
}

#[test]
fn delivery_option_changes_per_line_and_merges_twins() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    cart.add(
        &catalog,
        line(&catalog, "aurora-wireless-earbuds", 2, "standard", 99),
    )
    .unwrap();
    cart.add(
        &catalog,
        line(&catalog, "aurora-wireless-earbuds", 3, "choice", 99),
    )
    .unwrap();
    let before = cart.totals(&catalog, Market::US).shipping;
    assert_eq!(before, usd(999));
    let index = cart
        .set_delivery_option(&catalog, 0, DeliveryOptionId::new("choice"))
        .unwrap();
    assert_eq!(index, 0);
    assert_eq!(cart.lines().len(), 1);
    assert_eq!(cart.lines()[0].quantity.get(), 5);
    assert!(matches!(
        cart.set_delivery_option(&catalog, 0, DeliveryOptionId::new("drone")),
        Err(CartError::UnknownDeliveryOption { .. })
    ));
}

#[test]
fn lines_are_grouped_by_seller_in_first_seen_order() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    for slug in [
        "everyday-organic-tee",
        "carbon-steel-wok",
        "merino-crew-sweater",
    ] {
        cart.add(&catalog, line(&catalog, slug, 1, "standard", 1))
            .unwrap();
    }
    let groups = cart.seller_groups(&catalog);
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].seller_name, "Northwind Outfitters");
    assert_eq!(groups[0].line_indices, [0, 2]);
    assert_eq!(groups[1].line_indices, [1]);
}

#[test]
fn switching_market_reprices_and_says_so() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    cart.add(
        &catalog,
        line(&catalog, "aurora-wireless-earbuds", 1, "premium", 1),
    )
    .unwrap();
    let change = cart.reprice(&catalog, Market::US, Market::UK);
    assert_eq!(change.before.grand_total, usd(5_498));
    assert_eq!(
        change.after.grand_total,
        Money::from_minor(4_398, Currency::GBP)
    );
    assert_eq!(
        change.message(),
        "Your cart is now priced for the United Kingdom in GBP: £43.98 (was $54.98)."
    );
    assert_eq!(change.lines.len(), 1);
}

#[test]
fn saved_cart_round_trips_and_refuses_tampered_quantities() {
    let catalog = demo_catalog();
    let mut cart = Cart::new();
    cart.add(
        &catalog,
        line(&catalog, "chunky-knit-throw", 4, "premium", 4),
    )
    .unwrap();
    let json = serde_json::to_string(&cart).unwrap();
    assert_eq!(serde_json::from_str::<Cart>(&json).unwrap(), cart);
    let tampered = json.replace("\"quantity\":4", "\"quantity\":0");
    assert_ne!(tampered, json);
    assert!(serde_json::from_str::<Cart>(&tampered).is_err());

    let stale = json.replace("chunky-knit-throw", "discontinued-throw");
    let mut stale: Cart = serde_json::from_str(&stale).unwrap();
    let priced = stale.price(&catalog, Market::US);
    assert_eq!(priced.unavailable, [0]);
    assert!(priced.totals.grand_total.is_zero());
    assert_eq!(stale.remove_unknown(&catalog).len(), 1);
    assert!(stale.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the shopper does, the lines add up to the totals, nothing is negative and
    /// every line holds 1-99.
    #[test]
    fn totals_always_add_up(
        ops in prop::collection::vec((0usize..48, 1u32..40, 0usize..3, 0u8..4, -5i64..120), 1..25)
    ) {
        let catalog = demo_catalog();
        let mut cart = Cart::new();
        for (product_index, quantity, delivery_index, op, raw) in ops {
            let product = &catalog.products()[product_index % catalog.products().len()];
            let variant = &product.variants[quantity as usize % product.variants.len()];
            let delivery = &product.delivery_options[delivery_index % product.delivery_options.len()];
            match op {
                0 | 1 => {
                    let _ = cart.add(&catalog, CartLine {
                        product_id: product.id.clone(),
                        variant_id: variant.id.clone(),
                        quantity: Quantity::try_from(quantity).unwrap(),
                        delivery_option_id: delivery.id.clone(),
                    });
                }
                2 => {
                    let before = cart.clone();
                    if cart.set_quantity(&catalog, 0, raw).is_err() {
                        prop_assert_eq!(&cart, &before);
                    }
                }
                _ => {
                    if let Some(removed) = cart.remove(0) {
                        if raw % 2 == 0 {
                            cart.restore(removed).unwrap();
                        }
                    }
                }
            }
        }
        for market in Market::ALL {
            let priced = cart.price(&catalog, market);
            let t = priced.totals;
            let currency = market.currency();
            prop_assert_eq!(t.items, Money::sum_in(currency, priced.lines.iter().map(|l| l.line_total)));
            prop_assert_eq!(t.shipping, Money::sum_in(currency, priced.lines.iter().map(|l| l.shipping)));
            prop_assert_eq!(t.grand_total, t.items + t.shipping + t.tax);
            for l in &priced.lines {
                prop_assert_eq!(l.line_total.minor(), l.unit_price.minor() * i64::from(cart.lines()[l.index].quantity.get()));
            }
            prop_assert!(!t.items.is_negative() && !t.shipping.is_negative() && !t.grand_total.is_negative());
            prop_assert_eq!(t.item_count, cart.item_count());
        }
        prop_assert!(cart.lines().iter().all(|l| (1..=99).contains(&l.quantity.get())));
        let keys: std::collections::HashSet<_> = cart.lines().iter().map(|l| l.key()).collect();
        prop_assert_eq!(keys.len(), cart.lines().len(), "merged lines stay unique");
    }
}
