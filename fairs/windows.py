"""The one time-window rule of fairs and livestreams: boundaries included.

A campaign or a livestream runs from ``starts_at`` to ``ends_at`` inclusive: at
exactly the start it is on, at exactly the end it is still on, one instant later
it has ended. Times are stored in UTC and shown in Asia/Ho_Chi_Minh.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WindowStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Sắp diễn ra")
    LIVE = "live", _("Đang diễn ra")
    ENDED = "ended", _("Đã kết thúc")


def window_status(starts_at, ends_at, at):
    if at < starts_at:
        return WindowStatus.UPCOMING
    if at <= ends_at:
        return WindowStatus.LIVE
    return WindowStatus.ENDED


def inside(starts_at, ends_at, at):
    return starts_at <= at <= ends_at
