//! The application's facade over every aggregate, natively: the flows that used to live in
//! pages (sign-up and market switch, linking Klarna, personas, demo data, reset, checkout's
//! pending record) each change what they say and report exactly that.

mod support;

use bnpl_market::app::demo_orders::Scenario;
use bnpl_market::app::facade::{DemoRefusal, DemoRequest};
use bnpl_market::app::pending_checkout::{AttemptStage, InFlightAttempt};
use bnpl_market::app::{ShopData, Touched};
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::market::Market;
use bnpl_market::domain::payments::{ChargeBehaviour, MethodId};
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::klarna::persona::FAILING_CODE;
use bnpl_market::klarna::{CardBehaviour, ErrorCode, Fault, PersonaSettings};
use futures::executor::block_on;
use support::{cart_with_earbuds, monday, us_account};

#[test]
fn demo_requests_are_read_from_the_address_bar_with_clear_refusals() {
    assert_eq!(DemoRequest::from_query("?q=lamp"), None);
    assert_eq!(
        DemoRequest::from_query("?scenario=wallet"),
        Some(Ok(DemoRequest::Scenario(Scenario::Wallet)))
    );
    assert_eq!(
        DemoRequest::from_query("?history=20&x=1"),
        Some(Ok(DemoRequest::History(20)))
    );
    for bad in [
        "?scenario=nope",
        "?history=0",
        "?history=-1",
        "?history=abc",
        "?history=10000000",
    ] {
        let refusal = DemoRequest::from_query(bad).unwrap().unwrap_err();
        assert!(refusal.to_string().contains("pay_in_4"), "{bad}: {refusal}");
    }
}

#[test]
fn a_demo_goes_into_an_empty_shop_once_with_a_demo_account() {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    let mut shop = data.state();
    let placed = block_on(shop.place_demo(
        &catalog,
        DemoRequest::Scenario(Scenario::PayIn4Card),
        monday(),
    ))
    .expect("placed");
    assert!(placed.contains("placed order BM-000001"), "{placed}");
    let touched = shop.touched;
    assert!(
        touched.account && touched.orders && touched.payments && touched.provider && touched.inbox
    );
    assert!(!touched.cart, "a demo uses a cart of its own");
    assert!(data.account.is_some());
    assert_eq!(data.orders.len(), 1);

    let mut shop = data.state();
    assert_eq!(
        block_on(shop.place_demo(&catalog, DemoRequest::Scenario(Scenario::Wallet), monday())),
        Err(DemoRefusal::NotEmpty)
    );
    assert_eq!(shop.touched, Touched::NONE);
    assert_eq!(data.orders.len(), 1);
}

#[test]
fn signing_up_welcomes_and_switching_market_says_what_happened_to_the_cart() {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    let mut shop = data.state();
    let saved = shop.save_account(us_account(), &catalog, monday());
    assert_eq!(saved.repricing, None);
    assert!(shop.touched.account && shop.touched.inbox);
    assert_eq!(data.inbox.len(), 1, "a welcome message");

    let mut uk = us_account();
    uk.market = Market::UK;
    let mut shop = data.state();
    let saved = shop.save_account(uk, &catalog, monday());
    assert!(saved.repricing.unwrap().contains("GBP"));
    assert!(shop.touched.account && !shop.touched.inbox);
    assert_eq!(data.inbox.len(), 1, "no second welcome");

    let same = data.account.clone().unwrap();
    let mut shop = data.state();
    shop.save_account(same, &catalog, monday());
    assert_eq!(
        shop.touched,
        Touched::NONE,
        "saving the same account writes nothing"
    );
}

#[test]
fn the_linked_personas_card_behaviour_reaches_saved_cards() {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    let mut shop = data.state();
    block_on(shop.place_demo(
        &catalog,
        DemoRequest::Scenario(Scenario::PayIn4Card),
        monday(),
    ))
    .unwrap();
    shop.link_klarna("ada@example.com", monday());
    let declining = PersonaSettings {
        purchase_limit: Some(10_000),
        card_behaviour: CardBehaviour::Declines,
    };
    let mut shop = data.state();
    shop.set_persona(Some("ada@example.com"), declining.clone());
    assert!(shop.touched.simulation && shop.touched.payments);
    assert_eq!(data.simulation.persona("ada@example.com"), &declining);
    assert!(data
        .payments
        .methods
        .values()
        .filter(|m| m.kind.is_card())
        .all(|m| m.behaviour == ChargeBehaviour::Declines));
    assert_eq!(data.klarna_link.email.as_deref(), Some("ada@example.com"));
}

#[test]
fn signing_in_to_klarna_links_a_known_account_and_sends_a_new_customer_to_sign_up() {
    let mut data = ShopData::default();
    let mut shop = data.state();
    let wrong = block_on(shop.sign_in_to_klarna("ada@example.com", FAILING_CODE, monday()));
    assert_eq!(wrong.unwrap_err().code(), ErrorCode::WrongCode);
    let short = block_on(shop.sign_in_to_klarna("ada@example.com", "12", monday()));
    assert_eq!(short.unwrap_err().field.as_deref(), Some("one_time_code"));
    let new = block_on(shop.sign_in_to_klarna("bo+new_user@example.com", "123456", monday()));
    assert!(new.unwrap().new_customer);
    assert_eq!(
        shop.touched,
        Touched::NONE,
        "nothing is linked before sign-up"
    );
    assert_eq!(shop.klarna_link.email, None);

    let known = block_on(shop.sign_in_to_klarna("ada@example.com", "123456", monday())).unwrap();
    assert!(!known.new_customer);
    assert_eq!(
        shop.touched,
        Touched {
            klarna_link: true,
            inbox: true,
            ..Touched::NONE
        }
    );
    assert_eq!(data.klarna_link.email.as_deref(), Some("ada@example.com"));
    assert_eq!(data.inbox.len(), 1);
}

#[test]
fn an_abandoned_attempt_places_nothing_and_a_faulted_one_stays_retryable() {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    block_on(data.state().place_demo(
        &catalog,
        DemoRequest::Scenario(Scenario::PayIn4Card),
        monday(),
    ))
    .unwrap();
    data.cart = cart_with_earbuds(&catalog);
    let method_id: MethodId = *data
        .payments
        .methods
        .keys()
        .next()
        .expect("the demo's card");
    let attempt = InFlightAttempt {
        attempt: "chk-1".into(),
        kind: PlanKind::PayIn4,
        method_id,
        email: "ada@example.com".into(),
        one_time_code: "123456".into(),
        started_at: monday(),
        stage: AttemptStage::Authorizing,
    };
    // Dismissed (or reset in another tab) before the provider answered.
    let mut shop = data.state();
    shop.begin_checkout(&attempt);
    shop.abandon_checkout();
    assert!(block_on(shop.finish_checkout(&catalog, &attempt, monday())).is_err());
    assert_eq!(
        data.orders.len(),
        1,
        "nothing placed for the abandoned attempt"
    );

    // A provider error on the next call: the attempt is kept to retry, the fault used up.
    data.simulation.inject_fault(Fault::Error, 1);
    let mut shop = data.state();
    shop.begin_checkout(&attempt);
    let error = block_on(shop.finish_checkout(&catalog, &attempt, monday())).unwrap_err();
    assert!(error.is_retryable(), "{error}");
    assert!(shop.touched.simulation, "the fault was used up");
    assert!(matches!(
        data.pending_checkout.in_flight.as_ref().map(|a| &a.stage),
        Some(AttemptStage::Retryable { .. })
    ));
    assert_eq!(data.simulation.pending_fault(), Fault::None);
    assert_eq!(data.orders.len(), 1, "nothing placed by the failed call");

    // The retry places the order once and ends the attempt.
    let mut shop = data.state();
    let placed = block_on(shop.finish_checkout(&catalog, &attempt, monday())).expect("placed");
    assert!(shop.touched.orders && shop.touched.cart && shop.touched.pending_checkout);
    assert_eq!(data.orders.len(), 2);
    assert!(data.orders.get(&placed).is_some());
    assert_eq!(data.pending_checkout.in_flight, None);
    assert!(data.cart.is_empty());
}

#[test]
fn reset_empties_every_aggregate_and_says_all_changed() {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    block_on(
        data.state()
            .place_demo(&catalog, DemoRequest::History(3), monday()),
    )
    .unwrap();
    assert_ne!(data, ShopData::default());
    let mut shop = data.state();
    shop.reset();
    assert_eq!(shop.touched, Touched::ALL);
    assert_eq!(data, ShopData::default());
}
