// kbq viewer: the page `kbq serve` shows and `kbq export --format html`
// inlines. Every string from articles is untrusted: this file builds the DOM
// with createElement/textContent only, never innerHTML, and hands the
// timeline and graph libraries DOM elements or canvas labels, never HTML.
//
// URL state: #/actor/NAME?from=2022&to=...&all=1&lang=zh&event=ev-...
// Every parameter but `event` goes to /api/timeline as is, so a shared link
// asks exactly what its author saw.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------- data
  // Served: fetch /api/COMMAND. Exported: answers inlined by kbq export
  // under the key page.cc builds (AnswerKey): the command, then the
  // parameters sorted by name, one "name=value" per line.
  const inline = (() => {
    const el = $('kbq-data');
    const text = el ? el.textContent.trim() : '';
    return text ? JSON.parse(text) : null;
  })();

  function answerKey(command, params) {
    return [command].concat(Object.keys(params).sort().map((k) => k + '=' + params[k])).join('\n');
  }

  async function api(command, params) {
    if (inline) {
      const body = inline.answers[answerKey(command, params)];
      if (body === undefined) throw new Error('not in this export: ' + command + ' ' + JSON.stringify(params));
      return JSON.parse(body);
    }
    const qs = new URLSearchParams();
    for (const k of Object.keys(params).sort()) qs.set(k, params[k]);
    const r = await fetch('api/' + command + '?' + qs.toString());
    const j = await r.json();
    if (!r.ok) {
      let message = j.error || ('HTTP ' + r.status);
      if (j.candidates && j.candidates.length) {
        message += ' — did you mean: ' + j.candidates.slice(0, 5).map((c) => c.name_en + ' (' + c.id + ')').join(', ');
      }
      throw new Error(message);
    }
    return j;
  }

  // ------------------------------------------------------------- helpers
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('data-')) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function setStatus(text, error) {
    $('status').textContent = text;
    $('status').className = error ? 'error' : '';
  }

  const hasHan = (s) => /[\u3400-\u9fff\uf900-\ufaff]/.test(s);

  // Colour by CAMEO family: talk (01–05), cooperation (06–08),
  // tension (09–14), force (15–20); types without a code are "other".
  const FAMILIES = [['talk', 'talk'], ['coop', 'cooperation'], ['tension', 'tension'], ['force', 'force'], ['other', 'other']];
  function family(cameo) {
    const root = parseInt(String(cameo || '').slice(0, 2), 10);
    if (!root) return 'other';
    if (root <= 5) return 'talk';
    if (root <= 8) return 'coop';
    if (root <= 14) return 'tension';
    return 'force';
  }
  const KIND_COLOURS = {
    causes: '#c8372d', enables: '#e07b39', before: '#8a94a6', overlaps: '#a3acb9',
    part_of: '#2f9e5b', storyline: '#2e78c7', refers_to: '#8e5cc4', same_as: '#222',
  };
  const SHOWN_MODALITIES = { asserted: true, reported: true };

  // Dates at their precision: a day is a point, a month or year a bar over
  // it, a range over the range; the end is exclusive for the timeline.
  function nextDay(iso) {
    const d = new Date(iso + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }
  const isUndated = (e) => e.date && e.date.basis === 'publication';
  function dateLine(d) {
    if (!d) return '';
    return (d.approx ? '~' : '') + d.text;
  }

  // ------------------------------------------------------------- state
  const view = { params: null, lang: 'en', events: [], selected: null, timeline: null, items: null, cy: null };
  window.kbqView = view;  // for tests and the curious

  function parseHash() {
    const m = /^#\/actor\/([^?]*)(?:\?(.*))?$/.exec(location.hash);
    if (!m) return null;
    const params = { query: decodeURIComponent(m[1]) };
    let event = null;
    for (const [k, v] of new URLSearchParams(m[2] || '')) {
      if (k === 'event') event = v;
      else params[k] = v;
    }
    return { params, event };
  }

  function makeHash(params, event) {
    const qs = new URLSearchParams();
    for (const k of Object.keys(params).sort()) if (k !== 'query') qs.set(k, params[k]);
    if (event) qs.set('event', event);
    const s = qs.toString();
    return '#/actor/' + encodeURIComponent(params.query) + (s ? '?' + s : '');
  }

  // ------------------------------------------------------------- search
  let suggestTimer = null;
  function suggest() {
    if (inline) return;
    const text = $('q').value.trim();
    clearTimeout(suggestTimer);
    if (text.length < (hasHan(text) ? 1 : 2)) return;
    suggestTimer = setTimeout(async () => {
      try {
        const actors = await api('actors', { query: text });
        const list = $('suggestions');
        list.replaceChildren();
        actors.sort((a, b) => (b.event_count_wide || 0) - (a.event_count_wide || 0));
        for (const a of actors.slice(0, 20)) {
          const names = a.names || {};
          const label = [names.en, names.zh].filter(Boolean).join(' · ') + ' — ' + a.kind + ', ' + (a.event_count_wide || 0) + ' events';
          list.append(el('option', { value: a.id, label }));
        }
      } catch (e) { /* suggestions are a convenience */ }
    }, 150);
  }

  function submitSearch(ev) {
    ev.preventDefault();
    const params = { query: $('q').value.trim() };
    if (!params.query) return;
    for (const k of ['from', 'to', 'lang']) if ($(k).value.trim()) params[k] = $(k).value.trim();
    if ($('all').checked) params.all = '1';
    location.hash = makeHash(params, null);
  }

  // ------------------------------------------------------------- timeline
  function itemContent(e) {
    const span = el('span', { class: 'kbq-item', 'data-event': e.id, 'data-date': e.date ? e.date.text : '' }, e.label);
    if (!SHOWN_MODALITIES[e.modality]) span.append(el('span', { class: 'modality' }, '[' + e.modality + ']'));
    span.addEventListener('click', () => selectEvent(e.id));
    return span;
  }

  function drawTimeline(events) {
    const dated = events.filter((e) => !isUndated(e) && e.date && e.date.start);
    const items = dated.map((e) => {
      const d = e.date;
      const classes = ['fam-' + family(e.cameo)];
      if (d.approx) classes.push('approx');
      if (!SHOWN_MODALITIES[e.modality]) classes.push('hidden-modality');
      const item = { id: e.id, content: itemContent(e), start: d.start, className: classes.join(' ') };
      if (d.precision !== 'day' || d.start !== d.end) {
        item.type = 'range';
        item.end = nextDay(d.end);
        classes.push('range-' + d.precision);
        item.className = classes.join(' ');
      } else {
        item.type = 'box';
      }
      return item;
    });
    if (view.timeline) view.timeline.destroy();
    view.items = new vis.DataSet(items);
    view.timeline = new vis.Timeline($('timeline'), view.items, {
      stack: true, zoomKey: 'ctrlKey', margin: { item: 6 }, orientation: 'top', maxHeight: 420,
      selectable: true, showTooltips: false,
    });
    view.timeline.on('select', (p) => { if (p.items.length) selectEvent(p.items[0]); });

    const undated = events.filter(isUndated);
    const list = $('undated-list');
    list.replaceChildren();
    for (const e of undated) {
      const li = el('li', { class: 'fam-' + family(e.cameo), 'data-event': e.id },
        'reported ' + e.date.text + ': ' + e.label, SHOWN_MODALITIES[e.modality] ? null : el('span', { class: 'modality' }, '[' + e.modality + ']'));
      li.addEventListener('click', () => selectEvent(e.id));
      list.append(li);
    }
    $('undated').hidden = undated.length === 0;
  }

  function drawLegend() {
    const legend = $('legend');
    legend.replaceChildren();
    for (const [key, name] of FAMILIES) legend.append(el('span', { class: 'fam-' + key }, name));
    legend.append(el('span', { class: 'fam-other' }, 'dashed: approximate · bar: month, year or range · faded: not asserted'));
  }

  // ------------------------------------------------------------- event panel
  function mentionSentence(m) {
    // The trigger marked inside the sentence, as text nodes around a <mark>.
    const s = el('span', { class: 'sentence' });
    const at = m.trigger ? m.text.indexOf(m.trigger) : -1;
    if (at < 0) {
      s.append(m.text);
    } else {
      s.append(m.text.slice(0, at), el('mark', {}, m.trigger), m.text.slice(at + m.trigger.length));
    }
    return s;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || '') ? url : null;
  }

  function drawEvent(e) {
    const box = $('event');
    box.replaceChildren();
    box.append(el('h2', {}, e.label));
    const dl = el('dl');
    const row = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', {}, k), el('dd', {}, v)); };
    const d = e.date || {};
    row('date', dateLine(d) + ' (' + d.precision + ', ' + d.basis + (d.approx ? ', approximate' : '') + ')');
    row('type', e.type + (e.cameo ? ' (CAMEO ' + e.cameo + ')' : ''));
    row('modality', e.modality);
    row('participants', (e.actors || []).map((a) => a.name + ' (' + a.role + ')').join(', '));
    row('place', e.location_name || '');
    if (e.attribution && (e.attribution.name || e.attribution.cue)) {
      row('attribution', [e.attribution.name, e.attribution.cue ? '“' + e.attribution.cue + '”' : ''].filter(Boolean).join(' '));
    }
    row('confidence', e.confidence);
    row('id', e.id);
    box.append(dl);

    const articles = {};
    for (const a of e.articles || []) articles[a.id] = a;
    box.append(el('h3', {}, 'Evidence (' + (e.mentions || []).length + ' mentions)'));
    const ol = el('ol');
    for (const m of e.mentions || []) {
      const a = articles[m.article] || { id: m.article };
      const meta = el('div', { class: 'meta' }, 'sentence ' + m.sentence + (m.date_text ? ' · date “' + m.date_text + '”' : '') + ' · ');
      const url = safeUrl(a.url);
      const title = a.title || a.id;
      meta.append(url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, title) : title);
      if (a.source) meta.append(' · ' + a.source);
      ol.append(el('li', { class: 'mention' }, mentionSentence(m), meta));
    }
    box.append(ol);
    if (e.merged && e.merged.length) {
      box.append(el('h3', {}, 'Merged reports'));
      const ul = el('ul');
      for (const m of e.merged) ul.append(el('li', {}, m.absorbed + ' → ' + m.kept + ': ' + m.reason + (m.across_articles ? ' (across articles)' : '')));
      box.append(ul);
    }
  }

  // ------------------------------------------------------------- graph
  function shortLabel(row) {
    const label = row.label.length > 30 ? row.label.slice(0, 29) + '…' : row.label;
    return dateLine(row.date) + '\n' + label;
  }

  function drawGraph(id, neighbours, chain) {
    const nodes = new Map();
    const edges = new Map();
    const addNode = (row, role) => {
      const prev = nodes.get(row.id);
      if (prev && prev.data.role === 'self') return;
      nodes.set(row.id, { data: { id: row.id, label: shortLabel(row), date: row.date ? row.date.text : '', fam: family(row.cameo), role: prev ? prev.data.role : role, hops: row.hops || 0 } });
    };
    for (const r of neighbours) addNode(r, r.id === id ? 'self' : 'neighbour');
    for (const r of chain) addNode(r, r.id === id ? 'self' : 'chain');
    const addEdge = (l) => {
      if (!l || !nodes.has(l.from) || !nodes.has(l.to)) return;
      const key = l.from + '|' + l.to + '|' + l.kind;
      if (!edges.has(key)) edges.set(key, { data: { id: key, source: l.from, target: l.to, kind: l.kind, evidence: l.evidence || '', confidence: l.confidence } });
    };
    for (const r of neighbours.concat(chain)) {
      addEdge(r.via);
      for (const l of r.links || []) addEdge(l);
    }
    if (view.cy) view.cy.destroy();
    const famColour = (f) => getComputedStyle(document.documentElement).getPropertyValue('--' + f).trim() || '#7a7f8c';
    view.cy = cytoscape({
      container: $('graph'),
      elements: Array.from(nodes.values()).concat(Array.from(edges.values())),
      // Force-directed, seeded the same way each time (no randomising), so a
      // view looks the same when it is reloaded.
      layout: { name: 'cose', randomize: false, animate: false, padding: 24, nodeRepulsion: () => 400000, idealEdgeLength: () => 90, nodeOverlap: 40, componentSpacing: 60 },
      style: [
        { selector: 'node', style: { 'background-color': (n) => famColour(n.data('fam')), label: 'data(label)', 'font-size': 9, 'text-wrap': 'wrap', 'text-max-width': 100, 'text-valign': 'bottom', 'text-margin-y': 3, width: 16, height: 16, color: '#1d2430' } },
        { selector: 'node[role = "self"]', style: { width: 26, height: 26, 'border-width': 3, 'border-color': '#1d2430', 'font-weight': 'bold' } },
        { selector: 'node[role = "chain"]', style: { shape: 'diamond' } },
        { selector: 'edge', style: { width: 2, 'line-color': (e) => KIND_COLOURS[e.data('kind')] || '#999', 'target-arrow-color': (e) => KIND_COLOURS[e.data('kind')] || '#999', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.8 } },
        { selector: 'edge.hover', style: { width: 4 } },
      ],
    });
    const kinds = $('graph-legend');
    kinds.replaceChildren();
    for (const kind of new Set(Array.from(edges.values()).map((e) => e.data.kind))) {
      const span = el('span', {}, kind.replace('_', ' '));
      span.style.setProperty('--c', KIND_COLOURS[kind] || '#999');
      kinds.append(span);
    }
    const info = $('edge-info');
    info.textContent = 'Hover a link to read its evidence; click an event to move there.';
    view.cy.on('mouseover', 'edge', (ev) => {
      const d = ev.target.data();
      ev.target.addClass('hover');
      info.textContent = d.kind + ' (' + d.confidence + '): ' + d.evidence;
    });
    view.cy.on('mouseout', 'edge', (ev) => ev.target.removeClass('hover'));
    view.cy.on('mouseover', 'node', (ev) => { info.textContent = ev.target.data('label').replace('\n', ' '); });
    view.cy.on('tap', 'node', (ev) => selectEvent(ev.target.id()));
  }

  // ------------------------------------------------------------- navigation
  async function selectEvent(id) {
    if (!view.params) return;
    if (makeHash(view.params, id) !== location.hash) {
      location.hash = makeHash(view.params, id);  // hashchange draws it
      return;
    }
    await showEvent(id);
  }

  async function showEvent(id) {
    view.selected = id;
    if (view.timeline && view.items.get(id)) view.timeline.setSelection([id]);
    for (const li of $('undated-list').children) li.classList.toggle('selected', li.getAttribute('data-event') === id);
    try {
      const [shown, neighbours, chain] = await Promise.all([
        api('show', { what: id, lang: view.lang }),
        api('neighbors', { start: id, lang: view.lang }),
        api('chain', { id: id, lang: view.lang }),
      ]);
      if (view.selected !== id) return;
      drawEvent(shown);
      drawGraph(id, neighbours, chain);
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  async function route() {
    const state = parseHash();
    if (!state) return;
    const sameQuery = view.params && JSON.stringify(view.params) === JSON.stringify(state.params);
    if (!sameQuery) {
      view.params = state.params;
      view.lang = state.params.lang || (hasHan(state.params.query) ? 'zh' : 'en');
      $('q').value = state.params.query;
      $('from').value = state.params.from || '';
      $('to').value = state.params.to || '';
      $('lang').value = state.params.lang || '';
      $('all').checked = state.params.all === '1';
      setStatus('loading…');
      try {
        view.events = await api('timeline', state.params);
      } catch (e) {
        setStatus(e.message, true);
        return;
      }
      $('title').textContent = 'Timeline: ' + state.params.query + ' — ' + view.events.length + ' events';
      drawTimeline(view.events);
      setStatus(inline ? 'exported view (read-only copy)' : '');
    }
    if (state.event) await showEvent(state.event);
  }

  // ------------------------------------------------------------- start
  drawLegend();
  $('search').addEventListener('submit', submitSearch);
  $('q').addEventListener('input', suggest);
  window.addEventListener('hashchange', route);
  if (inline && !location.hash) location.hash = makeHash(inline.query, null);
  else route();
})();
