//! Waiting without blocking the page: the simulated provider latency, a turn for the
//! browser to paint between the steps of a long clock move, and a head start with a limit.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;

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

/// Waits for `work`, but no longer than `ms` milliseconds: past that the caller goes on, and
/// `work` is dropped. Give it a [`spawned`] task to leave the work running.
pub async fn at_most(ms: u32, work: impl Future<Output = ()>) {
    let mut work = pin!(work);
    let mut deadline = pin!(sleep_ms(ms));
    poll_fn(|cx| {
        if work.as_mut().poll(cx).is_ready() || deadline.as_mut().poll(cx).is_ready() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
}

/// Runs `work` in a task of its own, and gives a future that ends when it does: dropping that
/// future stops the waiting, not the work.
pub fn spawned(work: impl Future<Output = ()> + 'static) -> impl Future<Output = ()> {
    let promise = wasm_bindgen_futures::future_to_promise(async move {
        work.await;
        Ok(wasm_bindgen::JsValue::UNDEFINED)
    });
    async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
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
