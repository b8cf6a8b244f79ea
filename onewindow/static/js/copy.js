/* Copy buttons: <button data-copy="text" data-copied="Copied">. A file of its own rather than an
   inline script, so that a Content-Security-Policy without 'unsafe-inline' still allows it. */
(function () {
  "use strict";
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  function done(button) {
    var label = button.querySelector("[data-copy-label]");
    var before = label ? label.textContent : "";
    if (label) { label.textContent = button.getAttribute("data-copied") || before; }
    button.classList.add("btn-success");
    window.setTimeout(function () {
      if (label) { label.textContent = before; }
      button.classList.remove("btn-success");
    }, 2000);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var text = button.getAttribute("data-copy");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(button); }, function () {
        if (fallbackCopy(text)) { done(button); }
      });
    } else if (fallbackCopy(text)) {
      done(button);
    }
  });
})();
