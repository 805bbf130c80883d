//! A cart ready for checkout.

use bnpl_market::domain::cart::{Cart, CartLine, Quantity};
use bnpl_market::domain::catalog::{Catalog, DeliveryOptionId, ProductId};

/// A cart holding two pairs of the demo catalog's earbuds, standard delivery.
pub fn cart_with_earbuds(catalog: &Catalog) -> Cart {
    let product = catalog
        .product(&ProductId::new("aurora-wireless-earbuds"))
        .expect("the demo catalog sells the earbuds");
    let variant = product
        .variants
        .iter()
        .find(|v| v.stock >= 5)
        .expect("a variant in stock");
    let mut cart = Cart::new();
    cart.add(
        catalog,
        CartLine {
            product_id: product.id.clone(),
            variant_id: variant.id.clone(),
            quantity: Quantity::new(2).expect("2 is a valid quantity"),
            delivery_option_id: DeliveryOptionId::new("standard"),
        },
    )
    .expect("the earbuds go in the cart");
    cart
}
