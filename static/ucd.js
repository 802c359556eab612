/* global document, window, fetch, setTimeout, clearTimeout */
// The UCD page, live: the validator and the suggester ask the JSON API as you type and show the
// answer; without JavaScript the forms submit to /ucd and the server renders the same thing.
// Everything from the API is written with textContent, never as HTML.
(function () {
  'use strict';

  var DELAY_MS = 150;
  var TERM_PAGE = '/rdf/ucd/';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function code(text) {
    return el('code', null, text);
  }

  function link(href, child) {
    var a = el('a');
    a.href = href;
    a.appendChild(child);
    return a;
  }

  function ucdHref(ucd) {
    return '/ucd?ucd=' + encodeURIComponent(ucd);
  }

  function live(input, delay, run) {
    var timer = null;
    var asked = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var ticket = ++asked;
        run(input.value, function () { return ticket === asked; });
      }, delay);
    });
  }

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  function renderValidation(box, v, explanation) {
    box.textContent = '';
    var verdict = el('p', 'ucd-verdict');
    verdict.appendChild(el('span', 'ucd-status status-' + v.status, v.status));
    if (v.canonical) {
      verdict.appendChild(document.createTextNode(' '));
      var canonical = code(v.canonical);
      canonical.className = 'canonical';
      verdict.appendChild(canonical);
    }
    box.appendChild(verdict);
    if (v.status !== 'invalid' && explanation && explanation.text) box.appendChild(el('p', 'ucd-explanation', explanation.text));
    if (v.diagnostics.length > 0) {
      var list = el('ul', 'ucd-diagnostics');
      v.diagnostics.forEach(function (d) {
        var item = el('li', 'severity-' + d.severity);
        item.appendChild(el('span', 'diag-code', d.code));
        item.appendChild(document.createTextNode(' ' + d.message));
        if (d.replacement) {
          var replacement = el('span', 'replacement', '→ ');
          replacement.appendChild(code(d.replacement));
          item.appendChild(document.createTextNode(' '));
          item.appendChild(replacement);
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (v.suggestions.length > 0) {
      box.appendChild(el('p', 'ucd-suggestions-title', 'Did you mean'));
      var suggestions = el('ul', 'ucd-suggestions');
      v.suggestions.forEach(function (s) {
        var item = el('li');
        item.appendChild(link(ucdHref(s.ucd), code(s.ucd)));
        item.appendChild(document.createTextNode(' '));
        item.appendChild(el('span', 'reason', s.reasons.join('; ')));
        suggestions.appendChild(item);
      });
      box.appendChild(suggestions);
    }
    if (v.words.length > 0) {
      var words = el('ol', 'ucd-word-list');
      v.words.forEach(function (w) {
        var item = el('li');
        item.appendChild(w.canonical ? link(TERM_PAGE + encodeURIComponent(w.canonical), code(w.canonical)) : code(w.text));
        if (w.code) {
          item.appendChild(document.createTextNode(' '));
          item.appendChild(el('span', 'code-chip', w.code));
        }
        item.appendChild(document.createTextNode(' '));
        item.appendChild(el('span', 'word-status', w.status));
        if (w.description) {
          item.appendChild(document.createTextNode(' '));
          item.appendChild(el('span', 'word-description', w.description));
        }
        words.appendChild(item);
      });
      box.appendChild(words);
    }
  }

  function renderCandidates(box, candidates) {
    box.textContent = '';
    if (candidates.length === 0) {
      box.appendChild(el('p', 'hint', 'No candidate for this text.'));
      return;
    }
    var list = el('ol', 'candidates');
    candidates.forEach(function (c) {
      var item = el('li');
      item.appendChild(link(ucdHref(c.ucd), code(c.ucd)));
      item.appendChild(document.createTextNode(' '));
      item.appendChild(el('span', 'score', c.score));
      var reasons = el('ul', 'reasons');
      c.reasons.forEach(function (r) { reasons.appendChild(el('li', null, r)); });
      item.appendChild(reasons);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function failed(box, error) {
    box.textContent = '';
    box.appendChild(el('p', 'hint', 'Could not check: ' + error.message + '. Press Enter to check on the server.'));
  }

  var form = document.getElementById('ucd-form');
  var input = document.getElementById('ucd-input');
  var result = document.getElementById('ucd-result');
  if (form && input && result) {
    live(input, DELAY_MS, function (value, current) {
      if (value === '') {
        result.textContent = '';
        result.appendChild(el('p', 'hint', 'Type a UCD: it is checked as you type.'));
        return;
      }
      var q = '?ucd=' + encodeURIComponent(value);
      Promise.all([getJson(form.getAttribute('data-validate-url') + q), getJson(form.getAttribute('data-explain-url') + q)])
        .then(function (answers) { if (current()) renderValidation(result, answers[0], answers[1]); })
        .catch(function (error) { if (current()) failed(result, error); });
      if (window.history && window.history.replaceState) window.history.replaceState(null, '', ucdHref(value));
    });
  }

  var suggestForm = document.getElementById('suggest-form');
  var suggestInput = document.getElementById('suggest-input');
  var suggestResult = document.getElementById('suggest-result');
  if (suggestForm && suggestInput && suggestResult) {
    live(suggestInput, DELAY_MS * 2, function (value, current) {
      if (value.trim() === '') {
        suggestResult.textContent = '';
        return;
      }
      getJson(suggestForm.getAttribute('data-suggest-url') + '?limit=5&text=' + encodeURIComponent(value))
        .then(function (candidates) { if (current()) renderCandidates(suggestResult, candidates); })
        .catch(function (error) { if (current()) failed(suggestResult, error); });
    });
  }
})();
