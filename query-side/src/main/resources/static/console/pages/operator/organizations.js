// The organizations: register one (name and data region), and list them all with a link to each
// one's administrators, and its id with the public page that asks to administer it (join.html).
// POST /api/organizations (command side), GET /api/organizations (query side, which answers the
// whole list: organizations are few, registered one by one by operators).
import { h, replace } from '../../core/dom.js';
import { query, command } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { href } from '../../core/router.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { untilShown } from './shown.js';

export const page = {
  path: '/operator/organizations',
  area: 'operator',
  roles: ['OPERATOR'],
  title: 'operator.organizations.title',
  summary: 'operator.organizations.summary',
  nav: true,
  async render(view, { signal }) {
    const message = messageArea();
    const count = h('p', { id: 'organization-count', 'aria-live': 'polite' });
    const body = h('tbody');

    const register = form({
      id: 'register-organization',
      submitLabel: t('operator.organizations.submit'),
      fields: [
        { name: 'name', label: t('operator.organizations.name'), required: true, maxlength: 200, autocomplete: 'off' },
        { name: 'dataRegion', label: t('operator.organizations.dataRegion'), required: true, maxlength: 13,
          hint: t('operator.organizations.dataRegionHint'), autocomplete: 'off' },
      ],
      onSubmit: async ({ name, dataRegion }) => {
        const answer = await command.post('/api/organizations', { name: name.trim(), dataRegion: dataRegion.trim() });
        register.reset();
        register.message.show(t('operator.organizations.registered', { name: name.trim() }), 'success');
        // the query side lists it once it has applied the event (well within a second)
        await untilShown(load, (list) => list.some((o) => o.organizationId === answer.organizationId), signal);
      },
    });

    async function load() {
      const organizations = await query.get('/api/organizations', null, { signal });
      count.textContent = t('operator.organizations.count', { count: number(organizations.length) });
      replace(body, organizations.length ? organizations.map((o) => h('tr', { dataset: { key: o.organizationId } },
        h('td', { text: o.name }),
        h('td', { text: o.dataRegion }),
        h('td', { text: dateTime(o.registeredAt) }),
        h('td', {}, h('a', { href: href('/operator/administrators', { organization: o.organizationId }),
          text: t('operator.organizations.administrators'),
          'aria-label': t('operator.organizations.administratorsOf', { name: o.name }) })),
        // what to give the person who will run it: the id, and the public page that asks with it
        h('td', {}, h('code', { text: o.organizationId }), ' ', h('a', { href: 'join.html#administer/' + o.organizationId,
          text: t('operator.organizations.askLink'), 'aria-label': t('operator.organizations.askLinkOf', { name: o.name }) }))))
        : h('tr', {}, h('td', { colspan: 5, class: 'empty', text: t('operator.organizations.none') })));
      return organizations;
    }

    view.append(h('h2', { text: t('operator.organizations.register') }), register.element, message.element, count,
      h('div', { class: 'table-scroll' }, h('table', { class: 'data', id: 'organizations' },
        h('caption', { text: t('operator.organizations.caption') }),
        h('thead', {}, h('tr', {}, ['name', 'dataRegion', 'registeredAt', 'administrators', 'id'].map((key) =>
          h('th', { scope: 'col', text: t('operator.organizations.' + key) })))),
        body)));
    try {
      await load();
    } catch (error) {
      message.error(error);
    }
  },
};
