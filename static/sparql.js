/* global document */
// The SPARQL page: "edit in the form" copies a worked example into the query box.
(function () {
  'use strict';
  var data = document.getElementById('sparql-examples');
  if (!data) return;
  var examples = JSON.parse(data.textContent);
  document.querySelectorAll('.load-example').forEach(function (button) {
    button.addEventListener('click', function () {
      var example = examples.find(function (e) { return e.id === button.getAttribute('data-example'); });
      var area = document.getElementById('query');
      area.value = example.query;
      area.focus();
    });
  });
})();
