//! The shape of one row of the demo tables: plain `'static` data, turned into a `Product`
//! by `build_product`, so the tables read like a spreadsheet.

pub(super) use crate::domain::catalog::AxisKind::{Colour, Material, Size};
pub(super) use crate::domain::catalog::Category;
pub(super) use crate::domain::catalog::PictureShape;
use crate::domain::catalog::{AxisKind, PictureShape as Shape};

/// Which set of delivery options a product ships with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shipping {
    /// Standard free, Premium and Choice paid: the usual cross-border parcel.
    Parcel,
    /// Small items: Standard free or Choice for a little.
    Light,
    /// Furniture-sized: no free option.
    Bulky,
    /// Ships from a warehouse in the shopper's country: fast, Standard free.
    Domestic,
}

pub(super) struct Row {
    pub slug: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub seller: &'static str,
    pub usd: i64,
    pub gbp: i64,
    /// Tenths of a star: 46 is 4.6.
    pub rating: u8,
    pub ratings: u32,
    pub sold: u32,
    pub ship: Shipping,
    pub picture: (Shape, &'static str, &'static str, u8),
    pub description: &'static str,
    pub axes: &'static [(AxisKind, &'static [&'static str])],
    pub specs: &'static [(&'static str, &'static str)],
    pub reviews: &'static [(&'static str, u8, &'static str)],
}
