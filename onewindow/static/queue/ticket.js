// The ticket page: print button; at the kiosk, back to the start screen after a while; on the
// visitor's phone (my-ticket), it follows the hall's stream and refreshes the receipt whenever
// the hall's queue moves (a pushed event, never a polling loop).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
  var main = document.querySelector(".q-ticket-wrap");
  if (main && main.dataset.timeout) {
    setTimeout(function () { window.location.replace(main.dataset.start); },
      Number(main.dataset.timeout) * 1000);
  }
  if (!main || !main.dataset.stream || !window.EventSource) { return; }
  var url = main.dataset.stream + "?last=" + (Number(main.dataset.last) || 0);
  if (Number(main.dataset.port)) {
    url = location.protocol + "//" + location.hostname + ":" + main.dataset.port + url;
  }
  var pending = false;
  function refresh() {
    if (pending) { return; }
    pending = true;
    fetch(location.href, { headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(".q-receipt");
        var old = document.querySelector(".q-receipt");
        if (fresh && old) { old.replaceWith(fresh); }
        if (navigator.vibrate && fresh && /q-state-called/.test(fresh.className)) { navigator.vibrate(400); }
      })
      .finally(function () { pending = false; });
  }
  var source = new EventSource(url);
  source.addEventListener("call", refresh);
  source.addEventListener("counts", refresh);
})();
