// Tune4j results viewer: sortable and filterable tables, trial selection for plots and
// comparisons, and live refresh (polls the data's version; swaps the live part when it changes).
(function () {
  'use strict';
  const live = document.getElementById('live');
  if (!live) return;
  const state = { sortKey: null, sortDir: 1, selected: new Set(), filter: '' };
  const POLL_MS = 2000;

  function cellValue(row, index) {
    const td = row.cells[index];
    if (!td) return '';
    return td.dataset.v !== undefined ? td.dataset.v : td.textContent.trim();
  }

  function compareValues(a, b) {
    const an = a === '' ? NaN : Number(a);
    const bn = b === '' ? NaN : Number(b);
    const aNum = !Number.isNaN(an), bNum = !Number.isNaN(bn);
    if (aNum && bNum) return an - bn;
    if (a === '' && b !== '') return 1;   // empty cells last either way
    if (b === '' && a !== '') return -1;
    if (aNum !== bNum) return aNum ? -1 : 1;
    return a.localeCompare(b, undefined, { numeric: true });
  }

  function sortTable(table) {
    if (!state.sortKey) return;
    const headers = Array.from(table.tHead.rows[0].cells);
    const index = headers.findIndex(th => th.dataset.key === state.sortKey);
    headers.forEach(th => th.classList.remove('sorted-asc', 'sorted-desc'));
    if (index < 0) return;
    headers[index].classList.add(state.sortDir > 0 ? 'sorted-asc' : 'sorted-desc');
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((r1, r2) => {
      const a = cellValue(r1, index), b = cellValue(r2, index);
      if (a === '' || b === '') return compareValues(a, b);
      return state.sortDir * compareValues(a, b);
    });
    rows.forEach(r => body.appendChild(r));
  }

  function filterTable(table) {
    const headers = Array.from(table.tHead.rows[0].cells);
    const terms = state.filter.toLowerCase().split(/\s+/).filter(t => t.length > 0);
    let shown = 0;
    for (const row of table.tBodies[0].rows) {
      const text = row.textContent.toLowerCase();
      const ok = terms.every(term => {
        const eq = term.indexOf('=');
        if (eq > 0) {
          const key = term.slice(0, eq), want = term.slice(eq + 1);
          const index = headers.findIndex(th => (th.dataset.name || '').toLowerCase() === key);
          if (index >= 0) return row.cells[index].textContent.trim().toLowerCase() === want;
        }
        return text.includes(term);
      });
      row.hidden = !ok;
      if (ok) shown++;
    }
    table.dataset.shown = String(shown);
  }

  function updateSelection() {
    const picks = Array.from(document.querySelectorAll('input.pick'));
    const names = picks.filter(p => p.checked).map(p => p.value);
    const count = document.getElementById('selcount');
    if (count) count.textContent = names.length ? names.length + ' selected' : '';
    const compare = document.getElementById('compare');
    if (compare) compare.disabled = names.length < 2;
    const plot = document.getElementById('plot');
    if (plot && picks.length) {
      const trials = names.map(n => '&trial=' + encodeURIComponent(n)).join('');
      const base = plot.dataset.base + trials;
      const src = base + '&v=' + live.dataset.version;
      if (plot.getAttribute('src') !== src) plot.setAttribute('src', src);
      const png = document.getElementById('pngLink'), svg = document.getElementById('svgLink');
      if (png) png.href = base;
      if (svg) svg.href = base.replace('/plot.png?', '/plot.svg?');
    }
  }

  function wire() {
    for (const table of live.querySelectorAll('table.sortable')) {
      for (const th of table.tHead.rows[0].cells) {
        if (th.classList.contains('nosort') || !th.dataset.key) continue;
        th.tabIndex = 0;
        th.addEventListener('click', () => {
          state.sortDir = state.sortKey === th.dataset.key ? -state.sortDir : 1;
          state.sortKey = th.dataset.key;
          sortTable(table);
        });
      }
      sortTable(table);
      filterTable(table);
    }
    for (const pick of live.querySelectorAll('input.pick')) {
      pick.checked = state.selected.has(pick.value);
      pick.addEventListener('change', () => {
        if (pick.checked) state.selected.add(pick.value); else state.selected.delete(pick.value);
        updateSelection();
      });
    }
    applyOnlyDiff();
    updateSelection();
  }

  function applyOnlyDiff() {
    const only = document.getElementById('onlydiff');
    const table = document.getElementById('configdiff');
    if (!only || !table) return;
    for (const row of table.tBodies[0].rows) row.hidden = only.checked && !row.classList.contains('diff');
  }

  const filter = document.getElementById('filter');
  if (filter) {
    filter.addEventListener('input', () => {
      state.filter = filter.value;
      live.querySelectorAll('table.sortable').forEach(filterTable);
    });
  }
  const only = document.getElementById('onlydiff');
  if (only) only.addEventListener('change', applyOnlyDiff);
  const compare = document.getElementById('compare');
  if (compare) {
    compare.addEventListener('click', () => {
      const names = Array.from(state.selected);
      if (names.length >= 2) location.href = compare.dataset.base + names.map(n => '&trial=' + encodeURIComponent(n)).join('');
    });
  }

  const status = document.getElementById('livestatus');
  function setStatus(text, ok) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('stale', !ok);
  }

  let busy = false;
  async function poll() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const r = await fetch(live.dataset.versionUrl, { cache: 'no-store' });
      if (!r.ok) throw new Error('HTTP ' + r.status);
      const v = String((await r.json()).version);
      if (v !== live.dataset.version) {
        const u = new URL(location.href);
        u.searchParams.set('partial', '1');
        const page = await fetch(u, { cache: 'no-store' });
        if (!page.ok) throw new Error('HTTP ' + page.status);
        // Keep playing videos playing: the same recording moves over to the new page.
        const playing = new Map(Array.from(live.querySelectorAll('video')).map(v => [v.getAttribute('src'), v]));
        live.innerHTML = await page.text();
        for (const v of live.querySelectorAll('video')) {
          const old = playing.get(v.getAttribute('src'));
          if (old) v.replaceWith(old);
        }
        live.dataset.version = v;
        wire();
        const plot = document.getElementById('plot');
        if (plot && !document.querySelector('input.pick')) {
          plot.setAttribute('src', plot.dataset.base + '&v=' + v);
        }
      }
      setStatus('live · ' + new Date().toLocaleTimeString(), true);
    } catch (e) {
      setStatus('offline: ' + e.message, false);
    } finally {
      busy = false;
    }
  }

  wire();
  setInterval(poll, POLL_MS);
})();
