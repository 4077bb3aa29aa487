// The organization's live learning report. Signs in through the query side (which passes the
// login on to the command side), then follows two NDJSON streams with the bearer token: the
// learning report (one row per trainee) and the organization figures (charts). Updates arrive
// as the streams send them; the page never reloads. Everything is rendered with textContent and
// DOM nodes, never innerHTML, so names cannot inject markup.
(function () {
  'use strict';
  const rows = new Map();
  let token = null;
  let organization = null;
  const $ = (id) => document.getElementById(id);
  window.dashboardLoadedAt = Date.now(); // the browser test checks that this never changes

  function claims(jwt) {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')));
  }

  $('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').hidden = true;
    const response = await fetch('/dashboard/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: $('email').value, password: $('password').value })
    });
    if (!response.ok) {
      $('login-error').textContent = 'Sign-in failed (' + response.status + ').';
      $('login-error').hidden = false;
      return;
    }
    token = (await response.json()).accessToken;
    organization = claims(token).org;
    if (!organization) {
      $('login-error').textContent = 'This account belongs to no organization.';
      $('login-error').hidden = false;
      return;
    }
    $('login').hidden = true;
    $('board').hidden = false;
    $('status').textContent = 'Connecting…';
    follow('/api/organizations/' + organization + '/reports/learning/stream', onReport);
    follow('/api/organizations/' + organization + '/reports/organization/stream', onFigures);
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
          $('status').textContent = 'Stream refused (' + response.status + ')';
          return;
        }
        $('status').textContent = 'Live';
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let newline;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (line) {
              const message = JSON.parse(line);
              if (message.version != null) since = Math.max(since || 0, message.version);
              onMessage(message);
            }
          }
        }
      } catch (e) {
        $('status').textContent = 'Reconnecting…';
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  function onReport(message) {
    if (message.type === 'row') {
      rows.set(message.data.traineeId, message.data);
    } else if (message.type === 'removed') {
      rows.delete(message.data.traineeId);
    } else {
      return;
    }
    renderTable();
  }

  function cell(text, numeric) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (numeric) td.className = 'num';
    return td;
  }

  function percent(rate) {
    return rate == null ? '' : Math.round(rate * 100) + ' %';
  }

  function renderTable() {
    const body = document.querySelector('#report tbody');
    const sorted = [...rows.values()].sort((a, b) => (a.name || '').localeCompare(b.name || ''));
    const fresh = document.createDocumentFragment();
    for (const row of sorted) {
      const tr = document.createElement('tr');
      tr.dataset.trainee = row.traineeId;
      tr.append(cell(row.name), cell(row.email), cell(row.department),
        cell((row.learningSeconds / 3600).toFixed(2), true), cell(row.coursesStudied, true),
        cell(row.coursesCompleted, true), cell(percent(row.completionRate), true), cell(row.examsTaken, true),
        cell(percent(row.examPassRate), true), cell(row.lastActivity ? row.lastActivity.slice(0, 16).replace('T', ' ') : ''));
      fresh.append(tr);
    }
    body.replaceChildren(fresh);
    $('trainees').textContent = String(rows.size);
  }

  function onFigures(message) {
    if (message.type !== 'figures') return;
    const figures = message.data;
    $('active7').textContent = String(figures.activeTrainees7Days);
    $('active30').textContent = String(figures.activeTrainees30Days);
    bars($('completions'), figures.completionsPerDay.map((d) => [String(d.day).slice(5), d.completions]));
    bars($('hours'), figures.learningHoursByDepartment.map((d) => [d.department || '(none)', d.learningHours]));
  }

  // A bar chart in SVG: one bar per [label, value].
  function bars(svg, data) {
    const ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    const max = Math.max(1e-9, ...data.map((d) => d[1]));
    const width = 320 / Math.max(1, data.length);
    data.forEach(([label, value], i) => {
      const height = Math.round((value / max) * 100);
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(i * width + 4));
      rect.setAttribute('y', String(110 - height));
      rect.setAttribute('width', String(Math.max(2, width - 8)));
      rect.setAttribute('height', String(height));
      const title = document.createElementNS(ns, 'title');
      title.textContent = label + ': ' + value;
      rect.append(title);
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('x', String(i * width + 4));
      text.setAttribute('y', '124');
      text.textContent = label + ' (' + value + ')';
      svg.append(rect, text);
    });
  }
})();
