// The rights requests of the organization's members (cancellation, erasure, restriction,
// objection): kind, state, when asked, the answer deadline and when closed. Ids and times only;
// names are in the member list. GET .../rights-requests (command side).
import { h } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';

export const page = {
  path: '/admin/rights-requests',
  area: 'admin',
  roles: ['ORG_ADMIN'],
  title: 'admin.rights.title',
  summary: 'admin.rights.summary',
  nav: true,
  async render(view, { session, signal }) {
    const org = session.organization;
    const message = messageArea();
    const body = h('tbody');
    view.append(message.element, h('div', { class: 'table-scroll' }, h('table', { class: 'data', id: 'rights-requests' },
      h('caption', { text: t('admin.rights.caption') }),
      h('thead', {}, h('tr', {}, ['kind', 'state', 'subject', 'requested', 'due', 'closed'].map((key) =>
        h('th', { scope: 'col', text: t('admin.rights.' + key) })))), body)));
    try {
      const requests = await command.get(path`/api/organizations/${org}/rights-requests`, null, { signal });
      body.append(...(requests.length ? requests.map((r) => h('tr', {},
        h('td', { text: t('admin.rights.kind.' + r.kind) }), h('td', { text: t('admin.rights.state.' + r.state) }),
        h('td', { text: r.subjectId }), h('td', { text: dateTime(r.requestedAt) }), h('td', { text: dateTime(r.dueAt) }),
        h('td', { text: dateTime(r.closedAt) })))
        : [h('tr', {}, h('td', { colspan: 6, class: 'empty', text: t('table.empty') }))]));
    } catch (error) {
      message.error(error);
    }
  },
};
