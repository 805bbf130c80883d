//! The payment provider the shop talks to, chosen here and nowhere else: the simulated
//! Klarna, whose state the browser keeps like any other aggregate. The UI and the flows
//! name only [`ShopProvider`] and the `PaymentProvider` trait, so a client for the real API
//! would replace this module, not the pages.

use crate::klarna::{MockKlarna, SimulationSettings};

pub type ShopProvider = MockKlarna;

/// Runs `calls` with the provider set up as the simulation panel says (the fault to inject
/// into the next calls, the personas' purchase limits), and keeps what the calls used up (a
/// fault is injected into a set number of calls). Returns whether the settings changed.
pub async fn with_simulation<R>(
    provider: &mut ShopProvider,
    settings: &mut SimulationSettings,
    calls: impl AsyncFnOnce(&mut ShopProvider) -> R,
) -> (R, bool) {
    std::mem::swap(&mut provider.simulation, settings);
    let before = provider.simulation.clone();
    let result = calls(provider).await;
    let used = provider.simulation != before;
    std::mem::swap(&mut provider.simulation, settings);
    (result, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::klarna::{ErrorCode, Fault, PaymentProvider};
    use chrono::{TimeZone, Utc};
    use futures::executor::block_on;

    #[test]
    fn the_settings_reach_the_calls_and_what_they_use_up_is_kept() {
        let mut provider = ShopProvider::new(1);
        let mut settings = SimulationSettings::default();
        settings.inject_fault(Fault::Error, 1);
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
        let (result, used) = block_on(with_simulation(&mut provider, &mut settings, async |p| {
            p.cancel("kl_ord_missing", "shop-1/cancel", now).await
        }));
        assert_eq!(result.unwrap_err().code(), ErrorCode::InternalError);
        assert!(used, "the one faulted call used the fault up");
        assert_eq!(settings.pending_fault(), Fault::None);
        assert_eq!(provider.simulation, SimulationSettings::default());
        let (result, used) = block_on(with_simulation(&mut provider, &mut settings, async |p| {
            p.cancel("kl_ord_missing", "shop-1/cancel", now).await
        }));
        assert_eq!(result.unwrap_err().code(), ErrorCode::NotFound);
        assert!(!used);
    }
}
