// Who the signed-in user is, as the command side's token check sees it (GET /api/me): open to
// every role, and the smallest example of a page (see docs/console.md, "Adding a page").
import { h } from '../core/dom.js';
import { command } from '../core/api.js';
import { t } from '../core/strings.js';
import { messageArea } from '../components/messages.js';

export const page = {
  path: '/me',
  area: 'account',
  roles: [], // any signed-in user
  title: 'me.title',
  nav: true,
  async render(view, { signal }) {
    const message = messageArea();
    const facts = h('dl', { class: 'facts' });
    view.append(message.element, facts);
    try {
      const me = await command.get('/api/me', null, { signal });
      facts.append(
        h('dt', { text: t('me.userId') }), h('dd', { text: me.userId }),
        h('dt', { text: t('me.organization') }), h('dd', { text: me.organizationId || t('me.noOrganization') }),
        h('dt', { text: t('me.roles') }), h('dd', { text: (me.roles || []).map((role) => t('role.' + role)).join(', ') }));
    } catch (error) {
      message.error(error);
    }
  },
};
