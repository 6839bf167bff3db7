"""The OCOP rules of docs/domain.md as plain functions: no database here.

Sources: Decision 148/QĐ-TTg (2023), 1489/QĐ-TTg (2025), 26/2026/QĐ-TTg.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_SCORE = 100
# Lowest score of each star band, best first.
STAR_BANDS = [(5, 90), (4, 70), (3, 50), (2, 30), (1, 0)]
MIN_CERTIFIED_STARS = 3
VALIDITY_MONTHS = 36
RENEWAL_WINDOW_DAYS = 180
# Reminders to the producer, in days before expiry (0 = on the day it expires).
REMINDER_DAYS = (180, 120, 30, 0)
# The national programme was approved by Decision 490/QĐ-TTg of 7 May 2018:
# no OCOP recognition decision is older.
OCOP_PROGRAMME_START = date(2018, 5, 7)


def stars_for_score(score):
    """The star band a score out of 100 falls in."""
    score = Decimal(score)
    if not 0 <= score <= MAX_SCORE:
        raise ValueError(f"score {score} is outside 0–{MAX_SCORE}")
    return next(stars for stars, lowest in STAR_BANDS if score >= lowest)


class DateProblem(NamedTuple):
    code: str
    message: str  # a lazy Vietnamese msgid with a %(date)s placeholder
    params: dict


def decision_date_problem(decided_on, today):
    """Why no OCOP decision can carry ``decided_on`` (seen on ``today``), or None.

    The one plausibility rule for decision dates: the catalogue's Certification
    validation and the registry's row validation both call it.
    """
    params = {"date": decided_on.strftime("%d/%m/%Y")}
    if decided_on > today:
        return DateProblem("future_date", _("Ngày quyết định %(date)s ở tương lai."), params)
    if decided_on < OCOP_PROGRAMME_START:
        message = _("Ngày quyết định %(date)s có trước khi Chương trình OCOP bắt đầu (2018).")
        return DateProblem("date_before_ocop", message, params)
    return None


def valid_until(decision_date):
    """Last day a certificate decided on ``decision_date`` is valid (36 months on)."""
    return decision_date + relativedelta(months=VALIDITY_MONTHS)


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Còn hiệu lực")
    RENEWAL_WINDOW = "renewal", _("Sắp hết hạn (đang đánh giá lại)")
    EXPIRED = "expired", _("Hết hiệu lực")
    REVOKED = "revoked", _("Đã thu hồi")
    NOT_YET_VALID = "pending", _("Chưa có hiệu lực")


def certificate_status(*, decision_date, valid_until, revoked_on, on):
    """Status of a certificate on the day ``on``."""
    if revoked_on is not None and revoked_on <= on:
        return CertificateStatus.REVOKED
    if on < decision_date:
        return CertificateStatus.NOT_YET_VALID
    if on > valid_until:
        return CertificateStatus.EXPIRED
    if valid_until - on <= timedelta(days=RENEWAL_WINDOW_DAYS):
        return CertificateStatus.RENEWAL_WINDOW
    return CertificateStatus.VALID


# Statuses under which a product is listed and may be sold.
SELLABLE_STATUSES = frozenset({CertificateStatus.VALID, CertificateStatus.RENEWAL_WINDOW})


class NotSellable(models.TextChoices):
    """Why a product may not be listed or sold, judged on its current certificate."""

    UNCERTIFIED = "uncertified"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "pending"
    TOO_FEW_STARS = "stars"


_NOT_SELLABLE_BY_STATUS = {
    CertificateStatus.REVOKED: NotSellable.REVOKED,
    CertificateStatus.EXPIRED: NotSellable.EXPIRED,
    CertificateStatus.NOT_YET_VALID: NotSellable.NOT_YET_VALID,
}


def not_sellable_reason(*, stars, status):
    """The one sale rule: None when the certificate allows selling, else why not.

    ``status`` is None for a product without a certificate. A revoked, expired or
    not-yet-valid certificate is the reason before its star count.
    """
    if status is None:
        return NotSellable.UNCERTIFIED
    if status not in SELLABLE_STATUSES:
        return _NOT_SELLABLE_BY_STATUS[status]
    if stars < MIN_CERTIFIED_STARS:
        return NotSellable.TOO_FEW_STARS
    return None


# Who certifies today: the ministry (national level) 5★, the province 3★ and 4★.
NATIONAL_LEVEL, PROVINCE_LEVEL = "national", "province"  # CertificationLevel's values


def certifying_level(stars):
    """The level that certifies ``stars`` today (older district certificates keep theirs)."""
    return NATIONAL_LEVEL if stars == 5 else PROVINCE_LEVEL


def renewal_window_opens(valid_until_date: date) -> date:
    return valid_until_date - timedelta(days=RENEWAL_WINDOW_DAYS)


def sale_window(*, stars, decision_date, valid_until, revoked_on):
    """(first day, last day) on which a certificate lets its product be listed and sold,
    or None: the days ``not_sellable_reason`` allows, as a range (the sale listing keeps
    it, so that expiry at midnight needs no update)."""
    if stars is None or stars < MIN_CERTIFIED_STARS:
        return None
    last = valid_until
    if revoked_on is not None:
        last = min(last, revoked_on - timedelta(days=1))
    if last < decision_date:
        return None
    return decision_date, last
