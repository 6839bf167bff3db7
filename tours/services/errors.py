"""Refusals of the tours rules: each has a stable ``code`` the JSON API returns."""

from django.utils.translation import gettext_lazy as _


class TourError(Exception):
    """A request the rules refuse. ``code`` is stable (the JSON API returns it)."""

    code = "invalid"
    default_message = _("Yêu cầu không hợp lệ.")

    def __init__(self, message=None, **details):
        self.message = str(message or self.default_message)
        self.details = details
        super().__init__(self.message)


class InvalidParticipants(TourError):
    code = "invalid_participants"
    default_message = _("Số khách không hợp lệ.")


class GroupTooLarge(TourError):
    code = "group_too_large"


class UnknownTour(TourError):
    code = "unknown_tour"
    default_message = _("Không có tour này.")


class UnknownDeparture(TourError):
    code = "unknown_departure"
    default_message = _("Không có lịch khởi hành này.")


class DepartureNotBookable(TourError):
    code = "departure_not_bookable"
    default_message = _("Lịch khởi hành này không nhận đặt chỗ.")


class NotEnoughSeats(TourError):
    code = "not_enough_seats"


class UnknownHold(TourError):
    code = "unknown_hold"
    default_message = _("Không tìm thấy lượt giữ chỗ này.")


class HoldExpired(TourError):
    code = "hold_expired"
    default_message = _("Thời gian giữ chỗ đã hết. Vui lòng chọn lại lịch khởi hành.")


class HoldAlreadyConfirmed(TourError):
    code = "hold_already_confirmed"
    default_message = _("Lượt giữ chỗ này đã được xác nhận.")


class TooManyHolds(TourError):
    code = "too_many_holds"


class HoldRateLimited(TourError):
    code = "hold_rate_limited"
    default_message = _(
        "Bạn đã giữ chỗ quá nhiều lần trong 24 giờ. "
        "Vui lòng thử lại sau hoặc liên hệ đơn vị tổ chức."
    )


class BookingNotFound(TourError):
    code = "booking_not_found"
    default_message = _("Không tìm thấy đặt chỗ với mã và e-mail này.")


class LookupRateLimited(TourError):
    code = "lookup_rate_limited"
    default_message = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau một giờ.")


class InvalidContact(TourError):
    code = "invalid_contact"
    default_message = _("Thông tin liên hệ chưa đủ.")


class CancellationClosed(TourError):
    code = "cancellation_closed"


class AlreadyCancelled(TourError):
    code = "already_cancelled"
    default_message = _("Đặt chỗ này đã được hủy.")


class CapacityBelowBookings(TourError):
    code = "capacity_below_bookings"


class DepartureHasVisitors(TourError):
    code = "departure_has_visitors"


class DepartureInUse(TourError):
    code = "departure_in_use"


class ToursInUse(TourError):
    code = "tours_in_use"
    default_message = _(
        "Không thể xóa: có tour ở đây đã có người đặt hoặc đang giữ chỗ. "
        "Hãy ngừng xuất bản tour thay vì xóa."
    )


class InvalidSeries(TourError):
    code = "invalid_series"


class DepartureTooFar(TourError):
    code = "departure_too_far"
