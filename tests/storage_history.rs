//! What a generated history of orders weighs in storage, and how long its codec takes.
//! Measurements, not assertions of speed: run with
//! `cargo test --release --test storage_history -- --ignored --nocapture` (N=orders, 2000).

mod support;

use std::time::Instant;

use bnpl_market::storage::envelope::{decode, encode};
use bnpl_market::storage::Aggregate;
use support::{monday, Shop};

/// Ada's shop after `count` generated orders, the last by `monday()`.
fn history(count: usize) -> Shop {
    let mut shop = Shop::new();
    shop.history(count, monday());
    shop
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1e3
}

/// Prints what one aggregate weighs stored (as plain JSON, the form before compression, and
/// as the codec stores it now) and what its codec and its change check cost; returns the
/// stored characters.
fn measure<A: Aggregate>(value: &A) -> usize {
    let plain = serde_json::to_string(value).unwrap();
    let plain_chars = plain.chars().count() + r#"{"schema":1,"rev":1,"data":}"#.len();

    let started = Instant::now();
    let raw = encode(value, 1);
    let encode_ms = ms(started);
    let started = Instant::now();
    let decoded = decode::<A>(&raw);
    let decode_ms = ms(started);
    let chars = raw.chars().count();
    if let Ok(dir) = std::env::var("DUMP") {
        std::fs::write(format!("{dir}/{}.json", A::NAME), &plain).unwrap();
    }
    let decoded = match decoded {
        Ok(stored) => {
            assert!(stored.value == *value, "{} round-trips", A::NAME);
            format!("decode {decode_ms:>6.1} ms")
        }
        Err(e) => format!("refused on load: {}", e.describe()),
    };
    // What `Persisted::update` spends to tell whether a write is needed.
    let started = Instant::now();
    let copy = value.clone();
    let clone_ms = ms(started);
    let started = Instant::now();
    let unchanged = copy == *value;
    let compare_ms = ms(started);
    assert!(unchanged);
    eprintln!(
        "{:>9} plain {plain_chars:>9}  stored {chars:>8} chars ({:>4.1}x)  encode {encode_ms:>6.1} ms  \
         {decoded}  clone {clone_ms:>5.1} ms  compare {compare_ms:>5.1} ms",
        A::NAME,
        plain_chars as f64 / chars as f64,
    );
    if std::env::var("LEVELS").is_ok() {
        for level in [1, 3, 6, 9] {
            let started = Instant::now();
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(plain.as_bytes(), level);
            let took = ms(started);
            eprintln!(
                "{:>9}   level {level}: {:>8} chars in base64, {took:>6.1} ms",
                "",
                packed.len().div_ceil(3) * 4
            );
        }
    }
    chars
}

#[test]
#[ignore = "a measurement: run by hand with --release --nocapture"]
fn history_storage_weight() {
    let n = std::env::var("N").map_or(2000, |n| n.parse().unwrap());
    let h = history(n);
    eprintln!("{n} orders as stored:");
    let total =
        measure(&h.orders) + measure(&h.payments) + measure(&h.provider) + measure(&h.inbox);
    eprintln!("{:>9} stored {total} chars", "total");
    let paged = in_pages(&h.orders) + in_pages(&h.payments) + in_pages(&h.inbox);
    eprintln!(
        "{:>9} in pages {paged} chars (orders, payments, inbox)",
        "total"
    );
}

/// What `value` takes stored as the app writes it, in pages for the large aggregates.
fn in_pages<A: Aggregate>(value: &A) -> usize {
    use bnpl_market::storage::journal::commit;
    use bnpl_market::storage::tab_copy::TabCopy;
    use bnpl_market::storage::{KeyValueStore, MemoryStore};
    let store = MemoryStore::default();
    let (_, mut copy, _) = TabCopy::<A>::load(&store, 1);
    commit(&store, &copy.staged(&store, value).unwrap()).unwrap();
    let keys = store.keys().unwrap();
    let chars = keys
        .iter()
        .map(|k| k.len() + store.get(k).unwrap().unwrap().len())
        .sum();
    eprintln!(
        "{:>9} in pages {chars:>8} chars in {} keys",
        A::NAME,
        keys.len()
    );
    chars
}

/// What a year of clock costs over the history, in the weekly stops the clock bar makes,
/// split into what the UI does at each stop: copy the aggregates, run the engine, encode what
/// changed. Measurements, not assertions of speed.
#[test]
#[ignore = "a measurement: run by hand with --release --nocapture"]
fn history_clock_year_cost() {
    use bnpl_market::app::clock::move_stops;
    use chrono::Duration;
    let n = std::env::var("N").map_or(2000, |n| n.parse().unwrap());
    let mut h = history(n);
    let from = monday();
    let stops = move_stops(from, from + Duration::days(365));
    let (mut copy_ms, mut run_ms, mut encode_ms, mut chars, mut events) = (0.0, 0.0, 0.0, 0, 0);
    let mut at = from;
    for stop in stops {
        let started = Instant::now();
        let _copies = (
            h.orders.clone(),
            h.payments.clone(),
            h.provider.clone(),
            h.inbox.clone(),
        );
        copy_ms += ms(started);
        let started = Instant::now();
        let progress =
            futures::executor::block_on(bnpl_market::app::time::advance(h.world(), at, stop));
        run_ms += ms(started);
        events += progress.events;
        let started = Instant::now();
        let t = progress.touched;
        if t.orders {
            chars += encode(&h.orders, 1).len();
        }
        if t.payments {
            chars += encode(&h.payments, 1).len();
        }
        if t.provider {
            chars += encode(&h.provider, 1).len();
        }
        if t.inbox {
            chars += encode(&h.inbox, 1).len();
        }
        encode_ms += ms(started);
        at = stop;
    }
    eprintln!("{n} orders, a year in weekly stops: {events} events; copy {copy_ms:.0} ms, engine {run_ms:.0} ms, encode {encode_ms:.0} ms, {chars} chars");
}

/// What one move of a year over the history writes, as the clock bar commits it (one commit
/// for the whole move): each touched aggregate's characters, as the app stores it now (the
/// large ones in pages, `storage::pages`). A measurement, not an assertion.
#[test]
#[ignore = "a measurement: run by hand with --release --nocapture"]
fn history_clock_year_writes() {
    use bnpl_market::storage::journal::commit;
    use bnpl_market::storage::tab_copy::TabCopy;
    use bnpl_market::storage::MemoryStore;
    use chrono::Duration;

    fn stored<A: Aggregate>(store: &MemoryStore, value: &A) -> TabCopy<A> {
        let (_, mut copy, _) = TabCopy::<A>::load(store, 1);
        commit(store, &copy.staged(store, value).unwrap()).unwrap();
        let mut held = value.clone();
        copy.committed(&mut held, value.clone(), true, &mut Vec::new());
        copy
    }
    fn written<A: Aggregate>(store: &MemoryStore, copy: &mut TabCopy<A>, value: &A) -> usize {
        let started = Instant::now();
        let writes = copy.staged(store, value).unwrap();
        let staged_ms = ms(started);
        let chars: usize = writes.iter().map(|w| w.key.len() + w.value.len()).sum();
        eprintln!(
            "{:>9}: {:>8} chars in {} setItems, staged in {staged_ms:.1} ms",
            A::NAME,
            chars,
            writes.len()
        );
        chars
    }

    let n = std::env::var("N").map_or(2000, |n| n.parse().unwrap());
    let mut h = history(n);
    let store = MemoryStore::default();
    let mut orders = stored(&store, &h.orders);
    let mut payments = stored(&store, &h.payments);
    let mut provider = stored(&store, &h.provider);
    let mut inbox = stored(&store, &h.inbox);
    let from = monday();
    let progress = futures::executor::block_on(bnpl_market::app::time::advance(
        h.world(),
        from,
        from + Duration::days(365),
    ));
    let t = progress.touched;
    eprintln!("{n} orders, a year in one move: {} events", progress.events);
    let mut total = 0;
    if t.orders {
        total += written(&store, &mut orders, &h.orders);
    }
    if t.payments {
        total += written(&store, &mut payments, &h.payments);
    }
    if t.provider {
        total += written(&store, &mut provider, &h.provider);
    }
    if t.inbox {
        total += written(&store, &mut inbox, &h.inbox);
    }
    eprintln!("{:>9}: {total:>8} chars", "total");
}
