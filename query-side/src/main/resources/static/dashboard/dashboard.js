// The learning dashboard. Signs in through the query side (which passes the login on to the
// command side), then, by the token's roles:
// - an administrator follows two NDJSON streams with the bearer token: the learning report (one
//   row per trainee, kept in memory) and the organization figures (charts). The table shows one
//   page of the rows the department and status filters let through, so a large organization
//   never becomes a huge DOM; the export buttons download the report with the same filters;
// - a trainee follows the learning report, which for them is their own row, and sees their figures;
// - anyone else is told what the page is for.
// Updates arrive as the streams send them; the page never reloads. Everything is rendered with
// textContent and DOM nodes, never innerHTML, so names cannot inject markup. No inline script or
// handler: everything is wired here. A module (strict by itself), which reads the streams with the
// console's NDJSON reader.
import { readNdjson } from '/console/core/ndjson.js';

(function () {
  const PAGE_SIZE = 50;
  const rows = new Map();
  const departments = new Set();
  const byName = new Intl.Collator(undefined, { sensitivity: 'base' });
  let token = null;
  let organization = null;
  let page = 0;
  let renderPending = false;
  let mineSeen = false;
  // ?department=X (the console's link) opens with that department chosen, once it has arrived
  let wantedDepartment = new URLSearchParams(window.location.search).get('department');
  const $ = (id) => document.getElementById(id);
  window.dashboardLoadedAt = Date.now(); // the browser test checks that this never changes

  function claims(jwt) {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')));
  }

  function loginError(text) {
    $('login-error').textContent = text;
    $('login-error').hidden = false;
  }

  $('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').hidden = true;
    const response = await fetch('/dashboard/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: $('email').value, password: $('password').value })
    });
    if (!response.ok) {
      loginError('Sign-in failed (' + response.status + ').');
      return;
    }
    token = (await response.json()).accessToken;
    const claimed = claims(token);
    organization = claimed.org;
    const roles = claimed.roles || [];
    if (!organization) {
      loginError('This account belongs to no organization.');
      return;
    }
    $('login').hidden = true;
    const learning = '/api/organizations/' + organization + '/reports/learning/stream';
    if (roles.includes('ORG_ADMIN')) {
      $('board').hidden = false;
      $('status').textContent = 'Connecting…';
      follow(learning, onReport);
      follow('/api/organizations/' + organization + '/reports/organization/stream', onFigures);
    } else if (roles.includes('TRAINEE')) {
      $('mine').hidden = false;
      $('status').textContent = 'Connecting…';
      follow(learning, onMine);
    } else {
      $('not-for-you').hidden = false;
      $('status').textContent = 'Signed in';
    }
  });

  // Reads an NDJSON stream line by line; reconnects after a drop, resuming learning rows from the
  // last version seen.
  async function follow(path, onMessage) {
    let since = null;
    for (;;) {
      try {
        const url = path + (since !== null && path.includes('/learning/') ? '?since=' + since : '');
        const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/x-ndjson' } });
        if (response.status === 503) { // the instance has as many streams as it takes: ask again later
          $('status').textContent = 'Busy, retrying…';
          const seconds = Number(response.headers.get('Retry-After')) || 1;
          await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
          continue;
        }
        if (!response.ok) {
          $('status').textContent = response.status === 401 ? 'Signed out: sign in again'
            : 'This report is not available to you (' + response.status + ')';
          return;
        }
        $('status').textContent = 'Live';
        await readNdjson(response, (message) => {
          if (message.version != null) since = Math.max(since || 0, message.version);
          onMessage(message);
        });
      } catch (e) {
        $('status').textContent = 'Reconnecting…';
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  // ---- an administrator's organization ----------------------------------------------------------

  function onReport(message) {
    if (message.type === 'row') {
      rows.set(message.data.traineeId, message.data);
      if (message.data.department && !departments.has(message.data.department)) {
        departments.add(message.data.department);
        departmentOptions();
      }
    } else if (message.type === 'removed') {
      rows.delete(message.data.traineeId);
    } else {
      return;
    }
    scheduleRender();
  }

  // A snapshot of 100,000 rows arrives as 100,000 messages: render once per frame, not per row.
  function scheduleRender() {
    if (renderPending) return;
    renderPending = true;
    setTimeout(() => {
      renderPending = false;
      renderTable();
    }, 50);
  }

  function departmentOptions() {
    const select = $('department-filter');
    const chosen = select.value;
    const options = [...departments].sort(byName.compare).map((department) => {
      const option = document.createElement('option');
      option.value = department;
      option.textContent = department;
      return option;
    });
    select.replaceChildren(select.options[0], ...options);
    select.value = chosen;
    if (wantedDepartment && departments.has(wantedDepartment)) {
      select.value = wantedDepartment;
      wantedDepartment = null;
      page = 0;
    }
  }

  function filters() {
    return { department: $('department-filter').value, status: $('status-filter').value };
  }

  function matches(row, filter) {
    return (!filter.department || row.department === filter.department)
      && (!filter.status || row.status === filter.status);
  }

  for (const id of ['department-filter', 'status-filter']) {
    $(id).addEventListener('change', () => {
      page = 0;
      renderTable();
    });
  }
  $('previous-page').addEventListener('click', () => {
    page = Math.max(0, page - 1);
    renderTable();
  });
  $('next-page').addEventListener('click', () => {
    page += 1;
    renderTable();
  });

  function cell(text, numeric) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (numeric) td.className = 'num';
    return td;
  }

  function percent(rate) {
    return rate == null ? '' : Math.round(rate * 100) + ' %';
  }

  function when(instant) {
    return instant ? instant.slice(0, 16).replace('T', ' ') : '';
  }

  // Only the current page becomes DOM; the rest stay in the map.
  function renderTable() {
    const filter = filters();
    const shown = [...rows.values()].filter((row) => matches(row, filter))
      .sort((a, b) => byName.compare(a.name || '', b.name || '') || (a.traineeId < b.traineeId ? -1 : 1));
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const first = page * PAGE_SIZE;
    const fresh = document.createDocumentFragment();
    for (const row of shown.slice(first, first + PAGE_SIZE)) {
      const tr = document.createElement('tr');
      tr.dataset.trainee = row.traineeId;
      tr.append(cell(row.name), cell(row.email), cell(row.department),
        cell((row.learningSeconds / 3600).toFixed(2), true), cell(row.coursesStudied, true),
        cell(row.coursesCompleted, true), cell(percent(row.completionRate), true), cell(row.examsTaken, true),
        cell(percent(row.examPassRate), true), cell(when(row.lastActivity)),
        cell(row.status === 'DEACTIVATED' ? 'Deactivated' : 'Active'));
      fresh.append(tr);
    }
    document.querySelector('#report tbody').replaceChildren(fresh);
    $('page-info').textContent = shown.length === 0 ? 'No trainees'
      : (first + 1) + '–' + Math.min(first + PAGE_SIZE, shown.length) + ' of ' + shown.length
        + (shown.length === rows.size ? '' : ' (of ' + rows.size + ')');
    $('previous-page').disabled = page === 0;
    $('next-page').disabled = page >= pages - 1;
    $('trainees').textContent = String(rows.size);
  }

  // A link cannot carry the bearer token: fetch the file, then save it from a Blob under the name
  // the server gave it.
  async function exportReport(format) {
    const filter = filters();
    const query = new URLSearchParams({ format, sort: 'name,asc' });
    if (filter.department) query.set('department', filter.department);
    if (filter.status) query.set('status', filter.status);
    $('export-message').textContent = 'Preparing ' + format.toUpperCase() + '…';
    try {
      const response = await fetch('/api/organizations/' + organization + '/reports/learning/export?' + query,
        { headers: { Authorization: 'Bearer ' + token } });
      if (!response.ok) {
        $('export-message').textContent = response.status === 503
          ? 'Other exports are running; try again in a moment.' : 'Export failed (' + response.status + ').';
        return;
      }
      const blob = await response.blob();
      const disposition = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = disposition ? disposition[1] : 'learning-report.' + format;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      $('export-message').textContent = 'Saved ' + link.download;
    } catch (e) {
      $('export-message').textContent = 'Export failed.';
    }
  }

  $('export-csv').addEventListener('click', () => exportReport('csv'));
  $('export-xlsx').addEventListener('click', () => exportReport('xlsx'));

  function onFigures(message) {
    if (message.type !== 'figures') return;
    const figures = message.data;
    $('active7').textContent = String(figures.activeTrainees7Days);
    $('active30').textContent = String(figures.activeTrainees30Days);
    bars($('completions'), figures.completionsPerDay.map((d) => [String(d.day).slice(5), d.completions]), '');
    bars($('hours'), figures.learningHoursByDepartment.map((d) => [d.department || '(none)', d.learningHours]), ' h');
  }

  // A bar chart in SVG: one bar per [label, value], the value above its bar and the label below.
  // Labels never overlap (placeLabels); each bar's title holds its full label and value.
  function bars(svg, data, unit) {
    const ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    const max = Math.max(1e-9, ...data.map((d) => d[1]));
    const slot = 320 / Math.max(1, data.length);
    const values = [];
    const labels = [];
    data.forEach(([label, value], i) => {
      const height = Math.round((value / max) * 96);
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(i * slot + slot * 0.1));
      rect.setAttribute('y', String(110 - height));
      rect.setAttribute('width', String(Math.max(1, slot * 0.8)));
      rect.setAttribute('height', String(height));
      const title = document.createElementNS(ns, 'title');
      title.textContent = label + ': ' + value + unit;
      rect.append(title);
      const amount = document.createElementNS(ns, 'text');
      amount.setAttribute('class', 'value');
      amount.setAttribute('x', String(i * slot + slot / 2));
      amount.setAttribute('y', String(107 - height));
      amount.textContent = String(value);
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('class', 'label');
      text.setAttribute('x', String(i * slot + 1));
      text.textContent = label;
      svg.append(rect, amount, text);
      values.push(amount);
      labels.push(text);
    });
    // values: all shown when each fits above its bar, else none (the titles still have them)
    const valuesFit = values.every((v) => width(v) <= slot - 1);
    values.forEach((v) => { v.style.display = valuesFit ? '' : 'none'; });
    placeLabels(labels, data.map((d) => d[0]), slot);
  }

  function width(text) {
    return text.getComputedTextLength() || text.textContent.length * 5.5;
  }

  // One row of whole labels if they fit; else two staggered rows, each label as wide as the two
  // slots up to the next label on its row, shortened if need be; else the same with fewer labels.
  function placeLabels(labels, texts, slot) {
    const count = labels.length;
    const layouts = [{ rows: 1, step: 1, shorten: false }];
    for (let step = 1; step <= count; step++) layouts.push({ rows: 2, step, shorten: true });
    for (const { rows, step, shorten } of layouts) {
      let fits = true;
      for (let i = 0; i < count && fits; i += step) {
        fits = fitText(labels[i], texts[i], Math.min(rows * step, count - i) * slot - 3, shorten);
      }
      if (fits) {
        labels.forEach((label, i) => {
          label.style.display = i % step === 0 ? '' : 'none';
          label.setAttribute('y', rows === 2 && (i / step) % 2 === 1 ? '134' : '122');
        });
        return;
      }
    }
    labels.forEach((label) => { label.style.display = 'none'; });
  }

  // The text itself, or if it may be shortened its start with an ellipsis, within room; false if
  // not even four characters (or the whole of a shorter text) fit.
  function fitText(label, text, room, shorten) {
    label.textContent = text;
    if (width(label) <= room) return true;
    for (let length = text.length - 1; shorten && length >= Math.min(4, text.length); length--) {
      label.textContent = text.slice(0, length) + '…';
      if (width(label) <= room) return true;
    }
    return false;
  }

  // ---- a trainee's own learning -----------------------------------------------------------------

  function onMine(message) {
    if (message.type === 'row') {
      const row = message.data;
      const minutes = Math.floor(row.learningSeconds / 60);
      mineSeen = true;
      $('mine-name').textContent = row.name ? ', ' + row.name : '';
      $('mine-learning').textContent = Math.floor(minutes / 60) + ':' + String(minutes % 60).padStart(2, '0');
      $('mine-studied').textContent = String(row.coursesStudied);
      $('mine-completed').textContent = String(row.coursesCompleted);
      $('mine-completion').textContent = percent(row.completionRate) || '–';
      $('mine-exams').textContent = String(row.examsTaken);
      $('mine-pass').textContent = percent(row.examPassRate) || '–';
      $('mine-last').textContent = when(row.lastActivity) || 'none yet';
      $('mine-empty').hidden = true;
      $('mine-figures').hidden = false;
    } else if (message.type === 'removed') {
      mineSeen = false;
      $('mine-figures').hidden = true;
      $('mine-empty').hidden = false;
    } else if (message.type === 'snapshot-complete' && !mineSeen) {
      $('mine-figures').hidden = true;
      $('mine-empty').hidden = false;
    }
  }
})();
