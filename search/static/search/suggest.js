// Suggestions under the header search box. Without JavaScript the box submits to /tim-kiem/.
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector(".site-search__suggestions");
  var url = form.getAttribute("data-suggest-url");
  var timer = null;
  var latest = 0;

  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
  }

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (item, position) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "site-search-suggestion-" + position;
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { close(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) show(data.suggestions || []); })
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    var links = list.querySelectorAll("a");
    if (event.key === "Escape") { close(); return; }
    if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[0].focus(); }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    if (event.key === "Escape") { close(); input.focus(); }
  });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
})();
