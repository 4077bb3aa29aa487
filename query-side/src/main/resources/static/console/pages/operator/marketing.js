// An operator's marketing message to one organization's members: the organization picked from the
// registered ones (GET /api/organizations, query side), then the administrator's form
// (pages/admin/marketing.js) on the same route, POST /api/organizations/{org}/marketing-messages
// (command side), which lets an operator send for any organization. Nothing goes in the URL.
import { h } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { t } from '../../core/strings.js';
import { marketingForm } from '../admin/marketing.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/operator/marketing',
  async render(view, { signal }) {
    const send = marketingForm({
      fields: [{ name: 'organization', label: t('operator.marketing.organization'), type: 'select', required: true,
        value: '', options: [{ value: '', label: t('operator.marketing.choose') }] }],
      organizationOf: ({ organization }) => organization,
    });
    view.append(h('p', { text: t('operator.marketing.intro') }), send.element);
    try {
      const organizations = await query.get('/api/organizations', null, { signal });
      send.setOptions('organization', [{ value: '', label: t('operator.marketing.choose') },
        ...organizations.map((o) => ({ value: o.organizationId, label: o.name }))], '');
    } catch (error) {
      send.message.error(error);
    }
  },
});
