from .inventory import Inventory, MovementReason, StockMovement
from .orders import (
    LineKind,
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    PaymentProblem,
    PaymentStatus,
    SubOrder,
    SubOrderStatus,
)
from .payments import (
    CURRENCY,
    Payment,
    PaymentState,
    Refund,
    RefundReason,
    RefundState,
    WebhookEvent,
)
from .payouts import AppendOnlyError, EntryKind, PayoutEntry
from .settings import DeliverySettings, ProducerDelivery

__all__ = [
    "CURRENCY",
    "AppendOnlyError",
    "DeliverySettings",
    "EntryKind",
    "Inventory",
    "LineKind",
    "MovementReason",
    "Order",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentMethod",
    "PaymentProblem",
    "PaymentState",
    "PaymentStatus",
    "PayoutEntry",
    "ProducerDelivery",
    "Refund",
    "RefundReason",
    "RefundState",
    "StockMovement",
    "SubOrder",
    "SubOrderStatus",
    "WebhookEvent",
]
