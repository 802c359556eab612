/* global document, window, setTimeout, clearTimeout, fetch, URL, URLSearchParams */
// Search as you type (WAI-ARIA 1.2 combobox with a listbox popup). Without JavaScript the forms
// still submit to /search. Live site: suggestions come from the JSON search API
// (form[data-suggest-url]); static copy: from the exported search index (form[data-index-url]),
// which also fills the results of the static search page.
(function () {
  'use strict';

  var MAX_SUGGESTIONS = 8;
  var DELAY_MS = 120;
  var staticIndex = null;

  document.querySelectorAll('form[data-suggest]').forEach(enhance);
  renderStaticResults();

  function enhance(form, formNumber) {
    var input = form.querySelector('input[type=search]');
    if (!input) return;
    var listId = 'suggestions-' + formNumber;
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    list.hidden = true;
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    var row = input.parentNode;
    row.classList.add('has-suggestions');
    row.appendChild(list);
    row.appendChild(status);

    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, DELAY_MS);
    });
    input.addEventListener('keydown', function (event) {
      if (list.hidden && event.key === 'ArrowDown' && input.value.trim().length > 0) { update(); return; }
      if (list.hidden) return;
      if (event.key === 'ArrowDown') { move(1); event.preventDefault(); }
      else if (event.key === 'ArrowUp') { move(-1); event.preventDefault(); }
      else if (event.key === 'Enter' && active >= 0) { event.preventDefault(); go(items[active]); }
      else if (event.key === 'Escape') { close(); event.preventDefault(); }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    form.querySelectorAll('select').forEach(function (select) {
      select.addEventListener('change', function () { if (input.value.trim()) update(); });
    });

    function update() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      var ticket = ++asked;
      suggestions(form, q).then(function (found) {
        if (ticket !== asked) return;
        show(found, q);
      }, function () {
        if (ticket === asked) close();
      });
    }

    function show(found, q) {
      items = found.slice(0, MAX_SUGGESTIONS);
      active = -1;
      list.textContent = '';
      items.forEach(function (item, i) {
        var option = document.createElement('li');
        option.id = listId + '-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.href = item.path;
        var label = document.createElement('span');
        label.className = 'suggestion-label';
        appendHighlighted(label, item.label, q);
        option.appendChild(label);
        if (item.id) {
          var id = document.createElement('code');
          id.className = 'id';
          id.textContent = item.id;
          option.appendChild(id);
        }
        if (item.deprecated) option.appendChild(badge('deprecated'));
        if (item.preliminary) option.appendChild(badge('preliminary'));
        var where = document.createElement('span');
        where.className = 'suggestion-vocabulary';
        where.textContent = item.vocabulary;
        option.appendChild(where);
        option.addEventListener('mousedown', function (event) { event.preventDefault(); go(item); });
        list.appendChild(option);
      });
      var open = items.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      input.removeAttribute('aria-activedescendant');
      status.textContent = open ? items.length + ' suggestions, use the arrow keys to choose' : 'No suggestions';
    }

    function move(step) {
      if (items.length === 0) return;
      active = (active + step + items.length) % items.length;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute('aria-selected', i === active ? 'true' : 'false');
      });
      input.setAttribute('aria-activedescendant', listId + '-' + active);
      list.children[active].scrollIntoView({ block: 'nearest' });
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
  }

  function go(item) {
    if (item && item.path) window.location.href = item.path;
  }

  function badge(text) {
    var span = document.createElement('span');
    span.className = 'badge ' + text;
    span.textContent = text;
    return span;
  }

  // ---------- where suggestions come from ----------

  function suggestions(form, q) {
    if (form.dataset.indexUrl) return loadIndex(form.dataset.indexUrl).then(function (index) { return searchIndex(index, q, filters(form), MAX_SUGGESTIONS, true); });
    var url = new URL(form.dataset.suggestUrl || '/api/v1/search?suggest=true', window.location.origin);
    url.searchParams.set('q', q);
    var f = filters(form);
    if (f.community) url.searchParams.set('community', f.community);
    if (f.vocab) url.searchParams.set('vocab', f.vocab);
    // Suggestions include deprecated terms (badged), so that an old term leads to its replacement.
    url.searchParams.set('status', f.status || 'all');
    return fetch(url.toString(), { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) throw new Error('search answered ' + response.status);
      return response.json();
    }).then(function (body) {
      return body.hits.map(fromApiHit);
    });
  }

  // A hit of GET /api/v1/search: {iri, id, vocabulary (id), label, deprecated?, preliminary?, page, match, score, matched}.
  function fromApiHit(hit) {
    return {
      label: hit.label || hit.id,
      id: hit.id,
      path: hit.page,
      vocabulary: hit.vocabulary,
      deprecated: Boolean(hit.deprecated),
      preliminary: Boolean(hit.preliminary),
    };
  }

  function filters(form) {
    var get = function (name) { var el = form.elements.namedItem(name); return el && el.value ? el.value : ''; };
    return { community: get('community'), vocab: get('vocab'), status: get('status') };
  }

  // ---------- the static copy's index ----------

  function loadIndex(url) {
    if (!staticIndex) {
      staticIndex = fetch(url).then(function (response) { return response.json(); }).then(function (body) {
        body.terms.forEach(function (entry) {
          entry.names = [entry.label].concat(entry.altLabels || []).map(fold);
          entry.vocabularyTitle = (body.vocabularies[entry.vocabulary] || {}).title || entry.vocabulary;
          entry.community = (body.vocabularies[entry.vocabulary] || {}).community;
        });
        return body;
      });
    }
    return staticIndex;
  }

  function searchIndex(index, q, f, limit, suggest) {
    var query = fold(q);
    var includeDeprecated = suggest || f.status === 'all' || f.status === 'deprecated';
    var scored = [];
    index.terms.forEach(function (entry) {
      if (f.vocab && entry.vocabulary !== f.vocab) return;
      if (f.community && entry.community !== f.community) return;
      if (entry.deprecated && !includeDeprecated) return;
      if (f.status === 'deprecated' && !entry.deprecated) return;
      if (f.status === 'preliminary' && !entry.preliminary) return;
      if (f.status === 'stable' && (entry.deprecated || entry.preliminary)) return;
      var best = 0;
      entry.names.forEach(function (name, i) {
        var alt = i > 0 ? 1 : 0;
        if (name === query) best = Math.max(best, 40 - alt);
        else if (name.indexOf(query) === 0) best = Math.max(best, 30 - alt);
        else if ((' ' + name).indexOf(' ' + query) >= 0) best = Math.max(best, 20 - alt);
        else if (!suggest && name.indexOf(query) >= 0) best = Math.max(best, 10 - alt);
      });
      if (best > 0) scored.push({ score: best, entry: entry });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.entry.label.length - b.entry.label.length; });
    return scored.slice(0, limit).map(function (s) {
      return { label: s.entry.label, path: s.entry.path, vocabulary: s.entry.vocabularyTitle, deprecated: s.entry.deprecated, preliminary: s.entry.preliminary, id: s.entry.id };
    });
  }

  function renderStaticResults() {
    var form = document.querySelector('form.search-form[data-index-url]');
    var results = document.getElementById('results');
    if (!form || !results) return;
    var params = new URLSearchParams(window.location.search);
    var q = (params.get('q') || '').trim();
    ['community', 'vocab', 'status'].forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el && params.get(name)) el.value = params.get(name);
    });
    var input = form.querySelector('input[type=search]');
    if (input) input.value = q;
    if (!q) return;
    loadIndex(form.dataset.indexUrl).then(function (index) {
      var found = searchIndex(index, q, filters(form), 200, false);
      results.textContent = '';
      var heading = document.createElement('h2');
      heading.id = 'results-title';
      heading.textContent = found.length + (found.length === 1 ? ' result' : ' results') + ' for “' + q + '”';
      results.appendChild(heading);
      var ol = document.createElement('ol');
      ol.className = 'results';
      found.forEach(function (item) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.className = 'result-label';
        a.href = item.path;
        appendHighlighted(a, item.label, q);
        li.appendChild(a);
        if (item.deprecated) li.appendChild(badge('deprecated'));
        if (item.preliminary) li.appendChild(badge('preliminary'));
        var meta = document.createElement('div');
        meta.className = 'meta';
        meta.textContent = item.id + ' in ' + item.vocabulary;
        li.appendChild(meta);
        ol.appendChild(li);
      });
      results.appendChild(ol);
    });
  }

  // ---------- text ----------

  function fold(text) {
    return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }

  // Appends `text` to `parent`, wrapping the parts that begin a word with a query word in <mark>;
  // only text nodes are created, so a label is never read as HTML.
  function appendHighlighted(parent, text, q) {
    var words = fold(q).split(' ').filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    var chars = Array.from(text);
    var marks = chars.map(function () { return false; });
    chars.forEach(function (c, i) {
      if (i > 0 && /[\p{L}\p{N}]/u.test(chars[i - 1])) return;
      for (var w = 0; w < words.length; w++) {
        var j = i, consumed = '';
        while (j < chars.length && consumed.length < words[w].length) consumed += fold(chars[j++]) || (chars[j - 1] === ' ' ? ' ' : '');
        if (consumed.indexOf(words[w]) === 0) { for (var k = i; k < j; k++) marks[k] = true; break; }
      }
    });
    var run = '', runMark = marks[0];
    chars.forEach(function (c, i) {
      if (marks[i] !== runMark) { flush(); runMark = marks[i]; }
      run += c;
    });
    flush();
    function flush() {
      if (!run) return;
      if (runMark) { var m = document.createElement('mark'); m.textContent = run; parent.appendChild(m); }
      else parent.appendChild(document.createTextNode(run));
      run = '';
    }
  }
})();
