import pytest
import time_machine

from tests.conftest import make_home_page
from tests.portal.conftest import make_user
from tests.shared_data import data_for_the_module

from . import dataset


@pytest.fixture
def on_the_day():
    with time_machine.travel(dataset.NOW, tick=False):
        yield dataset.TODAY


@pytest.fixture(scope="module")
def data_set(django_db_setup, django_db_blocker):
    """The data set, built once for the module's tests (tests/shared_data.py): they only
    read it."""

    def build():
        with time_machine.travel(dataset.NOW, tick=False):
            return dataset.build(make_home_page())

    with data_for_the_module(django_db_blocker, build) as made:
        yield made


@pytest.fixture
def data(data_set, db, on_the_day):
    return data_set


@pytest.fixture
def officer(db):
    from catalog import roles

    return make_user("canbo-baocao", roles.OFFICER_GROUP)
