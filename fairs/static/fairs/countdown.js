// Keeps a fair's countdown current; the server already wrote it as text.
(function () {
  "use strict";
  var box = document.querySelector("[data-countdown]");
  if (!box) return;
  var target = new Date(box.dataset.countdown).getTime();
  var text = box.querySelector("[data-countdown-text]");
  var units = (document.documentElement.lang || "vi").indexOf("en") === 0
    ? ["d", "h", "min"] : ["ngày", "giờ", "phút"];
  function tick() {
    var minutes = Math.max(0, Math.floor((target - Date.now()) / 60000));
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60);
    var parts = [];
    if (days) parts.push(days + " " + units[0]);
    if (days || hours) parts.push(hours + " " + units[1]);
    parts.push((minutes % 60) + " " + units[2]);
    text.textContent = parts.join(" ");
  }
  tick();
  window.setInterval(tick, 30000);
})();
