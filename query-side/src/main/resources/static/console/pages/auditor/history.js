// The event history as auditors read it (GET /api/audit/events, query side, NDJSON): filtered by
// type, person, organization, aggregate, dates and position, read a screenful at a time (the
// server's `limit`) with fetch and a stream reader, and continued with `after` from the last
// position shown. Personal fields read "[redacted]" unless the read reveals them, which the server
// allows only to auditors with AUDIT_REVEAL; the page offers it only to them. Every read is
// recorded by the server. The page never holds more than MAX_ROWS rows: older ones make way.
// Filters stay out of the URL, since a person's id is one of them.
import { h, replace } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { readNdjson } from '../../core/ndjson.js';
import { hasRole } from '../../core/session.js';
import { t, number, dateTime } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

/** Lines asked for per read: one screenful. */
export const BATCH = 100;
/** The most rows the page keeps. */
export const MAX_ROWS = 500;

function simpleName(type) {
  return String(type || '').split('.').pop();
}

/** A date field's day as the start (or, with end, the last millisecond) of that local day, ISO. */
function dayBound(day, end) {
  if (!day) return undefined;
  const at = new Date(day + (end ? 'T23:59:59.999' : 'T00:00:00'));
  return Number.isNaN(at.getTime()) ? day : at.toISOString();
}

export const page = areaPage({
  path: '/auditor/history',
  async render(view, { signal }) {
    const message = messageArea();
    const status = h('p', { class: 'muted', 'aria-live': 'polite', text: t('auditor.history.start') });
    const body = h('tbody');
    const columns = ['position', 'time', 'type', 'aggregate', 'details'];
    const table = h('table', { class: 'data', id: 'history' }, h('caption', { text: t('auditor.history.caption') }),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c === 'position' ? 'num' : null,
        text: t('auditor.history.' + c) })))), body);
    const more = h('button', { type: 'button', id: 'history-more', hidden: true, text: t('auditor.history.more') });
    const block = h('div', { class: 'table-block' }, h('div', { class: 'table-scroll' }, table),
      h('div', { class: 'pager' }, more, status));
    const mayReveal = hasRole('AUDIT_REVEAL');
    let filters = null;
    let last = null;
    let shown = 0;
    let reading = null;

    let types = [];
    try {
      types = await query.get('/api/audit/event-types', null, { signal }) || [];
    } catch (error) {
      message.error(error);
    }
    const filterForm = form({
      id: 'history-filters',
      inline: true,
      submitLabel: t('auditor.history.read'),
      fields: [
        { name: 'types', type: 'select', label: t('auditor.history.filterType'), options: [{ value: '', label: t('common.all') },
          ...types.map((type) => ({ value: type, label: simpleName(type) }))
            .sort((a, b) => a.label.localeCompare(b.label))] },
        { name: 'subject', label: t('auditor.history.filterSubject'), hint: t('auditor.history.filterSubjectHint'), maxlength: 36 },
        { name: 'organization', label: t('auditor.history.filterOrganization'), maxlength: 36 },
        { name: 'aggregate', label: t('auditor.history.filterAggregate'), maxlength: 255 },
        { name: 'fromTime', type: 'date', label: t('auditor.history.filterFromTime') },
        { name: 'untilTime', type: 'date', label: t('auditor.history.filterUntilTime') },
        { name: 'from', type: 'number', min: 0, label: t('auditor.history.filterFrom') },
        mayReveal ? { name: 'reveal', type: 'checkbox', label: t('auditor.history.reveal'), hint: t('auditor.history.revealHint') } : null,
      ].filter(Boolean),
      onSubmit: async (values) => {
        filters = { types: values.types, subject: values.subject, organization: values.organization,
          aggregate: values.aggregate, fromTime: dayBound(values.fromTime, false), untilTime: dayBound(values.untilTime, true),
          from: values.from, reveal: values.reveal ? 'true' : undefined };
        replace(body);
        shown = 0;
        last = null;
        await read();
      },
    });

    function row(line) {
      const aggregate = line.aggregate || {};
      const details = { eventId: line.eventId, revision: line.revision, metadata: line.metadata, payload: line.payload };
      return h('tr', { dataset: { position: line.position }, class: line.integrityError ? 'flagged' : null },
        h('td', { class: 'num', text: String(line.position) }),
        h('td', {}, h('time', { datetime: line.timestamp, text: dateTime(line.timestamp) })),
        h('td', {}, h('span', { text: simpleName(line.type) }),
          line.integrityError ? h('p', { class: 'field-error', text: t('auditor.history.integrity', { error: line.integrityError }) }) : null),
        h('td', {}, h('span', { text: (aggregate.type || '') + ' ' }), h('code', { text: aggregate.id || '' }),
          h('span', { class: 'muted', text: ' #' + (aggregate.sequence ?? '') })),
        h('td', {}, h('details', {}, h('summary', { text: t('auditor.history.show') }),
          // focusable: a long payload scrolls, and the keyboard has to reach it
          h('pre', { class: 'json', tabindex: '0', text: JSON.stringify(details, null, 2) }))));
    }

    /** One read of at most BATCH lines, after the last position shown (or from the filters' start). */
    async function read() {
      if (reading) reading.abort();
      const controller = new AbortController();
      reading = controller;
      signal.addEventListener('abort', () => controller.abort(), { once: true });
      more.disabled = true;
      block.setAttribute('aria-busy', 'true');
      message.clear();
      let count = 0;
      try {
        const response = await query.send('GET', '/api/audit/events', { accept: 'application/x-ndjson',
          signal: controller.signal, params: { ...filters, limit: BATCH, after: last ?? undefined } });
        await readNdjson(response, (line) => {
          body.append(row(line));
          count += 1;
          shown += 1;
          last = line.position;
          while (body.rows.length > MAX_ROWS) body.rows[0].remove();
        });
        const first = body.rows.length ? body.rows[0].dataset.position : null;
        status.textContent = [
          body.rows.length ? t('auditor.history.range', { count: number(body.rows.length), first, last }) : t('auditor.history.none'),
          shown > body.rows.length ? t('auditor.history.dropped', { max: number(MAX_ROWS) }) : null,
          count < BATCH ? t('auditor.history.end') : null].filter(Boolean).join(' ');
        more.textContent = t(count < BATCH ? 'auditor.history.newer' : 'auditor.history.more');
        more.hidden = false;
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error.problem && error.problem.field) error.fields = [{ field: error.problem.field, message: error.message }];
        throw error;
      } finally {
        if (reading === controller) {
          reading = null;
          more.disabled = false;
          block.removeAttribute('aria-busy');
        }
      }
    }

    more.addEventListener('click', () => read().catch((error) => message.error(error)));
    view.append(h('p', { text: t(mayReveal ? 'auditor.history.introReveal' : 'auditor.history.intro') }),
      filterForm.element, message.element, block);
  },
});
