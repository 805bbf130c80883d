//! Layouts older versions saved that today's aggregates no longer read, carried over once at
//! start-up so nothing a shopper set is lost by an upgrade.

use serde::Deserialize;

use super::envelope::{encode, open, storage_key};
use super::json_tree::from_tree;
use super::store::{KeyValueStore, StoreError};
use crate::klarna::{MockKlarna, SimulationSettings};

/// The provider's schema that still held the simulation settings.
const PROVIDER_SCHEMA_WITH_SETTINGS: u32 = 1;

/// A stored envelope's schema, its data skipped.
#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
}

/// Copies the simulation settings older versions saved inside the provider's state to
/// their own key, when that key does not exist yet; the provider's migration then drops
/// them from its own value. Returns whether settings were copied. A provider value that
/// cannot be read is left to the provider's own load, which moves it aside and says so.
pub fn carry_simulation_settings_over(store: &dyn KeyValueStore) -> Result<bool, StoreError> {
    if store.get(&storage_key::<SimulationSettings>())?.is_some() {
        return Ok(false);
    }
    let Some(raw) = store.get(&storage_key::<MockKlarna>())? else {
        return Ok(false);
    };
    // Only the schema is read first: unpacking a long history's provider at every start to
    // find it is not schema 1 cost a tenth of a second.
    let schema = serde_json::from_slice::<SchemaOnly>(raw.as_bytes()).map(|s| s.schema);
    if schema.is_ok_and(|schema| schema != PROVIDER_SCHEMA_WITH_SETTINGS) {
        return Ok(false);
    }
    let Ok(opened) = open(&raw) else {
        return Ok(false);
    };
    if opened.schema != PROVIDER_SCHEMA_WITH_SETTINGS {
        return Ok(false);
    }
    let Some(Ok(settings)) = opened
        .data
        .get("simulation")
        .map(from_tree::<SimulationSettings>)
    else {
        return Ok(false);
    };
    store.set(&storage_key::<SimulationSettings>(), &encode(&settings, 1))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::klarna::Fault;
    use crate::storage::{load, MemoryStore};

    const OLD_PROVIDER: &str = r#"{"schema":1,"rev":3,"data":{"seed":0,"last_id":2,"simulation":{"latency_ms":900,"default_persona":{"purchase_limit":5000,"card_behaviour":"declines"},"personas":{},"fault":"timeout","fault_calls_remaining":1}}}"#;

    #[test]
    fn settings_saved_inside_the_provider_move_to_their_own_key_once() {
        let store = MemoryStore::default();
        store.set("bnpl.klarna", OLD_PROVIDER).unwrap();
        assert_eq!(carry_simulation_settings_over(&store), Ok(true));
        let settings = load::<SimulationSettings>(&store);
        assert_eq!(settings.problem, None);
        assert_eq!(settings.value.latency_ms, 900);
        assert_eq!(settings.value.default_persona.purchase_limit, Some(5000));
        assert_eq!(settings.value.pending_fault(), Fault::Timeout);
        // The provider's own state still loads, migrated, without the settings.
        let provider = load::<MockKlarna>(&store);
        assert_eq!(provider.problem, None);
        assert_eq!(provider.rev, 3);
        // Settings changed since are never overwritten by the old copy.
        store
            .set(
                "bnpl.simulation",
                &encode(&SimulationSettings::default(), 2),
            )
            .unwrap();
        assert_eq!(carry_simulation_settings_over(&store), Ok(false));
        assert_eq!(
            load::<SimulationSettings>(&store).value,
            SimulationSettings::default()
        );
    }

    #[test]
    fn nothing_to_carry_over_changes_nothing() {
        let store = MemoryStore::default();
        assert_eq!(carry_simulation_settings_over(&store), Ok(false));
        store.set("bnpl.klarna", "not json").unwrap();
        assert_eq!(carry_simulation_settings_over(&store), Ok(false));
        assert_eq!(store.get("bnpl.simulation"), Ok(None));
        assert_eq!(store.get("bnpl.klarna"), Ok(Some("not json".into())));
    }
}
