"""The cheaper renderings of hot pages give the same markup and data as Django's and
Wagtail's own: image tags with filters parsed once, prefetched renditions left out of
the cache, the filters' selects written in Python, shared data read once per request."""

import pytest
from django import forms
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from wagtail.images.models import Filter

from catalog.listing import ProductFilterForm
from cms.images import CARD_PICTURE, renditions_prefetch
from ocop import page_cache
from ocop.widgets import QuickSelect
from tests.catalog.conftest import make_image

pytestmark = pytest.mark.django_db

PICTURE = (
    '{% picture image format-{webp,jpeg} fill-{320x240,480x360} sizes="20rem" alt="Ảnh" %}'
    '{% image image fill-160x120 alt="Nhỏ" %}'
)


def render(library, **context):
    return Template("{% load " + library + " %}" + PICTURE).render(Context(context))


def test_the_image_tags_give_wagtails_markup():
    image = make_image()
    assert parse_html(render("ocop_images", image=image)) == parse_html(
        render("wagtailimages_tags", image=image)
    )


def test_a_tags_filters_are_parsed_once_however_many_images_it_shows(monkeypatch):
    images = [make_image(title=f"Ảnh {n}") for n in range(3)]
    template = Template(
        "{% load ocop_images %}{% for image in images %}{% picture image "
        'format-{webp,jpeg} fill-{320x240,480x360} alt="" %}{% endfor %}'
    )
    template.render(Context({"images": images}))  # renditions made
    made = []
    original_init = Filter.__init__

    def counting_init(self, *args, **kwargs):
        made.append(kwargs.get("spec") or args[0])
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(Filter, "__init__", counting_init)
    html = template.render(Context({"images": images}))
    assert made == []
    assert html.count("<picture>") == 3


def test_prefetched_renditions_are_not_written_back_to_the_cache():
    from wagtail.images import get_image_model

    image = make_image()
    template = Template(
        "{% load ocop_images %}{% picture image format-{webp,jpeg} "
        'fill-{320x240,480x360,960x720} alt="" %}'
    )
    first = template.render(Context({"image": image}))  # renditions made (and cached)
    cache.clear()
    loaded = (
        get_image_model()
        .objects.filter(pk=image.pk)
        .prefetch_related(renditions_prefetch("renditions", CARD_PICTURE))
        .get()
    )
    assert template.render(Context({"image": loaded})) == first
    assert not [key for key in cache._cache if "rendition" in key]


def test_the_filter_selects_give_djangos_markup():
    form = ProductFilterForm({"province": "22", "product_set": "3", "sort": "price", "stars": "9"})
    form.filters  # noqa: B018 - validates, flags the field in error
    selects = [name for name, field in form.fields.items() if isinstance(field.widget, QuickSelect)]
    assert selects == ["category", "product_set", "stars", "province", "sort"]
    for name in selects:
        bound = form[name]
        attrs = bound.build_widget_attrs({"id": bound.auto_id})
        django_html = forms.Select.render(
            bound.field.widget, bound.html_name, bound.value(), attrs=attrs
        )
        assert parse_html(str(bound)) == parse_html(django_html), name
    assert 'value="3" selected' in str(form["product_set"])
    assert "<optgroup" in str(form["product_set"])


def test_shared_data_is_read_once_per_request_and_a_change_in_it_is_seen(shared_cache_on):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    def view(request):
        first = page_cache.shared("thing", compute)
        cache.clear()  # another process's change, unseen until the next request
        again = page_cache.shared("thing", compute)
        page_cache.bump(page_cache.CONTENT)  # this request's own change
        after_bump = page_cache.shared("thing", compute)
        return first, again, after_bump

    middleware = page_cache.SharedSiteDataMiddleware(view)
    assert middleware(RequestFactory().get("/")) == (1, 1, 2)
    # The value made after the bump was kept: the next request starts from it.
    assert middleware(RequestFactory().get("/")) == (2, 2, 3)


def test_shared_values_are_kept_in_the_process_until_the_content_changes(
    shared_cache_on, monkeypatch
):
    computed, reads = [], []
    original_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return original_get(key, *args, **kwargs)

    def compute():
        computed.append(1)
        return {"made": len(computed)}

    def view(request):
        return page_cache.shared("kept", compute)

    middleware = page_cache.SharedSiteDataMiddleware(view)
    assert middleware(RequestFactory().get("/")) == {"made": 1}
    monkeypatch.setattr(cache, "get", counting_get)
    first, second = (middleware(RequestFactory().get("/")) for _ in range(2))
    assert first == second == {"made": 1} and first is not second  # a copy per request
    assert not [key for key in reads if key.endswith(":kept")]
    page_cache.bump(page_cache.CONTENT)
    assert middleware(RequestFactory().get("/")) == {"made": 2}
    cache.clear()  # an emptied cache starts a new version: nothing kept is taken for it
    assert middleware(RequestFactory().get("/")) == {"made": 3}
