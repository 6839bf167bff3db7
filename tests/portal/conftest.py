"""The producer portal: two producers with products (Hải Toàn, Vĩ Khê; Vĩ Khê also runs a
tour), and one user per role, each in the group the migration made."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from catalog import roles
from tests.marketplace.builders import build_market


@pytest.fixture
def market(home_page):
    return build_market(home_page)


def make_user(username, group_name=None, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.vn", "mat-khau-thu-2026", **fields
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def users(market):
    return make_users(market)


def make_users(market):
    """One user per role; the producer users are Vĩ Khê's and Hải Toàn's."""
    vi_khe = make_user("vikhe", roles.PRODUCER_GROUP)
    market["vi_khe"].users.add(vi_khe)
    hai_toan = make_user("haitoan", roles.PRODUCER_GROUP)
    market["hai_toan"].users.add(hai_toan)
    return {
        "superuser": make_user("admin", is_superuser=True, is_staff=True),
        "officer": make_user("canbo", roles.OFFICER_GROUP),
        "editor": make_user("bientap", roles.EDITOR_GROUP),
        "vi_khe": vi_khe,
        "hai_toan": hai_toan,
    }
