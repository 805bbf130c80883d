//! Waiting without blocking the page: the simulated provider latency, and a turn for the
//! browser to paint between the steps of a long clock move.

/// Resolves after `ms` milliseconds (a `setTimeout` behind a promise).
pub async fn sleep_ms(ms: u32) {
    if ms == 0 {
        return;
    }
    timeout(ms).await;
}

/// Lets the browser paint and handle input before the caller goes on.
pub async fn yield_to_browser() {
    timeout(0).await;
}

async fn timeout(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
