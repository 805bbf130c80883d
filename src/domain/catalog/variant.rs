//! A product's variants: the axes a shopper chooses along and the combinations the seller
//! makes, each with its stock. Choosing among them is in `selection.rs`.

use std::sync::Arc;

use super::ids::VariantId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AxisKind {
    Size,
    Colour,
    Material,
}

impl AxisKind {
    pub fn label(self) -> &'static str {
        match self {
            AxisKind::Size => "Size",
            AxisKind::Colour => "Colour",
            AxisKind::Material => "Material",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantAxis {
    pub kind: AxisKind,
    pub values: Vec<String>,
}

/// One buyable combination. `values` follows the product's axis order; products made in the
/// same choices share them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub id: VariantId,
    pub values: Arc<[String]>,
    pub stock: u32,
}

impl Variant {
    /// "Red / XL", or "" for a product without choices.
    pub fn label(&self) -> String {
        self.values.join(" / ")
    }

    pub fn in_stock(&self) -> bool {
        self.stock > 0
    }
}
