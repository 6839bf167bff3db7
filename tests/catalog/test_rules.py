"""OCOP rules: star bands, 36-month validity, status at day boundaries, GTIN check digits."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from catalog import rules, services
from catalog.models import Certification, CertificationLevel, Product, ProductPage
from catalog.rules import CertificateStatus
from catalog.validators import validate_gtin
from tests.factories import make_product


@pytest.mark.parametrize(
    ("score", "stars"),
    [
        ("100", 5),
        ("90", 5),
        ("89.99", 4),
        ("70", 4),
        ("69.99", 3),
        ("50", 3),
        ("49.99", 2),
        ("30", 2),
        ("29.99", 1),
        ("0", 1),
    ],
)
def test_star_band_of_a_score(score, stars):
    assert rules.stars_for_score(Decimal(score)) == stars


@pytest.mark.parametrize("score", ["-0.01", "100.01"])
def test_score_outside_0_to_100_is_refused(score):
    with pytest.raises(ValueError):
        rules.stars_for_score(score)


@pytest.mark.django_db
@pytest.mark.parametrize(("stars", "score"), [(4, "69.5"), (3, "70"), (5, "89.99"), (3, "49")])
def test_star_not_matching_its_score_band_is_a_validation_error(stars, score):
    product = make_product(certified=False)
    with pytest.raises(ValidationError) as error:
        services.record_certification(
            product,
            stars=stars,
            score=score,
            decision_number="1/QĐ-UBND",
            decision_date=date(2025, 1, 1),
            level="province",
        )
    assert "stars" in error.value.message_dict
    assert not Certification.objects.filter(product=product).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("stars", "score"), [(3, "50"), (4, "70"), (5, "90"), (3, "69.99")])
def test_star_matching_its_band_is_recorded(stars, score):
    product = make_product(certified=False)
    services.record_certification(
        product,
        stars=stars,
        score=score,
        decision_number="1/QĐ-UBND",
        decision_date=date(2025, 1, 1),
        level="province",
    )
    product.refresh_from_db()
    assert product.current_certification.stars == stars


@pytest.mark.parametrize(
    ("decided", "last_valid_day"),
    [
        (date(2024, 7, 18), date(2027, 7, 18)),
        (date(2023, 12, 31), date(2026, 12, 31)),
        (date(2024, 2, 29), date(2027, 2, 28)),  # leap day: no 29 February in 2027
        (date(2025, 2, 28), date(2028, 2, 28)),  # not moved to the 2028 leap day
        (date(2021, 3, 31), date(2024, 3, 31)),
    ],
)
def test_valid_until_is_decision_date_plus_36_months(decided, last_valid_day):
    assert rules.valid_until(decided) == last_valid_day


@pytest.mark.django_db
def test_saved_certification_computes_valid_until():
    product = make_product(decision_date=date(2024, 2, 29))
    assert product.current_certification.valid_until == date(2027, 2, 28)


def status_and_listing_on(day, product):
    """The status of the product's certificate and whether it is listed, on ``day``.

    The sale rule has a Python form (pages, cart lines) and a SQL form (listings):
    both must give the same answer.
    """
    with time_machine.travel(day, tick=False):
        product = Product.objects.select_related("current_certification").get(pk=product.pk)
        listed = Product.objects.certified().filter(pk=product.pk).exists()
        assert product.is_certified() == listed
        return product.certificate_status(), listed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "status", "listed"),
    [
        (date(2024, 7, 17), CertificateStatus.NOT_YET_VALID, False),
        (date(2024, 7, 18), CertificateStatus.VALID, True),
        (date(2027, 1, 18), CertificateStatus.VALID, True),  # 181 days left
        (date(2027, 1, 19), CertificateStatus.RENEWAL_WINDOW, True),  # 180 days left
        (date(2027, 7, 17), CertificateStatus.RENEWAL_WINDOW, True),  # day before valid_until
        (date(2027, 7, 18), CertificateStatus.RENEWAL_WINDOW, True),  # valid through the day
        (date(2027, 7, 19), CertificateStatus.EXPIRED, False),  # the day after
    ],
)
def test_status_at_day_boundaries(day, status, listed):
    product = make_product(decision_date=date(2024, 7, 18))
    assert product.current_certification.renewal_window_opens == date(2027, 1, 19)
    assert status_and_listing_on(day, product) == (status, listed)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "status", "listed"),
    [
        (date(2027, 2, 27), CertificateStatus.RENEWAL_WINDOW, True),
        (date(2027, 2, 28), CertificateStatus.RENEWAL_WINDOW, True),
        (date(2027, 3, 1), CertificateStatus.EXPIRED, False),
    ],
)
def test_leap_day_decision_expires_after_28_february(day, status, listed):
    product = make_product(decision_date=date(2024, 2, 29))
    assert status_and_listing_on(day, product) == (status, listed)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "status"),
    [
        # 16:59 UTC on 18/07/2027 is 23:59 in Hà Nội: still the last valid day.
        (datetime(2027, 7, 18, 16, 59, tzinfo=ZoneInfo("UTC")), CertificateStatus.RENEWAL_WINDOW),
        # 17:00 UTC is midnight in Hà Nội: the certificate has expired.
        (datetime(2027, 7, 18, 17, 0, tzinfo=ZoneInfo("UTC")), CertificateStatus.EXPIRED),
    ],
)
def test_day_changes_at_midnight_in_vietnam_not_utc(moment, status):
    product = make_product(decision_date=date(2024, 7, 18))
    assert status_and_listing_on(moment, product)[0] == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "status", "listed"),
    [
        (date(2026, 5, 1), CertificateStatus.VALID, True),
        (date(2026, 5, 2), CertificateStatus.REVOKED, False),
        (date(2026, 5, 3), CertificateStatus.REVOKED, False),
    ],
)
def test_revoked_from_the_revocation_day(day, status, listed):
    product = make_product(decision_date=date(2025, 1, 15))
    services.revoke_certification(
        product.current_certification, revoked_on=date(2026, 5, 2), decision="9/QĐ", reason="x"
    )
    assert status_and_listing_on(day, product) == (status, listed)


@pytest.mark.django_db
def test_two_star_certificate_is_never_listed():
    product = make_product(stars=2, score="40", decision_date=date(2025, 1, 15))
    with time_machine.travel(date(2026, 11, 23)):
        assert product.certificate_status() == CertificateStatus.VALID
        assert not product.is_certified()
        assert not Product.objects.certified().exists()
        assert not ProductPage.objects.purchasable().exists()


@pytest.mark.django_db
def test_renewal_adds_to_history_and_becomes_current():
    product = make_product(decision_date=date(2023, 6, 1), stars=3, score="60")
    first = product.current_certification
    renewal = services.record_certification(
        product,
        stars=4,
        score="78",
        decision_number="2/QĐ-UBND",
        decision_date=date(2026, 5, 20),
        level="province",
    )
    product.refresh_from_db()
    assert product.current_certification == renewal
    first.refresh_from_db()
    assert (first.stars, first.decision_date) == (3, date(2023, 6, 1))  # untouched
    with time_machine.travel(date(2026, 11, 23)):
        assert Product.objects.certified().get() == product


VALID_GTINS = [
    "96385074",  # GTIN-8 (EAN-8)
    "036000291452",  # GTIN-12 (UPC-A)
    "4006381333931",  # GTIN-13 (EAN-13)
    "8934588012228",  # GTIN-13, Vietnamese prefix 893
    "00012345600012",  # GTIN-14
    "10614141000415",  # GTIN-14
]


@pytest.mark.parametrize("gtin", VALID_GTINS)
def test_valid_gtin_passes(gtin):
    validate_gtin(gtin)


@pytest.mark.parametrize("gtin", VALID_GTINS)
def test_gtin_with_a_wrong_check_digit_is_refused(gtin):
    wrong = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        validate_gtin(wrong)
    assert error.value.code == "gtin_check_digit"


@pytest.mark.parametrize(
    "gtin",
    [
        "1234567",
        "123456789",
        "40063813339A1",
        "4006 381333931",
        "",
        "4006381333931\n",  # a trailing newline
        "٤٠٠٦٣٨١٣٣٣٩٣١",  # 4006381333931 in Arabic-Indic digits
        "９６３８５０７４",  # 96385074 in full-width digits
        "⁹⁶³⁸⁵⁰⁷⁴",  # superscript digits: int() cannot even read them
    ],
)
def test_gtin_of_wrong_shape_is_refused(gtin):
    with pytest.raises(ValidationError) as error:
        validate_gtin(gtin)
    assert error.value.code == "gtin_format"


@pytest.mark.django_db
def test_product_page_form_validation_checks_the_gtin(home_page):
    from tests.factories import make_product_page

    page = make_product_page(home_page)
    page.gtin = "4006381333932"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "gtin" in error.value.message_dict
    page.gtin = "4006381333931"
    page.full_clean()


NOT_SELLABLE = rules.NotSellable


@pytest.mark.parametrize(
    ("stars", "status", "reason"),
    [
        (4, CertificateStatus.VALID, None),
        (3, CertificateStatus.RENEWAL_WINDOW, None),
        (2, CertificateStatus.VALID, NOT_SELLABLE.TOO_FEW_STARS),
        (5, CertificateStatus.EXPIRED, NOT_SELLABLE.EXPIRED),
        (5, CertificateStatus.REVOKED, NOT_SELLABLE.REVOKED),
        (2, CertificateStatus.REVOKED, NOT_SELLABLE.REVOKED),  # the revocation is the news
        (4, CertificateStatus.NOT_YET_VALID, NOT_SELLABLE.NOT_YET_VALID),
        (None, None, NOT_SELLABLE.UNCERTIFIED),
    ],
)
def test_why_a_product_may_not_be_sold(stars, status, reason):
    assert rules.not_sellable_reason(stars=stars, status=status) == reason


@pytest.mark.parametrize(("stars", "level"), [(5, "national"), (4, "province"), (3, "province")])
def test_five_stars_are_certified_nationally_the_rest_by_the_province(stars, level):
    assert rules.certifying_level(stars) == level
    assert rules.certifying_level(stars) in CertificationLevel.values
