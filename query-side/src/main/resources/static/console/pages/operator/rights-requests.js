// Overdue rights requests: the open requests, across every organization, past their one-month
// answer deadline, oldest first. Ids, kinds and times only; the route answers at most 1,000 in one
// list, shown a page at a time. GET /api/operations/rights-requests/overdue (command side).
import { h } from '../../core/dom.js';
import { query, command } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { pagedTable } from '../../components/table.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/operator/rights-requests',
  key: 'operator.overdue',
  async render(view, { signal }) {
    const names = new Map(); // organization id → name
    let overdue = null; // the route's one answer, read again by Refresh

    const table = pagedTable({
      caption: t('operator.overdue.caption'),
      rowKey: (r) => r.requestId,
      columns: [
        { key: 'kind', label: t('admin.rights.kind'), render: (r) => t('admin.rights.kind.' + r.kind) },
        { key: 'organization', label: t('operator.overdue.organization'), render: (r) => names.get(r.organizationId) || r.organizationId },
        { key: 'subject', label: t('operator.overdue.subject'), render: (r) => h('code', { text: r.subjectId }) },
        { key: 'requested', label: t('admin.rights.requested'), render: (r) => dateTime(r.requestedAt) },
        { key: 'due', label: t('admin.rights.due'), render: (r) => dateTime(r.dueAt) },
        { key: 'actAt', label: t('operator.overdue.actAt'), render: (r) => dateTime(r.actAt) },
      ],
      load: async ({ page, size, signal: aborted }) => {
        if (!overdue || page === 0) {
          overdue = { list: await command.get('/api/operations/rights-requests/overdue', null, { signal: aborted }) };
        }
        return { items: overdue.list.slice(page * size, (page + 1) * size), total: overdue.list.length };
      },
    });
    table.element.id = 'overdue';
    const refresh = h('button', { type: 'button', text: t('operator.overdue.refresh'), on: { click: () => table.reload({ page: 0 }) } });

    view.append(h('p', { text: t('operator.overdue.intro') }), h('div', { class: 'actions' }, refresh), table.element);
    try {
      (await query.get('/api/organizations', null, { signal })).forEach((o) => names.set(o.organizationId, o.name));
    } catch (error) {
      // names are a help: without them the table shows the organizations' ids
    }
    await table.reload({ page: 0 });
  },
});
