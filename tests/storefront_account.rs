//! Sign-up validation: one clear message per field.

use bnpl_market::domain::account::{Account, AccountField, AccountForm};
use bnpl_market::domain::market::Market;

fn us_form() -> AccountForm {
    AccountForm {
        name: "  Ada Lovelace ".into(),
        email: "Ada.Lovelace+shop@Example.COM".into(),
        line1: "500 Market Street".into(),
        line2: String::new(),
        city: "San Francisco".into(),
        region: "ca".into(),
        postcode: "94103".into(),
        country: "US".into(),
    }
}

fn uk_form() -> AccountForm {
    AccountForm {
        name: "Alan Turing".into(),
        email: "alan@example.co.uk".into(),
        line1: "10 Downing Street".into(),
        line2: "Flat 2".into(),
        city: "London".into(),
        region: String::new(),
        postcode: "sw1a1aa".into(),
        country: "GB".into(),
    }
}

fn errors_for(form: &AccountForm, field: AccountField) -> Vec<String> {
    match form.validate() {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .filter(|e| e.field == field)
            .map(|e| e.message)
            .collect(),
    }
}

#[test]
fn valid_forms_give_normalised_accounts() {
    let us = us_form().validate().unwrap();
    assert_eq!(us.name, "Ada Lovelace");
    assert_eq!(us.email, "Ada.Lovelace+shop@example.com");
    assert_eq!(us.address.region, "CA");
    assert_eq!(us.market, Market::US);
    let uk = uk_form().validate().unwrap();
    assert_eq!(uk.address.postcode, "SW1A 1AA");
    assert_eq!(uk.market, Market::UK);
    assert_eq!(
        AccountForm::from_account(&uk).validate().unwrap(),
        uk,
        "editing an account starts from valid input"
    );
    let json = serde_json::to_string(&uk).unwrap();
    assert_eq!(serde_json::from_str::<Account>(&json).unwrap(), uk);
}

#[test]
fn every_missing_field_is_reported_at_once() {
    let empty = AccountForm {
        country: "US".into(),
        ..AccountForm::default()
    };
    let errors = empty.validate().unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            AccountField::Name,
            AccountField::Email,
            AccountField::Line1,
            AccountField::City,
            AccountField::Region,
            AccountField::Postcode,
        ]
    );
    assert_eq!(errors[0].message, "Enter your full name.");
    assert_eq!(errors[5].message, "Enter your ZIP code.");
}

#[test]
fn email_shape() {
    for good in ["a@b.co", "first.last@sub.example.org", "x+tag@example.io"] {
        let form = AccountForm {
            email: good.into(),
            ..us_form()
        };
        assert!(form.validate().is_ok(), "{good}");
    }
    for bad in [
        "plainaddress",
        "@example.com",
        "a@",
        "a@b",
        "a@b.c",
        "a b@example.com",
        "a@@example.com",
        "a@exa mple.com",
        "a..b@example.com",
        "a@-example.com",
        "<script>@x.com",
    ] {
        let form = AccountForm {
            email: bad.into(),
            ..us_form()
        };
        assert_eq!(
            errors_for(&form, AccountField::Email),
            ["Enter an email address like name@example.com."],
            "{bad}"
        );
    }
}

#[test]
fn us_zip_codes() {
    for good in ["94103", "94103-1234", " 10001 "] {
        let form = AccountForm {
            postcode: good.into(),
            ..us_form()
        };
        assert!(form.validate().is_ok(), "{good}");
    }
    for bad in [
        "9410",
        "941033",
        "94103-123",
        "ABCDE",
        "94103 1234",
        "SW1A 1AA",
    ] {
        let form = AccountForm {
            postcode: bad.into(),
            ..us_form()
        };
        assert_eq!(
            errors_for(&form, AccountField::Postcode),
            ["Enter a 5-digit ZIP code, such as 94103 or 94103-1234."],
            "{bad}"
        );
    }
    let form = AccountForm {
        region: "Narnia".into(),
        ..us_form()
    };
    assert_eq!(
        errors_for(&form, AccountField::Region),
        ["Enter a two-letter US state code, such as CA or NY."]
    );
}

#[test]
fn uk_postcodes() {
    for (typed, normal) in [
        ("SW1A 1AA", "SW1A 1AA"),
        ("m1 1ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("W1A0AX", "W1A 0AX"),
    ] {
        let form = AccountForm {
            postcode: typed.into(),
            ..uk_form()
        };
        assert_eq!(form.validate().unwrap().address.postcode, normal, "{typed}");
    }
    for bad in [
        "94103",
        "SW1A",
        "SW1A 1A",
        "1AA 1AA",
        "SW1A 1AAA",
        "ÉC1A 1BB",
    ] {
        let form = AccountForm {
            postcode: bad.into(),
            ..uk_form()
        };
        assert_eq!(
            errors_for(&form, AccountField::Postcode),
            ["Enter a UK postcode, such as SW1A 1AA."],
            "{bad}"
        );
    }
}

#[test]
fn names_are_bounded_and_control_characters_refused() {
    let short = AccountForm {
        name: "A".into(),
        ..uk_form()
    };
    assert_eq!(
        errors_for(&short, AccountField::Name),
        ["Full name must be at least 2 characters."]
    );
    let long = AccountForm {
        name: "a".repeat(81),
        ..uk_form()
    };
    assert_eq!(
        errors_for(&long, AccountField::Name),
        ["Full name must be at most 80 characters."]
    );
    let digits = AccountForm {
        name: "12345".into(),
        ..uk_form()
    };
    assert_eq!(
        errors_for(&digits, AccountField::Name),
        ["Full name must contain letters."]
    );
    let control = AccountForm {
        name: "Ada\nLovelace".into(),
        line1: "1 High St\t".into(),
        ..uk_form()
    };
    assert_eq!(
        errors_for(&control, AccountField::Name),
        ["Full name cannot contain control characters such as line breaks or tabs."]
    );
    assert_eq!(errors_for(&control, AccountField::Line1).len(), 1);
    // Markup is just text: it is kept as typed, and the UI shows it as text.
    let markup = AccountForm {
        name: "<img src=x onerror=alert(1)>".into(),
        ..uk_form()
    };
    assert_eq!(
        markup.validate().unwrap().name,
        "<img src=x onerror=alert(1)>"
    );
}

#[test]
fn country_must_be_a_market() {
    let form = AccountForm {
        country: "FR".into(),
        ..uk_form()
    };
    let errors = form.validate().unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, AccountField::Country);
    assert_eq!(
        errors[0].message,
        "Choose a country we deliver to: United States or United Kingdom."
    );
    let uk_alias = AccountForm {
        country: "uk".into(),
        ..uk_form()
    };
    assert_eq!(uk_alias.validate().unwrap().market, Market::UK);
}
