//! The checkout modal's focus handling and keyboard behaviour, in a real browser: focus moves
//! in, Tab and Shift+Tab wrap inside, Escape closes and returns focus to the button that
//! opened it, and the page behind is inert only while the dialog is open.
#![cfg(target_arch = "wasm32")]

use bnpl_market::app::klarna_link::KlarnaLink;
use bnpl_market::domain::account::{Account, Address};
use bnpl_market::domain::cart::{Cart, CartLine, Quantity};
use bnpl_market::domain::catalog::{DeliveryOptionId, ProductId};
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::{MethodId, MethodKind, PaymentMethod, PaymentsState};
use bnpl_market::storage::browser::BrowserStore;
use bnpl_market::storage::{save, KeyValueStore};
use bnpl_market::ui::pages::cart::CartPage;
use bnpl_market::ui::shop::Shop;
use bnpl_market::ui::stores::Stores;
use bnpl_market::ui::Notices;
use chrono::NaiveDate;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fresh_store() -> BrowserStore {
    let store = BrowserStore::open();
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    store
}

fn seed_cart(store: &BrowserStore, shop: &Shop) {
    let product = shop
        .catalog
        .product(&ProductId::new("aurora-wireless-earbuds"))
        .unwrap();
    let variant = product.variants.iter().find(|v| v.stock >= 2).unwrap();
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
    save(store, &cart, 0).unwrap();
}

/// An account, a linked Klarna and a card: the modal shows the whole checkout form.
fn seed_ready_shopper(store: &BrowserStore) {
    let account = Some(Account {
        name: "Kim Keys".into(),
        email: "kim@example.com".into(),
        address: Address {
            line1: "1 Main St".into(),
            line2: String::new(),
            city: "Springfield".into(),
            region: "IL".into(),
            postcode: "62701".into(),
        },
        market: Market::US,
    });
    save(store, &account, 0).unwrap();
    let link = KlarnaLink {
        email: Some("kim@example.com".into()),
        linked_at: None,
    };
    save(store, &link, 0).unwrap();
    let mut payments = PaymentsState::default();
    payments.add_method(
        PaymentMethod::card(
            MethodId(1),
            MethodKind::DebitCard,
            "4242 4242 4242 4242",
            (2099, 12),
            "123",
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
        .unwrap(),
    );
    save(store, &payments, 0).unwrap();
}

fn mount_cart(shop: Shop) -> Element {
    let root = document().create_element("section").unwrap();
    root.set_id("page-behind");
    document().body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone().unchecked_into::<HtmlElement>(), move || {
        let notices = Notices::new();
        provide_context(notices);
        provide_context(Stores::load(notices));
        provide_context(shop.clone());
        view! { <Router><CartPage /></Router> }
    });
    handle.forget();
    root
}

async fn settle() {
    for _ in 0..4 {
        tick().await;
    }
}

fn active() -> Element {
    document().active_element().expect("something has focus")
}

fn open_dialog() -> Option<Element> {
    document().query_selector("[role=dialog]").unwrap()
}

fn press(key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    active().dispatch_event(&event).unwrap();
}

/// Tab stops inside the dialog, as the dialog itself computes them (visible, enabled).
fn tab_stops(dialog: &Element) -> Vec<HtmlElement> {
    let list = dialog
        .query_selector_all(
            "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
             [tabindex]:not([tabindex='-1'])",
        )
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .filter(|e| e.get_client_rects().length() > 0)
        .filter(|e| {
            e.dyn_ref::<web_sys::HtmlInputElement>()
                .is_none_or(|i| i.type_() != "radio" || i.checked())
        })
        .collect()
}

fn open_with_button(root: &Element) -> HtmlElement {
    let button: HtmlElement = root
        .query_selector("[data-testid=checkout-button]")
        .unwrap()
        .expect("the cart has a Pay with Klarna button")
        .unchecked_into();
    button.focus().unwrap();
    button.click();
    button
}

async fn check_focus_cycle(root: Element) {
    let button = open_with_button(&root);
    settle().await;

    let dialog = open_dialog().expect("the dialog opened");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let label_id = dialog.get_attribute("aria-labelledby").unwrap();
    let label = document()
        .get_element_by_id(&label_id)
        .expect("the label exists");
    assert_eq!(label.text_content().unwrap(), "Pay with Klarna");
    assert!(
        dialog.contains(Some(&active())),
        "focus moved into the dialog"
    );
    assert!(root.has_attribute("inert"), "the page behind is inert");

    let stops = tab_stops(&dialog);
    assert!(stops.len() >= 2, "the dialog has controls to cycle through");
    let (first, last) = (&stops[0], stops.last().unwrap());
    last.focus().unwrap();
    press("Tab", false);
    assert!(
        active().is_same_node(Some(first)),
        "Tab on the last control wraps to the first"
    );
    press("Tab", true);
    assert!(
        active().is_same_node(Some(last)),
        "Shift+Tab on the first control wraps to the last"
    );

    press("Escape", false);
    settle().await;
    assert!(open_dialog().is_none(), "Escape closed the dialog");
    assert!(
        active().is_same_node(Some(&button)),
        "focus is back on the button"
    );
    assert!(!root.has_attribute("inert"), "the page is usable again");
    root.remove();
}

#[wasm_bindgen_test]
async fn without_an_account_the_modal_explains_and_keeps_focus_inside() {
    let store = fresh_store();
    let shop = Shop::from_location("", Notices::new());
    seed_cart(&store, &shop);
    let root = mount_cart(shop);
    settle().await;
    check_focus_cycle(root).await;
}

#[wasm_bindgen_test]
async fn the_full_checkout_form_keeps_focus_inside_and_returns_it() {
    let store = fresh_store();
    let shop = Shop::from_location("", Notices::new());
    seed_cart(&store, &shop);
    seed_ready_shopper(&store);
    let root = mount_cart(shop);
    settle().await;
    {
        // The form is there: every US option and the identity step's "Continue as".
        open_with_button(&root);
        settle().await;
        let dialog = open_dialog().unwrap();
        assert_eq!(
            dialog
                .query_selector_all("[data-testid=plan-option]")
                .unwrap()
                .length(),
            7
        );
        assert!(dialog
            .query_selector("[data-testid=identity-continue]")
            .unwrap()
            .is_some());
        press("Escape", false);
        settle().await;
    }
    check_focus_cycle(root).await;
}
