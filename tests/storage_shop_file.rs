//! A whole shop saved to a file and read back: the round trip gives the same shop, part for
//! part, and every kind of bad file is refused with a message naming what is wrong.

mod support;

use bnpl_market::app::demo_orders::Scenario;
use bnpl_market::app::facade::DemoRequest;
use bnpl_market::app::pending_checkout::{AttemptStage, InFlightAttempt};
use bnpl_market::app::ShopData;
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::klarna::{CardBehaviour, Fault, PersonaSettings};
use bnpl_market::storage::shop_file::{self, FileProblem, MAX_FILE_BYTES};
use chrono::{DateTime, Duration, Utc};
use futures::executor::block_on;
use serde_json::Value;
use support::{cart_with_earbuds, monday};

/// The device's time when the file is written and read back in these tests.
fn real_now() -> DateTime<Utc> {
    monday() + Duration::hours(1)
}

/// A shop with something in every part: two demo orders three weeks on (payments collected,
/// parcels moving, messages), a cart, a linked Klarna account, a persona, a pending fault
/// and a checkout in flight.
fn busy_shop() -> ShopData {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    block_on(data.state().place_demo(
        &catalog,
        DemoRequest::Scenario(Scenario::TwoSellers),
        monday(),
    ))
    .expect("a demo order");
    let mut shop = data.state();
    for week in 1..=3 {
        block_on(shop.move_clock_to(monday() + Duration::weeks(week), real_now()))
            .expect("the clock moves on");
    }
    shop.link_klarna("ada@example.com", monday() + Duration::weeks(3));
    shop.set_persona(
        None,
        PersonaSettings {
            purchase_limit: Some(50_000),
            card_behaviour: CardBehaviour::Pays,
        },
    );
    data.simulation.inject_fault(Fault::Timeout, 2);
    data.cart = cart_with_earbuds(&catalog);
    let method_id = *data
        .payments
        .methods
        .keys()
        .next()
        .expect("the demo's card");
    data.pending_checkout.in_flight = Some(InFlightAttempt {
        attempt: "chk-9".into(),
        kind: PlanKind::PayIn4,
        method_id,
        email: "ada@example.com".into(),
        one_time_code: "123456".into(),
        started_at: monday() + Duration::weeks(3),
        stage: AttemptStage::Authorizing,
    });
    data.clock.guide_dismissed = true;
    data
}

/// Every part of `data` differs from a new shop's, so a round trip that dropped one would
/// be seen.
fn assert_every_part_is_filled(data: &ShopData) {
    let empty = ShopData::default();
    assert_ne!(data.account, empty.account, "account");
    assert_ne!(data.cart, empty.cart, "cart");
    assert_ne!(data.inbox, empty.inbox, "inbox");
    assert_ne!(data.orders, empty.orders, "orders");
    assert_ne!(data.payments, empty.payments, "payments");
    assert_ne!(data.provider, empty.provider, "provider");
    assert_ne!(data.klarna_link, empty.klarna_link, "klarna_link");
    assert_ne!(data.clock, empty.clock, "clock");
    assert_ne!(
        data.pending_checkout, empty.pending_checkout,
        "pending_checkout"
    );
    assert_ne!(data.simulation, empty.simulation, "simulation");
}

#[test]
fn save_reset_load_gives_back_the_same_shop_part_for_part() {
    let before = busy_shop();
    assert_every_part_is_filled(&before);
    let text = shop_file::write(&before, real_now());

    let mut shop = before.clone();
    shop.state().reset();
    assert_eq!(shop, ShopData::default());

    let file = shop_file::read(&text).expect("the file reads back");
    assert_eq!(file.saved_at, before.clock.now(real_now()));
    let summary = file.summary.clone();
    shop = file.into_data(real_now());
    assert_eq!(shop, before, "the loaded shop is the saved one");
    assert_eq!(summary.orders, 1);
    assert_eq!(summary.plans, 1);
    assert_eq!(summary.messages, before.inbox.len());
    let lines = summary.lines();
    assert_eq!(
        lines[0],
        ("Shop's date", "Mon 23 Mar 2026, 10:00".to_string())
    );
    assert!(lines
        .iter()
        .any(|(what, line)| *what == "Orders" && line == "1 order"));
    // Written again, it is the same file.
    assert_eq!(shop_file::write(&shop, real_now()), text);
}

#[test]
fn a_file_loaded_later_resumes_at_the_moment_it_was_saved() {
    let before = busy_shop();
    let saved_at = before.clock.now(real_now());
    let text = shop_file::write(&before, real_now());
    for later in [
        Duration::days(40),
        Duration::minutes(3),
        Duration::days(-400),
    ] {
        let device = real_now() + later;
        let loaded = shop_file::read(&text).unwrap().into_data(device);
        assert_eq!(loaded.clock.now(device), saved_at, "loaded {later} later");
        // Everything else is as saved; only the clock's offset from the device moved.
        let mut same_clock = loaded.clone();
        same_clock.clock = before.clock.clone();
        assert_eq!(same_clock, before);
    }
}

#[test]
fn the_file_is_named_by_the_shops_date_and_its_orders() {
    let busy = busy_shop();
    assert_eq!(
        shop_file::file_name(&busy, real_now()),
        "bnpl-2026-03-23-1-order.json"
    );
    assert_eq!(
        shop_file::file_name(&ShopData::default(), real_now()),
        "bnpl-2026-03-02-no-orders.json"
    );
}

#[test]
fn a_history_of_two_hundred_orders_round_trips() {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    block_on(
        data.state()
            .place_demo(&catalog, DemoRequest::History(200), monday()),
    )
    .expect("a history");
    let text = shop_file::write(&data, monday());
    let file = shop_file::read(&text).expect("reads back");
    assert_eq!(file.summary.orders, 200);
    assert_eq!(file.into_data(monday()), data);
}

/// The file of `busy_shop` as JSON, to be spoiled by each test.
fn file_json() -> Value {
    serde_json::from_str(&shop_file::write(&busy_shop(), real_now())).unwrap()
}

fn refused(text: &str) -> FileProblem {
    shop_file::read(text).expect_err("the file is refused")
}

fn refused_json(json: &Value) -> FileProblem {
    refused(&serde_json::to_string(json).unwrap())
}

#[test]
fn files_that_are_not_shop_files_are_refused_saying_what_they_are() {
    assert_eq!(refused(""), FileProblem::Empty);
    assert_eq!(refused("  \n"), FileProblem::Empty);
    let not_json = refused("name,price\nTent,129.00\n");
    assert!(matches!(not_json, FileProblem::NotJson(_)), "{not_json:?}");
    assert!(
        not_json.to_string().starts_with("The file is not JSON ("),
        "{not_json}"
    );
    assert_eq!(refused("[1, 2, 3]"), FileProblem::NotAShopFile);
    assert_eq!(refused(r#"{"name": "a list"}"#), FileProblem::NotAShopFile);
    let other = refused(r#"{"format": "klarna-export", "version": 1}"#);
    assert_eq!(other, FileProblem::OtherFormat("klarna-export".into()));
    assert_eq!(
        other.to_string(),
        "The file is a \"klarna-export\" file, not a bnpl-market shop file."
    );
}

#[test]
fn a_newer_version_or_no_version_is_refused() {
    let mut json = file_json();
    json["version"] = Value::from(2);
    let newer = refused_json(&json);
    assert_eq!(newer, FileProblem::NewerVersion { found: 2 });
    assert_eq!(
        newer.to_string(),
        "The file was saved by a newer bnpl-market (format version 2); this one reads up to version 1."
    );
    json["version"] = Value::from(0);
    assert_eq!(refused_json(&json), FileProblem::NoVersion);
    json["version"] = Value::from("1");
    assert_eq!(refused_json(&json), FileProblem::NoVersion);
    json.as_object_mut().unwrap().remove("version");
    assert_eq!(refused_json(&json), FileProblem::NoVersion);
}

#[test]
fn a_truncated_file_is_refused_as_cut_short() {
    let text = shop_file::write(&busy_shop(), real_now());
    for cut in [text.len() / 2, text.len() - 1, 40] {
        let problem = refused(&text[..cut]);
        assert!(
            matches!(problem, FileProblem::Truncated(_)),
            "cut at {cut}: {problem:?}"
        );
        assert!(problem.to_string().contains("cut short"), "{problem}");
    }
}

#[test]
fn fifty_megabytes_of_junk_is_refused_by_its_size_before_it_is_read() {
    let junk = "x".repeat(50 * 1024 * 1024);
    let problem = refused(&junk);
    assert_eq!(problem, FileProblem::TooLarge { bytes: junk.len() });
    assert_eq!(
        problem.to_string(),
        "The file is 50.0 MB; a shop file is at most 32 MB."
    );
    assert!(junk.len() > MAX_FILE_BYTES);
}

#[test]
fn markup_in_any_text_is_refused_with_where_it_is() {
    let mut json = file_json();
    let account = &mut json["parts"]["account"]["data"];
    account["full_name"] = Value::from("Ada <img src=x onerror=alert(1)>");
    let problem = refused_json(&json);
    assert_eq!(
        problem,
        FileProblem::Markup {
            place: "account.data.full_name".into()
        }
    );
    assert!(problem.to_string().contains("markup"), "{problem}");
}

#[test]
fn a_missing_unknown_or_unreadable_part_is_named() {
    let mut json = file_json();
    json["parts"].as_object_mut().unwrap().remove("orders");
    assert_eq!(refused_json(&json), FileProblem::MissingPart("orders"));

    let mut json = file_json();
    json["parts"]["wishlist"] = serde_json::json!({"schema": 1, "data": []});
    assert_eq!(
        refused_json(&json),
        FileProblem::UnknownPart("wishlist".into())
    );

    let mut json = file_json();
    json["parts"]["payments"]["schema"] = Value::from(9);
    let problem = refused_json(&json);
    assert!(
        matches!(&problem, FileProblem::BadPart { part: "payments", problem } if problem.contains("newer version")),
        "{problem:?}"
    );

    // Money edited by hand: a plan whose payments no longer add up.
    let mut json = file_json();
    let plan = json["parts"]["payments"]["data"]["accounts"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .next()
        .unwrap();
    plan["installments"][1]["amount"]["amount"] = Value::from("-5.00");
    let problem = refused_json(&json);
    assert!(
        matches!(
            &problem,
            FileProblem::BadPart {
                part: "payments",
                ..
            }
        ),
        "{problem:?}"
    );
    assert!(
        problem
            .to_string()
            .starts_with("The file's \"payments\" part cannot be used: "),
        "{problem}"
    );
}

#[test]
fn parts_that_disagree_are_refused() {
    // A plan for an order the file does not hold.
    let mut json = file_json();
    json["parts"]["orders"]["data"]["records"] = serde_json::json!({});
    let problem = refused_json(&json);
    assert!(
        matches!(&problem, FileProblem::Inconsistent(why) if why.contains("payment plan belongs to order")),
        "{problem:?}"
    );

    // An order the provider never saw.
    let mut json = file_json();
    json["parts"]["klarna"]["data"]["orders"] = serde_json::json!({});
    let problem = refused_json(&json);
    assert!(
        matches!(&problem, FileProblem::Inconsistent(why) if why.contains("Klarna order the file does not have")),
        "{problem:?}"
    );

    // Saved before its own orders were placed.
    let mut json = file_json();
    json["saved_at"] = Value::from("2026-01-01T00:00:00Z");
    let problem = refused_json(&json);
    assert!(
        matches!(problem, FileProblem::Inconsistent(_)),
        "{problem:?}"
    );
    json.as_object_mut().unwrap().remove("saved_at");
    assert_eq!(refused_json(&json), FileProblem::NoSavedAt);
}

#[test]
fn a_small_shop_travels_as_a_link_and_a_long_history_does_not() {
    let catalog = demo_catalog();
    let mut data = ShopData::default();
    block_on(data.state().place_demo(
        &catalog,
        DemoRequest::Scenario(Scenario::PayIn4Card),
        monday(),
    ))
    .unwrap();
    let text = shop_file::write(&data, real_now());
    let fragment = shop_file::to_fragment(&text).expect("one order fits in a link");
    assert!(fragment.starts_with("shop="));
    assert!(fragment.len() <= shop_file::MAX_LINK_CHARS + 5);
    assert!(
        fragment[5..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "only characters a URL carries as they are"
    );
    assert!(shop_file::holds_a_shop(&format!("#{fragment}")));
    assert!(
        shop_file::holds_a_shop(&fragment),
        "with or without the `#`"
    );
    let carried = shop_file::from_fragment(&format!("#{fragment}"))
        .expect("a shared shop")
        .expect("unpacks");
    assert_eq!(carried, text);
    assert_eq!(
        shop_file::read(&carried).unwrap().into_data(real_now()),
        data
    );

    let mut history = ShopData::default();
    block_on(
        history
            .state()
            .place_demo(&catalog, DemoRequest::History(200), monday()),
    )
    .unwrap();
    let too_long = shop_file::to_fragment(&shop_file::write(&history, monday())).unwrap_err();
    assert!(too_long.chars > shop_file::MAX_LINK_CHARS);
    assert!(
        too_long
            .to_string()
            .ends_with("a link holds at most 8 KB. Save it to a file instead."),
        "{too_long}"
    );
}

#[test]
fn a_link_that_is_not_a_shop_or_was_cut_is_named_so() {
    assert_eq!(shop_file::from_fragment(""), None);
    assert_eq!(shop_file::from_fragment("#section-2"), None);
    assert!(!shop_file::holds_a_shop(""));
    assert!(!shop_file::holds_a_shop("#section-2"));
    assert!(
        !shop_file::holds_a_shop("#shopping"),
        "only `shop=` starts a shared shop"
    );
    let text = shop_file::write(&busy_shop(), real_now());
    let fragment = shop_file::to_fragment(&text).unwrap();
    let cut = &fragment[..fragment.len() / 2];
    assert!(
        shop_file::holds_a_shop(cut),
        "a cut link is still offered, then refused"
    );
    let problem = shop_file::from_fragment(cut).unwrap().unwrap_err();
    assert_eq!(
        problem,
        FileProblem::BadLink("it was cut or changed".into())
    );
    assert_eq!(
        problem.to_string(),
        "The link does not hold a shop: it was cut or changed. Ask for the link again, or for the file."
    );
    let not_base64 = shop_file::from_fragment("#shop=<script>")
        .unwrap()
        .unwrap_err();
    assert!(matches!(not_base64, FileProblem::BadLink(_)));
}
