"""The payment page in a real browser, with a stand-in for Stripe.js.

localstripe has no Payment Element, and the tests cannot reach js.stripe.com, so
the browser is given a small stand-in at https://js.stripe.com/v3/ that records
how the page drives Stripe.js (key, client secret, element type, return URL) and,
like the real confirmPayment, either sends the shopper to the return URL or
reports an error. The payment itself happens on localstripe.
"""

import os
import shutil
import threading

import pytest
from wagtail.models import Page, Site

from cms.models import HomePage
from marketplace.models import Order
from marketplace.services import checkout
from tests.factories import restore_reference_data
from tests.marketplace.builders import build_market, details, fill_cart, new_session

from .conftest import PUBLISHABLE_KEY
from .localstripe import DECLINED_CARD
from .orders import payment_of

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

STRIPE_JS_STAND_IN = """
window.stripeCalls = [];
window.stripeOutcome = "redirect";
window.Stripe = function (key, options) {
  stripeCalls.push(["Stripe", key, options.locale]);
  return {
    elements: function (options) {
      stripeCalls.push(["elements", options.clientSecret]);
      return {
        create: function (type) {
          stripeCalls.push(["create", type]);
          return {
            mount: function (selector) {
              document.querySelector(selector).textContent = "[Stripe card fields]";
            },
            on: function (event, handler) { if (event === "ready") setTimeout(handler, 0); },
          };
        },
      };
    },
    confirmPayment: function (options) {
      stripeCalls.push(["confirmPayment", options.confirmParams.return_url]);
      if (stripeOutcome === "redirect") {
        window.location.href = options.confirmParams.return_url + "?redirect_status=succeeded";
        return new Promise(function () {});
      }
      return Promise.resolve({ error: { message: "Thẻ của bạn bị từ chối." } });
    },
  };
};
"""


def in_browser(base_url, steps):
    """Run ``steps(tab)`` in Chromium, in a thread of its own, and return what it returns.

    Playwright's sync API refuses to start in a thread where another instance
    (the e2e suite's session-wide browser) already runs its event loop.
    """
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    outcome = {}

    def run():
        try:
            with sync_api.sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                context = browser.new_context(base_url=base_url, java_script_enabled=True)
                context.set_default_timeout(10_000)
                context.route(
                    "https://js.stripe.com/v3/",
                    lambda route: route.fulfill(
                        body=STRIPE_JS_STAND_IN, content_type="text/javascript"
                    ),
                )
                try:
                    outcome["value"] = steps(context.new_page())
                finally:
                    browser.close()
        except BaseException as error:  # raised again in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def card_order_live(transactional_db, stripe_server):
    restore_reference_data()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Chợ OCOP", slug="home-pay"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chợ"},
    )
    market = build_market(home)
    order = checkout.place_order(fill_cart(new_session(), market), details(payment="card"))
    return Order.objects.get(pk=order.pk)


def test_the_page_drives_the_payment_element_and_the_return_page_shows_paid(
    live_server, card_order_live, stripe_server, producer_admin_urls
):
    order = card_order_live
    payment = payment_of(order)

    def steps(tab):
        tab.goto(f"/don-hang/{order.token}/thanh-toan/")
        button = tab.get_by_role("button", name="Thanh toán")
        assert button.is_enabled()  # once the element says it is ready
        assert "[Stripe card fields]" in tab.locator("#payment-element").inner_text()
        stripe_server.pay(payment.intent_id)  # what Stripe does inside confirmPayment
        button.click()
        tab.wait_for_url(f"**/don-hang/{order.token}/")
        return tab.locator("main").inner_text()

    assert "Thanh toán thành công" in in_browser(live_server.url, steps)
    order.refresh_from_db()
    assert order.payment_status == "paid"


def test_a_refusal_is_shown_on_the_page_and_the_shopper_can_try_again(
    live_server, card_order_live, stripe_server
):
    order = card_order_live
    payment = payment_of(order)

    def steps(tab):
        tab.goto(f"/don-hang/{order.token}/thanh-toan/")
        calls = tab.evaluate("stripeCalls")
        tab.evaluate("stripeOutcome = 'error'")
        stripe_server.pay(payment.intent_id, card=DECLINED_CARD)
        tab.get_by_role("button", name="Thanh toán").click()
        alert = tab.locator("#payment-message")
        alert.wait_for(state="visible")
        enabled = tab.get_by_role("button", name="Thanh toán").is_enabled()
        return calls, alert.inner_text(), enabled, tab.evaluate("stripeCalls")[-1]

    calls, alert, enabled, confirm = in_browser(live_server.url, steps)

    assert calls == [
        ["Stripe", PUBLISHABLE_KEY, "vi"],
        ["elements", payment.client_secret],
        ["create", "payment"],
    ]
    assert alert == "Thẻ của bạn bị từ chối." and enabled
    return_url = f"{live_server.url}/don-hang/{order.token}/thanh-toan/ket-qua/"
    assert confirm == ["confirmPayment", return_url]
