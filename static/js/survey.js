// Survey form: shows a conditional question only when its condition holds,
// and keeps the answers being typed on this device (localStorage) until the
// form is sent. Without JavaScript every question shows, with its condition
// written beside it, and the server ignores what does not apply.
(function () {
  "use strict";
  var form = document.querySelector("form[data-survey-form]");
  if (!form) { return; }

  function valueOf(name) {
    var fields = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    fields.forEach(function (field) {
      if ((field.type === "radio" || field.type === "checkbox")) {
        if (field.checked) { values.push(field.value); }
      } else if (field.value) {
        values.push(field.value);
      }
    });
    return values;
  }

  function update() {
    form.querySelectorAll("[data-condition-field]").forEach(function (block) {
      var shown = valueOf(block.dataset.conditionField)
        .indexOf(block.dataset.conditionValue) !== -1;
      block.hidden = !shown;
    });
  }

  var key = form.dataset.draftKey;
  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }

  function save() {
    if (!storage || !key) { return; }
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "site_web") { return; }
      (data[name] = data[name] || []).push(value);
    });
    storage.setItem(key, JSON.stringify(data));
  }

  function restore() {
    if (!storage || !key || form.querySelector(".field-error")) { return; }
    var raw = storage.getItem(key);
    if (!raw) { return; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { return; }
    Object.keys(data).forEach(function (name) {
      form.querySelectorAll('[name="' + name + '"]').forEach(function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = data[name].indexOf(field.value) !== -1;
        } else {
          field.value = data[name][0];
        }
      });
    });
  }

  restore();
  update();
  form.addEventListener("change", function () { update(); save(); });
  form.addEventListener("input", save);
  form.addEventListener("submit", function () {
    if (storage && key) { storage.removeItem(key); }
  });
})();
