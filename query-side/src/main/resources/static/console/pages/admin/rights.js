// The rights requests of the organization's members (cancellation, erasure, restriction,
// objection): kind, state, when asked, the answer deadline and when closed. Ids and times only;
// names are in the member list. GET .../rights-requests (command side).
import { h } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { areaPage } from '../../core/pages.js';
import { loadedTable } from '../../components/table.js';

export const page = areaPage({
  path: '/admin/rights-requests',
  key: 'admin.rights',
  render(view, { session, signal }) {
    return loadedTable(view, {
      id: 'rights-requests', caption: t('admin.rights.caption'), strings: 'admin.rights',
      columns: ['kind', 'state', 'subject', 'requested', 'due', 'closed'],
      load: () => command.get(path`/api/organizations/${session.organization}/rights-requests`, null, { signal }),
      row: (r) => h('tr', {},
        h('td', { text: t('admin.rights.kind.' + r.kind) }), h('td', { text: t('admin.rights.state.' + r.state) }),
        h('td', { text: r.subjectId }), h('td', { text: dateTime(r.requestedAt) }), h('td', { text: dateTime(r.dueAt) }),
        h('td', { text: dateTime(r.closedAt) })),
    });
  },
});
