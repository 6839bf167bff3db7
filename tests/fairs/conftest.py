import pytest

from catalog import roles
from tests.marketplace.builders import build_market
from tests.portal.conftest import make_user


@pytest.fixture
def market(home_page):
    return build_market(home_page)


@pytest.fixture
def users(market):
    """One user per role (as tests/portal), Hải Toàn's and Vĩ Khê's users included."""
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
