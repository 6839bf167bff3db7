from .inventory import Inventory, MovementReason, StockMovement
from .orders import (
    LineKind,
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
    SubOrder,
    SubOrderStatus,
)
from .settings import DeliverySettings, ProducerDelivery

__all__ = [
    "DeliverySettings",
    "Inventory",
    "LineKind",
    "MovementReason",
    "Order",
    "OrderLine",
    "OrderStatus",
    "PaymentMethod",
    "PaymentStatus",
    "ProducerDelivery",
    "StockMovement",
    "SubOrder",
    "SubOrderStatus",
]
