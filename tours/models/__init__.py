from .departures import (
    Booking,
    BookingStatus,
    Departure,
    DepartureStatus,
    HoldStatus,
    PaymentMethod,
    SeatHold,
)
from .pages import (
    OPERATOR_LEGAL_FORMS,
    TOUR_LANGUAGES,
    CraftVillageIndexPage,
    CraftVillagePage,
    TourIndexPage,
    TourPage,
    TourProduct,
    VillageImage,
    VillageProductPick,
)

__all__ = [
    "OPERATOR_LEGAL_FORMS",
    "TOUR_LANGUAGES",
    "Booking",
    "BookingStatus",
    "CraftVillageIndexPage",
    "CraftVillagePage",
    "Departure",
    "DepartureStatus",
    "HoldStatus",
    "PaymentMethod",
    "SeatHold",
    "TourIndexPage",
    "TourPage",
    "TourProduct",
    "VillageImage",
    "VillageProductPick",
]
