// A live event's page: polls its state, shows the product on air, and buys without
// leaving the page. Without JavaScript the pinned list and its buy forms still work.
(function () {
  "use strict";
  var root = document.querySelector("[data-state-url]");
  if (!root) return;
  var POLL_MS = 5000;
  var money = new Intl.NumberFormat("vi-VN");
  var message = root.querySelector("[data-live-message]");

  function vnd(amount) {
    return money.format(amount) + "\u00a0₫";
  }

  function say(text) {
    if (!message) return;
    message.textContent = text;
    message.classList.remove("visually-hidden");
  }

  function showState(state) {
    var badge = root.querySelector("[data-live-status]");
    if (badge && badge.dataset.status !== state.status) {
      badge.dataset.status = state.status;
      root.dataset.status = state.status;
    }
    state.products.forEach(function (product) {
      product.variants.forEach(function (variant) {
        root.querySelectorAll('li[data-variant="' + variant.id + '"] [data-price]').forEach(function (el) {
          el.lastChild.textContent = vnd(variant.price);
        });
        root.querySelectorAll('form[data-variant="' + variant.id + '"] button').forEach(function (button) {
          button.disabled = variant.stock < 1;
        });
      });
    });
    var slot = root.querySelector("[data-now-showing]");
    if (!slot) return;
    var current = slot.querySelector("[data-product]");
    var currentId = current ? Number(current.dataset.product) : null;
    if (currentId === state.now_showing) return;
    var source = state.now_showing && root.querySelector('.live-products [data-product="' + state.now_showing + '"]');
    slot.querySelectorAll("[data-product]").forEach(function (el) { el.remove(); });
    if (source) {
      var copy = source.cloneNode(true);
      copy.removeAttribute("id");
      slot.appendChild(copy);
      slot.hidden = false;
    } else {
      slot.hidden = true;
    }
  }

  function poll() {
    fetch(root.dataset.stateUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state) showState(state); })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, POLL_MS); });
  }

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form.live-buy");
    if (!form) return;
    event.preventDefault();
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    fetch("/api/cart/lines/", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
      body: JSON.stringify({ variant: Number(form.dataset.variant), quantity: 1 })
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (result.ok) {
          say(root.dataset.addedText || "Đã thêm vào giỏ hàng (" + result.body.cart.count + " trong giỏ).");
        } else {
          say(result.body.error ? result.body.error.message : "Không thêm được.");
        }
      })
      .catch(function () { form.submit(); });
  });

  window.setTimeout(poll, POLL_MS);
})();
