// The organizations: register one (name and data region), and list them a server page at a time
// (newest first by default, or by name), each with a link to its administrators, and its id with
// the public page that asks to administer it (join.html). POST /api/organizations (command side),
// GET /api/organizations?page=&size=&sort= (query side, which pages when asked to; the answer
// without paging is the whole list, for other clients).
import { h } from '../../core/dom.js';
import { query, command } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { href, replaceQuery } from '../../core/router.js';
import { form } from '../../components/form.js';
import { pagedTable, pageInAddress } from '../../components/table.js';
import { untilShown } from './shown.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/operator/organizations',
  render(view, { query: search, signal }) {
    const count = h('p', { id: 'organization-count', 'aria-live': 'polite' });

    const register = form({
      id: 'register-organization',
      submitLabel: t('operator.organizations.submit'),
      fields: [
        { name: 'name', label: t('operator.organizations.name'), required: true, maxlength: 200, autocomplete: 'off' },
        { name: 'dataRegion', label: t('operator.organizations.dataRegion'), required: true, maxlength: 13,
          hint: t('operator.organizations.dataRegionHint'), autocomplete: 'off' },
      ],
      onSubmit: async ({ name, dataRegion }) => {
        const before = table.state.total;
        await command.post('/api/organizations', { name: name.trim(), dataRegion: dataRegion.trim() });
        register.reset();
        register.message.show(t('operator.organizations.registered', { name: name.trim() }), 'success');
        // the query side lists it once it has applied the event (well within a second)
        await untilShown(() => query.get('/api/organizations', { page: 0, size: 1 }, { signal }),
          (answer) => answer.total > before, signal);
        await table.reload();
      },
    });

    const table = pagedTable({
      caption: t('operator.organizations.caption'),
      label: t('operator.organizations.pages'),
      ...pageInAddress(search, 'registeredAt,desc'),
      rowKey: (o) => o.organizationId,
      columns: [
        { key: 'name', label: t('operator.organizations.name'), sort: 'name' },
        { key: 'dataRegion', label: t('operator.organizations.dataRegion') },
        { key: 'registeredAt', label: t('operator.organizations.registeredAt'), sort: 'registeredAt',
          render: (o) => dateTime(o.registeredAt) },
        { key: 'administrators', label: t('operator.organizations.administrators'),
          render: (o) => h('a', { href: href('/operator/administrators', { organization: o.organizationId }),
            text: t('operator.organizations.administrators'),
            'aria-label': t('operator.organizations.administratorsOf', { name: o.name }) }) },
        // what to give the person who will run it: the id, and the public page that asks with it
        { key: 'id', label: t('operator.organizations.id'), render: (o) => [h('code', { text: o.organizationId }), ' ',
          h('a', { href: 'join.html#administer/' + o.organizationId, text: t('operator.organizations.askLink'),
            'aria-label': t('operator.organizations.askLinkOf', { name: o.name }) })] },
      ],
      load: async ({ page: index, size, sort, signal: request }) => {
        const answer = await query.get('/api/organizations', { page: index, size, sort }, { signal: request });
        count.textContent = t('operator.organizations.count', { count: number(answer.total) });
        return answer;
      },
      onChange: (state) => replaceQuery({ ...state, page: state.page || null }),
    });
    table.element.querySelector('table').id = 'organizations';

    view.append(h('h2', { text: t('operator.organizations.register') }), register.element, count, table.element);
    table.reload();
  },
});
