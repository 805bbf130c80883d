#[cfg(target_arch = "wasm32")]
fn main() {
    bnpl_market::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "bnpl-market runs in the browser: `make serve` builds it and serves it on 127.0.0.1:8080."
    );
}
