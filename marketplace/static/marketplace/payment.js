// Card payment with Stripe's Payment Element. The card details go from the
// browser to Stripe only; Stripe then sends the shopper to the return page,
// which asks Stripe for the outcome (the webhook confirms it too).
(function () {
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") return;
  var button = document.getElementById("payment-submit");
  var message = document.getElementById("payment-message");
  var locale = form.dataset.locale === "en" ? "en" : "vi";
  var stripe = Stripe(form.dataset.publishableKey, { locale: locale });
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret, locale: locale });
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");
  paymentElement.on("ready", function () { button.disabled = false; });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    message.hidden = true;
    stripe
      .confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.returnUrl } })
      .then(function (result) {
        // Reached only when the payment could not go ahead; otherwise Stripe redirects.
        if (result.error) {
          message.textContent = result.error.message;
          message.hidden = false;
        }
        button.disabled = false;
      });
  });
})();
