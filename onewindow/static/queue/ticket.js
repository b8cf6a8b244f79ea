// The ticket page: print button; at the kiosk, back to the start screen after a while.
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
  var main = document.querySelector("[data-timeout]");
  if (main) {
    setTimeout(function () { window.location.replace(main.dataset.start); },
      Number(main.dataset.timeout) * 1000);
  }
})();
