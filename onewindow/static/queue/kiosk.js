// The kiosk: number pad, item list of the chosen category, and the return to the start screen
// after a minute without a touch (the next visitor must not see the last one's number).
(function () {
  "use strict";
  var main = document.querySelector("[data-timeout]");
  var number = document.getElementById("number");
  var timer = null;
  function restart() {
    clearTimeout(timer);
    timer = setTimeout(function () { window.location.replace(main.dataset.start); },
      Number(main.dataset.timeout) * 1000);
  }
  ["click", "keydown", "touchstart", "input"].forEach(function (name) {
    document.addEventListener(name, restart, { passive: true });
  });
  restart();
  document.querySelectorAll(".q-key").forEach(function (key) {
    key.addEventListener("click", function () {
      if (key.dataset.key === "back") { number.value = number.value.slice(0, -1); }
      else if (number.value.length < 18) { number.value += key.dataset.key; }
      number.focus();
    });
  });
  function showItems() {
    var chosen = document.querySelector("input[name=category]:checked");
    document.querySelectorAll(".q-items").forEach(function (box) {
      var on = chosen && box.dataset.category === chosen.value;
      box.hidden = !on;
      box.querySelector("select").disabled = !on;
    });
  }
  document.querySelectorAll("input[name=category]").forEach(function (r) {
    r.addEventListener("change", showItems);
  });
  showItems();
})();
