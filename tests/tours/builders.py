"""Builders for tours test data: real pages and rows, plain functions."""

import itertools
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from tests.factories import make_producer
from tours.models import CraftVillageIndexPage, CraftVillagePage, Departure, TourIndexPage, TourPage

BAT_TRANG_WARD = 583
HA_NOI = 1

_counter = itertools.count(1)


def village_index(home_page):
    index = CraftVillageIndexPage.objects.first()
    if index is None:
        index = home_page.add_child(
            instance=CraftVillageIndexPage(title="Làng nghề", slug="lang-nghe")
        )
    return index


def tour_index(home_page):
    index = TourIndexPage.objects.first()
    if index is None:
        index = home_page.add_child(instance=TourIndexPage(title="Tour làng nghề", slug="tour"))
    return index


def make_village(home_page, **fields):
    number = next(_counter)
    page = CraftVillagePage(
        title=fields.pop("title", f"Làng nghề {number}"),
        slug=fields.pop("slug", f"lang-{number}"),
        craft=fields.pop("craft", "Gốm sứ"),
        province_code=fields.pop("province_code", HA_NOI),
        ward_code=fields.pop("ward_code", BAT_TRANG_WARD),
        **fields,
    )
    village_index(home_page).add_child(instance=page)
    return page


def make_tour(home_page, villages=(), operator=None, **fields):
    number = next(_counter)
    page = TourPage(
        title=fields.pop("title", f"Tour thử nghiệm {number}"),
        slug=fields.pop("slug", f"tour-{number}"),
        operator=operator or make_producer(legal_form="cooperative"),
        duration_minutes=fields.pop("duration_minutes", 240),
        meeting_point=fields.pop("meeting_point", "Cổng chợ gốm"),
        price_adult=fields.pop("price_adult", 350_000),
        price_child=fields.pop("price_child", 200_000),
        max_group_size=fields.pop("max_group_size", 10),
        languages=fields.pop("languages", ["vi", "en"]),
        **fields,
    )
    tour_index(home_page).add_child(instance=page)
    for village in villages:
        page.villages.add(village)
    page.save()
    return page


def make_departure(tour, starts_at=None, capacity=10, **fields):
    return Departure.objects.create(
        tour=tour,
        starts_at=starts_at or timezone.now() + timedelta(days=7),
        capacity=capacity,
        **fields,
    )


def utc(*args):
    return datetime(*args, tzinfo=UTC)
