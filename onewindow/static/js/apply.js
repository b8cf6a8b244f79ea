// Moved out of portal/apply.html: the Content-Security-Policy allows no inline script.
(function () {
  // Answering a question reloads the checklist for the new situation.
  var picker = document.getElementById("situation-form");
  if (picker) {
    document.getElementById("situation-submit").hidden = true;
    picker.addEventListener("change", function () { picker.submit(); });
  }
  // The mailing address only matters when the result is mailed.
  var group = document.getElementById("address-group");
  var form = document.getElementById("application-form");
  if (group && form) {
    var update = function () {
      var chosen = form.querySelector("input[name=delivery_method]:checked");
      group.hidden = !(chosen && chosen.value === "mail");
    };
    form.querySelectorAll("input[name=delivery_method]").forEach(function (r) { r.addEventListener("change", update); });
    update();
  }
})();
