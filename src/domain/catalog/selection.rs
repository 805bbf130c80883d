//! Variant choices: which combinations exist, which are in stock, and why a value is greyed
//! out given the shopper's other choices.

use super::product::Product;
use super::variant::{AxisKind, Variant};

/// The shopper's picks so far, one slot per axis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    values: Vec<Option<String>>,
}

impl Selection {
    pub fn empty(product: &Product) -> Selection {
        Selection {
            values: vec![None; product.axes.len()],
        }
    }

    pub fn of_variant(variant: &Variant) -> Selection {
        Selection {
            values: variant.values.iter().cloned().map(Some).collect(),
        }
    }

    pub fn get(&self, axis: usize) -> Option<&str> {
        self.values.get(axis).and_then(|v| v.as_deref())
    }

    pub fn with(mut self, axis: usize, value: impl Into<String>) -> Selection {
        if axis >= self.values.len() {
            self.values.resize(axis + 1, None);
        }
        self.values[axis] = Some(value.into());
        self
    }

    pub fn without(mut self, axis: usize) -> Selection {
        if let Some(slot) = self.values.get_mut(axis) {
            *slot = None;
        }
        self
    }

    fn matches(&self, variant: &Variant) -> bool {
        self.values
            .iter()
            .zip(variant.values.iter())
            .all(|(chosen, value)| chosen.as_ref().is_none_or(|c| c == value))
    }

    fn chosen_label(&self) -> String {
        self.values
            .iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VariantAvailability<'p> {
    /// Some axes still need a choice; the add-to-cart button waits for them.
    Incomplete {
        missing: Vec<AxisKind>,
    },
    /// The seller does not make this combination at all.
    NotOffered {
        reason: String,
    },
    SoldOut {
        variant: &'p Variant,
        reason: String,
    },
    InStock {
        variant: &'p Variant,
        stock: u32,
    },
}

/// One button of an axis picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AxisValueState {
    pub value: String,
    pub selected: bool,
    pub available: bool,
    /// Why the button is disabled, e.g. "Sold out in Red / XL".
    pub reason: Option<String>,
    /// The same in a word or two, for the choice itself: "sold out", "not made".
    pub short_reason: Option<&'static str>,
}

impl Product {
    pub fn availability(&self, selection: &Selection) -> VariantAvailability<'_> {
        let missing: Vec<_> = self
            .axes
            .iter()
            .enumerate()
            .filter(|(i, _)| selection.get(*i).is_none())
            .map(|(_, axis)| axis.kind)
            .collect();
        if !missing.is_empty() {
            return VariantAvailability::Incomplete { missing };
        }
        match self.variants.iter().find(|v| selection.matches(v)) {
            None => VariantAvailability::NotOffered {
                reason: format!("Not available in {}", selection.chosen_label()),
            },
            Some(variant) if !variant.in_stock() => VariantAvailability::SoldOut {
                variant,
                reason: sold_out_reason(&selection.chosen_label()),
            },
            Some(variant) => VariantAvailability::InStock {
                variant,
                stock: variant.stock,
            },
        }
    }

    /// A value is available when some in-stock variant has it together with the other axes'
    /// current picks; axes not yet picked match anything, so nothing is ruled out early.
    pub fn axis_value_states(&self, axis: usize, selection: &Selection) -> Vec<AxisValueState> {
        let Some(axis_def) = self.axes.get(axis) else {
            return Vec::new();
        };
        axis_def
            .values
            .iter()
            .map(|value| {
                let candidate = selection.clone().with(axis, value.clone());
                let matching: Vec<&Variant> = self
                    .variants
                    .iter()
                    .filter(|v| candidate.matches(v))
                    .collect();
                let exists = !matching.is_empty();
                let available = matching.iter().any(|v| v.in_stock());
                let reason = match (exists, available) {
                    (_, true) => None,
                    (true, false) => Some(sold_out_reason(&candidate.chosen_label())),
                    (false, _) => Some(format!("Not available in {}", candidate.chosen_label())),
                };
                let short_reason = match (exists, available) {
                    (_, true) => None,
                    (true, false) => Some("sold out"),
                    (false, _) => Some("not made"),
                };
                AxisValueState {
                    value: value.clone(),
                    selected: selection.get(axis) == Some(value.as_str()),
                    available,
                    reason,
                    short_reason,
                }
            })
            .collect()
    }

    /// Where the product page starts: the first variant in stock, else the first one.
    pub fn initial_selection(&self) -> Selection {
        self.variants
            .iter()
            .find(|v| v.in_stock())
            .or(self.variants.first())
            .map(Selection::of_variant)
            .unwrap_or_default()
    }
}

fn sold_out_reason(label: &str) -> String {
    if label.is_empty() {
        "Sold out".to_string()
    } else {
        format!("Sold out in {label}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    /// Red and Blue in M and XL; Red/XL sold out; Blue/M never made.
    fn tee() -> Product {
        let variant = |id: &str, colour: &str, size: &str, stock| Variant {
            id: VariantId::new(id),
            values: [colour.into(), size.into()].into(),
            stock,
        };
        Product {
            id: ProductId::new("tee"),
            name: "Tee".into(),
            category: Category::Fashion,
            description: String::new(),
            price: MarketPrice::from_minor(1000, 800),
            axes: vec![
                VariantAxis {
                    kind: AxisKind::Colour,
                    values: vec!["Red".into(), "Blue".into()],
                },
                VariantAxis {
                    kind: AxisKind::Size,
                    values: vec!["M".into(), "XL".into()],
                },
            ]
            .into(),
            variants: vec![
                variant("red-m", "Red", "M", 3),
                variant("red-xl", "Red", "XL", 0),
                variant("blue-xl", "Blue", "XL", 5),
            ],
            specifications: vec![],
            delivery_options: [].into(),
            rating: rust_decimal::Decimal::ONE,
            rating_count: 0,
            reviews: vec![],
            sold: 0,
            seller_id: SellerId::new("s"),
            picture: Picture {
                shape: PictureShape::Shirt,
                primary: "#aa0000",
                accent: "#ffffff",
                pattern: 0,
            },
        }
    }

    #[test]
    fn complete_selection_resolves_to_stock() {
        let p = tee();
        let red_m = Selection::empty(&p).with(0, "Red").with(1, "M");
        assert!(matches!(
            p.availability(&red_m),
            VariantAvailability::InStock { stock: 3, .. }
        ));
        let red_xl = Selection::empty(&p).with(0, "Red").with(1, "XL");
        assert_eq!(
            p.availability(&red_xl),
            VariantAvailability::SoldOut {
                variant: &p.variants[1],
                reason: "Sold out in Red / XL".into()
            }
        );
        let blue_m = Selection::empty(&p).with(0, "Blue").with(1, "M");
        assert_eq!(
            p.availability(&blue_m),
            VariantAvailability::NotOffered {
                reason: "Not available in Blue / M".into()
            }
        );
        assert_eq!(
            p.availability(&Selection::empty(&p).with(1, "M")),
            VariantAvailability::Incomplete {
                missing: vec![AxisKind::Colour]
            }
        );
    }

    #[test]
    fn axis_states_depend_on_other_choices() {
        let p = tee();
        let sizes_for_red = p.axis_value_states(1, &Selection::empty(&p).with(0, "Red"));
        assert!(sizes_for_red[0].available);
        assert!(!sizes_for_red[1].available);
        assert_eq!(
            sizes_for_red[1].reason.as_deref(),
            Some("Sold out in Red / XL")
        );
        let sizes_for_blue = p.axis_value_states(1, &Selection::empty(&p).with(0, "Blue"));
        assert_eq!(
            sizes_for_blue[0].reason.as_deref(),
            Some("Not available in Blue / M")
        );
        assert_eq!(sizes_for_blue[0].short_reason, Some("not made"));
        assert_eq!(sizes_for_red[1].short_reason, Some("sold out"));
        assert_eq!(sizes_for_red[0].short_reason, None);
        assert!(sizes_for_blue[1].available);
        // With no colour picked, XL is still buyable (in Blue), so it stays enabled.
        let sizes_any = p.axis_value_states(1, &Selection::empty(&p));
        assert!(sizes_any.iter().all(|s| s.available));
        // Picking XL greys out Red, and the reason names the full combination.
        let colours_for_xl = p.axis_value_states(0, &Selection::empty(&p).with(1, "XL"));
        assert_eq!(
            colours_for_xl[0].reason.as_deref(),
            Some("Sold out in Red / XL")
        );
        assert!(colours_for_xl[1].available);
    }

    #[test]
    fn initial_selection_skips_sold_out_variants() {
        let mut p = tee();
        p.variants[0].stock = 0;
        assert_eq!(p.initial_selection().get(0), Some("Blue"));
        assert!(p.axis_value_states(7, &Selection::empty(&p)).is_empty());
    }
}
