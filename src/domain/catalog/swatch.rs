//! The colour a colour name shows as: the product picture takes the chosen colour's swatch,
//! so choosing "Navy" turns the picture navy.

use super::{AxisKind, Picture, Product, Selection, VariantId};

/// Every colour name the catalog uses, with the CSS colour it is drawn in.
const SWATCHES: &[(&str, &str)] = &[
    ("All black", "#1c1c1c"),
    ("Black", "#222222"),
    ("Blue", "#2f5fb3"),
    ("Blush", "#e8b4b8"),
    ("Chalk", "#ece9e2"),
    ("Charcoal", "#3b3d40"),
    ("Cherry", "#9b1b30"),
    ("Clear", "#dce9ef"),
    ("Coral", "#f0795b"),
    ("Cream", "#f3e9d2"),
    ("Ember", "#c9462c"),
    ("Forest", "#2f5a3a"),
    ("Glacier", "#b9d7e3"),
    ("Granite", "#6b6b6b"),
    ("Graphite", "#45474b"),
    ("Green", "#3c8d4f"),
    ("Grey", "#8c8c8c"),
    ("Heather grey", "#a7a5a1"),
    ("Honey", "#d9a441"),
    ("Ink", "#1f2a44"),
    ("Lagoon", "#2a8c93"),
    ("Midnight", "#1b2340"),
    ("Mint", "#a8dcc3"),
    ("Mustard", "#d1a82b"),
    ("Natural", "#e6dccb"),
    ("Navy", "#1f2f57"),
    ("Oat", "#dccfb6"),
    ("Oatmeal", "#d8ccb4"),
    ("Olive", "#6b7035"),
    ("Purple", "#6a3d9a"),
    ("Red", "#c0392b"),
    ("Red/White", "#d64541"),
    ("Rose", "#e38ca5"),
    ("Rust", "#a8502a"),
    ("Sage", "#9caf88"),
    ("Sky", "#8ec5ea"),
    ("Slate", "#5a6775"),
    ("Smoke", "#9a9a98"),
    ("Speckled white", "#f1eee8"),
    ("Stone", "#b7aea1"),
    ("Sunflower", "#f2c230"),
    ("Sunset", "#ef8a4c"),
    ("Teal", "#1f8a8a"),
    ("Teal glaze", "#2c9c97"),
    ("Terracotta", "#c4643d"),
    ("Volt", "#c8e639"),
    ("White", "#f7f7f5"),
];

impl Product {
    /// The product's picture in the colour `selection` has chosen, when it has one.
    pub fn picture_for(&self, selection: &Selection) -> Picture {
        let chosen = self
            .axes
            .iter()
            .position(|a| a.kind == AxisKind::Colour)
            .and_then(|axis| selection.get(axis))
            .and_then(swatch);
        Picture {
            primary: chosen.unwrap_or(self.picture.primary),
            ..self.picture
        }
    }

    /// The picture of one variant, as the cart and the order show it.
    pub fn picture_of_variant(&self, id: &VariantId) -> Picture {
        self.variant(id).map_or(self.picture, |v| {
            self.picture_for(&Selection::of_variant(v))
        })
    }
}

/// The CSS colour of `name`, or `None` for a name the shop has no swatch for.
pub fn swatch(name: &str) -> Option<&'static str> {
    SWATCHES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, css)| *css)
}

#[cfg(test)]
mod tests {
    use super::swatch;
    use crate::domain::catalog::{AxisKind, Selection, VariantId};
    use crate::domain::demo_catalog::demo_catalog;

    #[test]
    fn every_colour_in_the_catalog_has_a_swatch() {
        let catalog = demo_catalog();
        for product in catalog.products() {
            for axis in product.axes.iter().filter(|a| a.kind == AxisKind::Colour) {
                for value in &axis.values {
                    assert!(
                        swatch(value).is_some(),
                        "{} has no swatch for {value}",
                        product.name
                    );
                }
            }
        }
        assert_eq!(swatch("Navy"), Some("#1f2f57"));
        let coloured = catalog
            .products()
            .iter()
            .find(|p| p.axes.first().is_some_and(|a| a.kind == AxisKind::Colour))
            .unwrap();
        let value = coloured.axes[0].values[0].clone();
        let chosen = Selection::empty(coloured).with(0, value.clone());
        assert_eq!(
            coloured.picture_for(&chosen).primary,
            swatch(&value).unwrap()
        );
        assert_eq!(
            coloured.picture_for(&Selection::empty(coloured)),
            coloured.picture
        );
        let variant = coloured
            .variants
            .iter()
            .find(|v| v.values[0] == value)
            .unwrap();
        assert_eq!(
            coloured.picture_of_variant(&variant.id).primary,
            swatch(&value).unwrap()
        );
        assert_eq!(
            coloured.picture_of_variant(&VariantId::new("no-such-variant")),
            coloured.picture
        );
        assert_eq!(swatch("Plaid"), None);
    }
}
