"""Photos: a producer's user chooses among its own producer's uploads, never another's."""

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def upload(title, user):
    return get_image_model().objects.create(
        title=title,
        file=get_test_image_file(),
        collection=Collection.get_first_root_node(),
        uploaded_by_user=user,
    )


@pytest.fixture
def photos(users):
    return {
        "vi_khe": upload("Ảnh cây cảnh Vĩ Khê", users["vi_khe"]),
        "hai_toan": upload("Ảnh gạo Hải Toàn", users["hai_toan"]),
        "officer": upload("Ảnh hội chợ", users["officer"]),
    }


def chooser_titles(client, user, query=None):
    """The titles of the photos the image chooser offers ``user`` (its HTML is in JSON)."""
    client.force_login(user)
    params = {"q": query} if query else {}
    response = client.get(reverse("wagtailimages_chooser:choose"), params)
    assert response.status_code == 200
    is_json = response["Content-Type"].startswith("application/json")
    html = response.json()["html"] if is_json else response.content.decode()
    return {image.title for image in get_image_model().objects.all() if image.title in html}


def test_a_producer_chooses_only_its_own_producers_photos(client, users, photos):
    assert chooser_titles(client, users["vi_khe"]) == {"Ảnh cây cảnh Vĩ Khê"}
    assert chooser_titles(client, users["hai_toan"]) == {"Ảnh gạo Hải Toàn"}


def test_searching_the_chooser_does_not_reach_other_producers_photos(client, users, photos):
    assert chooser_titles(client, users["vi_khe"], query="Ảnh") == {"Ảnh cây cảnh Vĩ Khê"}


def test_officers_choose_among_every_photo(client, users, photos):
    assert len(chooser_titles(client, users["officer"])) == 3
