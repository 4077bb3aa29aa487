// Projection rebuilds: the projections that can be rebuilt, each one's last rebuild (state,
// progress, rate, time left), a button to start one, and the progress followed once a second while
// it runs (the status is the database's, so any instance answers). GET /api/operations/projections,
// POST and GET /api/operations/projections/{name}/rebuild (query side).
import { h, replace } from '../../core/dom.js';
import { query, path } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

const RUNNING = ['RUNNING', 'SWAPPING'];

export const page = areaPage({
  path: '/operator/rebuilds',
  async render(view, { signal }) {
    const message = messageArea();
    const body = h('tbody');
    const rows = new Map(); // projection → its <tr>
    view.append(h('p', { text: t('operator.rebuilds.intro') }), message.element,
      dataTable({ id: 'rebuilds', caption: t('operator.rebuilds.caption'), strings: 'operator.rebuilds',
        columns: ['projection', 'state', 'progress', 'rate', 'eta', 'started', 'finished'], numeric: ['rate', 'eta'],
        actions: true, body }));

    async function status(name) {
      try {
        return await query.get(path`/api/operations/projections/${name}/rebuild`, null, { signal });
      } catch (error) {
        if (error.code === 'no-rebuild') return null;
        throw error;
      }
    }

    function draw(name, s) {
      const running = s && RUNNING.includes(s.state);
      const progressText = s ? t('operator.rebuilds.position', { percent: number(Math.round(s.percent * 10) / 10),
        position: number(Math.max(0, s.position)), head: number(Math.max(0, s.head)) }) : '';
      replace(rows.get(name),
        h('th', { scope: 'row', text: name }),
        h('td', { class: 'state', text: s ? t('operator.rebuilds.state.' + s.state) : t('operator.rebuilds.never') }),
        h('td', {}, s ? [h('progress', { max: 100, value: Math.min(100, Math.max(0, s.percent)), 'aria-label': progressText }),
          ' ', progressText] : null),
        h('td', { class: 'num', text: s && running ? number(Math.round(s.eventsPerSecond)) : '' }),
        h('td', { class: 'num', text: s && s.etaSeconds != null ? t('operator.rebuilds.seconds', { seconds: number(s.etaSeconds) }) : '' }),
        h('td', { text: s ? dateTime(s.startedAt) : '' }),
        h('td', { text: s ? dateTime(s.finishedAt) : '' }),
        h('td', {}, h('button', { type: 'button', class: 'primary', text: t('operator.rebuilds.start'), disabled: running,
          'aria-label': t('operator.rebuilds.startWho', { projection: name }), on: { click: () => start(name) } })));
    }

    /** Reads the status once a second until the rebuild is over (or the user leaves the page). */
    async function follow(name, s) {
      while (s && RUNNING.includes(s.state) && !signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (signal.aborted) return;
        s = await status(name);
        draw(name, s);
      }
      if (s && s.state === 'DONE') message.show(t('operator.rebuilds.done', { projection: name }), 'success');
      if (s && s.state === 'FAILED') message.show(t('operator.rebuilds.failed', { projection: name, error: s.error || '' }), 'error');
    }

    async function start(name) {
      message.clear();
      try {
        const s = await query.post(path`/api/operations/projections/${name}/rebuild`, undefined, { signal });
        draw(name, s);
        message.show(t('operator.rebuilds.starting', { projection: name }), 'info');
        await follow(name, s);
      } catch (error) {
        message.error(error);
      }
    }

    try {
      const names = await query.get('/api/operations/projections', null, { signal });
      if (!names.length) {
        replace(body, h('tr', {}, h('td', { colspan: 8, class: 'empty', text: t('operator.rebuilds.none') })));
        return;
      }
      names.forEach((name) => rows.set(name, h('tr', { dataset: { key: name } })));
      replace(body, [...rows.values()]);
      const statuses = await Promise.all(names.map(status));
      names.forEach((name, i) => draw(name, statuses[i]));
      // a rebuild started elsewhere (another operator, the command line) is followed too
      await Promise.all(names.map((name, i) => RUNNING.includes(statuses[i] && statuses[i].state)
        ? follow(name, statuses[i]) : null));
    } catch (error) {
      message.error(error);
    }
  },
});
