"""The storefront in a browser: accessibility (axe-core), screenshots, phone widths.

axe-core comes from the npm registry (package.json / package-lock.json at the
repository root, installed into node_modules by `make test`). These checks run
with JavaScript on, because axe is a script; the journeys in test_journeys.py
prove the same pages work without it.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import make_producer, make_product, make_product_page
from tests.tours.builders import make_departure, make_tour, make_village

pytestmark = pytest.mark.django_db(transaction=True)

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE, DESKTOP, SMALL_PHONE = 390, 1366, 360
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def storefront(home_page):
    """A small shop: a product with stock, a craft village and a tour with a departure.
    Returns {page name: path}; the cart and checkout hold one product when visited."""
    honey = make_product_page(
        home_page,
        make_product("Mật ong bạc hà", producer=make_producer("HTX Ong mật Cao Nguyên")),
        variants=((150_000, 10), (280_000, 4)),
        summary="Mật ong hoa bạc hà từ cao nguyên đá Đồng Văn.",
    )
    for number in range(5):
        make_product_page(home_page, variants=((95_000 + number * 1_000, 20),))
    village = make_village(home_page, title="Bát Tràng", slug="bat-trang")
    tour = make_tour(home_page, villages=[village], title="Một ngày làm gốm", slug="lam-gom")
    make_departure(tour, starts_at=timezone.now() + timedelta(days=3), capacity=10)
    return {
        "home": "/",
        "catalogue": honey.get_parent().url,
        "product": honey.url,
        "tour": tour.url,
        "village": village.url,
        "cart": "/gio-hang/",
        "checkout": "/gio-hang/thanh-toan/",
        "search": "/tim-kiem/?q=m%E1%BA%ADt+ong",
    }


@pytest.fixture
def open_tab(browser, live_server):
    """open_tab(width) → a tab of that width, JavaScript on, with a product in its cart."""
    contexts = []

    def open_tab(width, product_path):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 844 if width < 800 else 900},
            locale="vi-VN",
            bypass_csp=True,  # axe is injected as a script the site's policy would refuse
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(product_path)
        tab.get_by_role("button", name="Thêm vào giỏ hàng").click()
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def blocking_violations(tab):
    """axe-core's serious and critical violations on the tab's page, as short lines."""
    if not AXE_SCRIPT.exists():
        pytest.skip(f"no {AXE_SCRIPT}: run `npm ci` (make test does)")
    tab.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['failureSummary']}"
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def test_main_pages_have_no_serious_accessibility_violations(open_tab, storefront):
    for width in (PHONE, DESKTOP):
        tab = open_tab(width, storefront["product"])
        problems = {}
        for name, path in storefront.items():
            response = tab.goto(path)
            assert response.ok, f"{name} {path} answered {response.status}"
            found = blocking_violations(tab)
            if found:
                problems[f"{name} at {width} px"] = found
        if problems:
            pytest.fail(
                "\n".join(f"{page}: {line}" for page, lines in problems.items() for line in lines)
            )


def test_screenshots_of_the_main_pages_at_phone_and_desktop_widths(open_tab, storefront):
    SCREENSHOTS.mkdir(exist_ok=True)
    for width in (PHONE, DESKTOP):
        tab = open_tab(width, storefront["product"])
        for name in ("home", "catalogue", "product", "tour", "cart"):
            tab.goto(storefront[name])
            target = SCREENSHOTS / f"{name}-{width}.png"
            tab.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 0


def test_no_page_is_wider_than_a_360_px_phone(open_tab, storefront):
    tab = open_tab(SMALL_PHONE, storefront["product"])
    too_wide = {}
    for name, path in storefront.items():
        tab.goto(path)
        document_width = tab.evaluate("document.documentElement.scrollWidth")
        viewport_width = tab.evaluate("window.innerWidth")
        if document_width > viewport_width:
            too_wide[name] = document_width
    assert not too_wide, f"wider than {SMALL_PHONE} px: {too_wide}"


def test_products_start_on_the_first_screen_of_a_phone(open_tab, storefront):
    tab = open_tab(PHONE, storefront["product"])
    tab.goto(storefront["catalogue"])
    first_card = tab.locator(".cards .card").first.bounding_box()
    assert first_card["y"] < 844, f"first product at {first_card['y']} px"


def test_tap_targets_are_at_least_44_px_on_a_phone(open_tab, storefront):
    tab = open_tab(PHONE, storefront["product"])
    small = {}
    for name in ("home", "catalogue", "product", "cart"):
        tab.goto(storefront[name])
        tab.get_by_text("Menu", exact=True).click()  # its links count too
        selector = "header a, header button, header summary, .button, button, .cart-table a"
        for target in tab.locator(selector).all():
            box = target.bounding_box() if target.is_visible() else None
            if box and min(box["height"], box["width"]) < 44:
                small.setdefault(name, []).append(
                    f"{target.evaluate('e => e.outerHTML.slice(0, 80)')} {box['height']:.0f}px"
                )
    assert not small, small
