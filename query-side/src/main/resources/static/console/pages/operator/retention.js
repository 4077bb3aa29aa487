// Retention runs: the job that erases members due under their organization's retention policy runs
// every learning.retention.interval; an operator can run it at once. The answer says whether this
// instance ran it (another may hold the lock and be running it: "ran": false), how many members it
// erased and how long it took. No route lists past runs, so the table shows the runs started from
// this page since signing in (in memory only). POST /api/operations/retention/runs (command side).
import { h, replace } from '../../core/dom.js';
import { command } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

const runs = []; // { at, ran, erased, millis }: this session's, in memory only

export const page = areaPage({
  path: '/operator/retention-runs',
  key: 'operator.retention',
  render(view, { signal }) {
    const body = h('tbody');

    const start = form({
      id: 'retention-run',
      inline: true,
      submitLabel: t('operator.retention.run'),
      fields: [],
      onSubmit: async () => {
        const run = await command.post('/api/operations/retention/runs', undefined, { signal });
        runs.unshift({ at: new Date().toISOString(), ...run });
        start.message.show(run.ran ? t('operator.retention.ran', { erased: number(run.erased) })
          : t('operator.retention.skipped'), run.ran ? 'success' : 'info');
        rows();
      },
    });

    function rows() {
      replace(body, runs.length ? runs.map((run) => h('tr', {},
        h('td', { text: dateTime(run.at) }),
        h('td', { text: t(run.ran ? 'operator.retention.ranHere' : 'operator.retention.ranElsewhere') }),
        h('td', { class: 'num', text: run.ran ? number(run.erased) : '' }),
        h('td', { class: 'num', text: t('operator.retention.millis', { millis: number(run.millis) }) })))
        : h('tr', {}, h('td', { colspan: 4, class: 'empty', text: t('operator.retention.none') })));
    }

    rows();
    view.append(h('p', { text: t('operator.retention.intro') }), start.element,
      dataTable({ id: 'retention-runs', caption: t('operator.retention.caption'), strings: 'operator.retention',
        columns: ['started', 'outcome', 'erased', 'took'], numeric: ['erased', 'took'], body }));
  },
});
