/* global document, navigator, setTimeout */
// Progressive enhancement for term and vocabulary pages: a "Copy" button next to an IRI.
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(
        function () { flash(button, 'Copied'); },
        function () { flash(button, 'Copy failed'); }
      );
    });
  });
  function flash(button, text) {
    var before = button.textContent;
    button.textContent = text;
    button.setAttribute('aria-live', 'polite');
    setTimeout(function () { button.textContent = before; }, 1500);
  }
})();
