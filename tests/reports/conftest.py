import pytest
import time_machine

from tests.portal.conftest import make_user

from . import dataset


@pytest.fixture
def on_the_day():
    with time_machine.travel(dataset.NOW, tick=False):
        yield dataset.TODAY


@pytest.fixture
def data(home_page, on_the_day):
    return dataset.build(home_page)


@pytest.fixture
def officer(db):
    from catalog import roles

    return make_user("canbo-baocao", roles.OFFICER_GROUP)
