//! The cart page as a component: change quantity, refuse bad input, remove and undo, persist.
#![cfg(target_arch = "wasm32")]

use bnpl_market::domain::cart::{Cart, CartLine, Quantity};
use bnpl_market::domain::catalog::{DeliveryOptionId, ProductId};
use bnpl_market::storage::browser::BrowserStore;
use bnpl_market::storage::{load, save, KeyValueStore};
use bnpl_market::ui::pages::cart::CartPage;
use bnpl_market::ui::shop::Shop;
use bnpl_market::ui::stores::Stores;
use bnpl_market::ui::Notices;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn seed_cart(shop: &Shop) -> Cart {
    let product = shop
        .catalog
        .product(&ProductId::new("everyday-organic-tee"))
        .expect("demo product");
    let variant = product
        .variants
        .iter()
        .find(|v| v.stock >= 10)
        .expect("a variant in stock");
    let mut cart = Cart::new();
    cart.add(
        &shop.catalog,
        CartLine {
            product_id: product.id.clone(),
            variant_id: variant.id.clone(),
            quantity: Quantity::ONE,
            delivery_option_id: DeliveryOptionId::new("standard"),
        },
    )
    .unwrap();
    cart
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn type_into(input: &Element, text: &str) {
    let input: &HtmlInputElement = input.dyn_ref().unwrap();
    input.set_value(text);
    for kind in ["input", "change"] {
        input
            .dispatch_event(&web_sys::Event::new(kind).unwrap())
            .unwrap();
    }
}

fn stored_cart() -> Cart {
    load::<Cart>(&BrowserStore::open()).value
}

#[wasm_bindgen_test]
async fn cart_changes_quantity_refuses_bad_input_removes_undoes_and_persists() {
    let store = BrowserStore::open();
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    let shop = Shop::from_location("", Notices::new());
    let cart = seed_cart(&shop);
    save(&store, &cart, 0).unwrap();

    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let _handle = mount_to(root.clone().unchecked_into::<HtmlElement>(), move || {
        let notices = Notices::new();
        provide_context(notices);
        provide_context(Stores::load(notices));
        provide_context(shop.clone());
        view! { <Router><CartPage /></Router> }
    });
    tick().await;

    assert_eq!(count(&root, "[data-testid=cart-line]"), 1);
    let one = find(&root, "[data-testid=cart-total]")
        .text_content()
        .unwrap();

    type_into(&find(&root, "[data-testid=cart-quantity]"), "3");
    tick().await;
    assert_eq!(
        stored_cart().lines()[0].quantity.get(),
        3,
        "the new quantity is saved"
    );
    let three = find(&root, "[data-testid=cart-total]")
        .text_content()
        .unwrap();
    assert_ne!(one, three, "the total follows the quantity");

    for bad in ["0", "100", "-1", "two"] {
        type_into(&find(&root, "[data-testid=cart-quantity]"), bad);
        tick().await;
        let message = find(&root, "[data-testid=quantity-error]")
            .text_content()
            .unwrap();
        assert!(!message.is_empty(), "{bad} is refused with a message");
        assert_eq!(
            stored_cart().lines()[0].quantity.get(),
            3,
            "{bad} changes nothing"
        );
    }

    find(&root, "button.remove")
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert_eq!(count(&root, "[data-testid=cart-empty]"), 1);
    assert!(stored_cart().is_empty(), "the removal is saved");

    find(&root, "[data-testid=undo-remove]")
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert_eq!(count(&root, "[data-testid=cart-line]"), 1);
    assert_eq!(
        stored_cart().lines()[0].quantity.get(),
        3,
        "undo restores the line as it was"
    );
    root.remove();
}
