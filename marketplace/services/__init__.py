"""Business operations of the marketplace, one module per operation:

- ``cart``: what may go into the session cart; ``cart_view``: the cart as shown;
- ``sale_checks``: why a line cannot be bought now (cart and checkout alike);
- ``pricing``: the one pricing rule;
- ``delivery``: delivery fees per producer;
- ``inventory``: stock, under row locks, with its movement log;
- ``checkout``: the cart becomes an order;
- ``orders``: status changes, cancellation, look-ups;
- ``payments``: which payment methods are on.
"""

from .cart import (  # noqa: F401  (the cart's names are used as ``services.X``)
    CART_SESSION_KEY,
    CartError,
    NotEnoughStock,
    UnknownLine,
    add_seats_to_cart,
    add_to_cart,
    read_cart,
    remove_from_cart,
    remove_line,
    remove_seats_from_cart,
    update_cart_line,
    update_line,
)
from .cart_view import view_cart  # noqa: F401
