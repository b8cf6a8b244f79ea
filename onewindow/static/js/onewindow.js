// Behaviour every page shares, attached from here because the Content-Security-Policy allows no
// inline script or event handler (onclick=, onchange=, javascript: links).
(function () {
  "use strict";
  // <select data-ow-autosubmit>: choosing an option submits its form (the form still has a
  // submit button, or works on Enter, without JavaScript).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLElement && target.hasAttribute("data-ow-autosubmit") && target.form) {
      target.form.submit();
    }
  });
  // <a data-ow-back>: back to the previous page.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("[data-ow-back]") : null;
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  // <div data-ow-width="42">: a bar's width in percent (a style="" attribute would be refused).
  function widths(root) {
    root.querySelectorAll("[data-ow-width]").forEach(function (bar) {
      var value = parseFloat(bar.getAttribute("data-ow-width"));
      if (!isNaN(value)) bar.style.width = Math.max(0, Math.min(100, value)) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { widths(document); });
  // Bars in content htmx swaps in later.
  document.addEventListener("htmx:afterSwap", function (event) { widths(event.target); });
})();
