// Progressive enhancement only: choosing a province reloads the ward list at once.
// Without JavaScript the "Chọn xã/phường" button does the same.
(function () {
  var province = document.getElementById("id_province");
  var button = document.querySelector("button[name=choose_province]");
  if (!province || !button) return;
  province.addEventListener("change", function () { button.click(); });
})();
