//! What the app reads from the address bar, checked: every parameter answers a bad value
//! with a sentence naming what it accepts, never by silently ignoring it.

/// The value of `name` in a query string (`?a=1&b=2`), as typed.
pub fn param<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// The largest generated catalog `?catalog=N` accepts: enough for the scale benchmark without
/// letting a typo freeze the tab.
pub const MAX_GENERATED_PRODUCTS: usize = 20_000;

/// Why `?catalog=` was not used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{typed}\" is not a catalog size: use ?catalog= a whole number from 1 to \
     {MAX_GENERATED_PRODUCTS}. The demo catalog is shown instead."
)]
pub struct CatalogSizeRefusal {
    pub typed: String,
}

/// `?catalog=N`: a generated catalog of N products, for measuring size and speed.
pub fn catalog_size(search: &str) -> Option<Result<usize, CatalogSizeRefusal>> {
    let typed = param(search, "catalog")?;
    Some(
        typed
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_GENERATED_PRODUCTS).contains(n))
            .ok_or_else(|| CatalogSizeRefusal {
                typed: typed.to_string(),
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_size_is_read_and_a_bad_one_is_refused_with_the_range() {
        assert_eq!(catalog_size("?q=lamp"), None);
        assert_eq!(catalog_size("?catalog=10000&q=x"), Some(Ok(10_000)));
        assert_eq!(catalog_size("?catalog=1"), Some(Ok(1)));
        for bad in ["-1", "abc", "0", "10000000", ""] {
            let refusal = catalog_size(&format!("?catalog={bad}"))
                .unwrap()
                .unwrap_err();
            assert_eq!(refusal.typed, bad);
            assert!(refusal.to_string().contains("1 to 20000"), "{refusal}");
        }
    }

    #[test]
    fn a_parameter_is_found_by_its_whole_name() {
        assert_eq!(param("?xcatalog=5&catalog=7", "catalog"), Some("7"));
        assert_eq!(param("catalog=7", "catalog"), Some("7"));
        assert_eq!(param("?catalogue=7", "catalog"), None);
    }
}
