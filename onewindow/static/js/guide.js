// Moved out of catalog/guide.html: the Content-Security-Policy allows no inline script.
// The situation picker: the same rule as guide.apply_answers, applied as the citizen ticks.
(function () {
  var form = document.getElementById("situation-form");
  if (!form) return;
  var questionOf = JSON.parse(document.getElementById("guide-question-of").textContent);
  var rows = document.querySelectorAll("tr[data-situations]");
  var count = document.getElementById("checklist-count");
  form.querySelector("[data-nojs]").hidden = true;
  function update() {
    var answers = {};
    new FormData(form).forEach(function (value, key) { answers[key] = value; });
    var chosen = Object.keys(answers).map(function (k) { return answers[k]; });
    var n = 0;
    rows.forEach(function (row) {
      var codes = row.dataset.situations.split(" ").filter(Boolean);
      var applies = !codes.length || codes.some(function (c) {
        return chosen.indexOf(c) >= 0 || !(questionOf[c] in answers);
      });
      row.hidden = !applies;
      if (applies) n += 1;
    });
    count.textContent = n;
    // Keep the answers in the address, so a reload or a shared link shows the same checklist.
    history.replaceState(null, "", "?" + new URLSearchParams(answers).toString() + "#materials");
  }
  form.addEventListener("change", update);
  document.getElementById("situation-reset").addEventListener("click", function (event) {
    event.preventDefault();
    form.reset();
    form.querySelectorAll("input:checked").forEach(function (input) { input.checked = false; });
    update();
  });
})();
