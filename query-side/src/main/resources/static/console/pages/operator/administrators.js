// Administrator approval: first everyone waiting for a decision in any organization, a server page
// at a time (GET /api/administrators?status=PENDING, query side), each opening their organization;
// then the people who asked to administer one organization, with their qualification documents
// (type, link, SHA-256 to check the file against), and approve or reject for those pending (a
// decision is final). The organization is chosen from the list and kept in the URL (an id, nothing
// personal). GET /api/organizations and .../{id}/administrators (query side); POST
// /api/administrators/{id}/approval and .../rejection (command side).
import { h, replace } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { replaceQuery } from '../../core/router.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { pagedTable } from '../../components/table.js';
import { untilShown } from './shown.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/operator/administrators',
  async render(view, { query: search, signal }) {
    const message = messageArea();
    const caption = h('caption');
    const body = h('tbody');
    const decision = h('div', { id: 'rejection' });
    const table = h('div', { class: 'table-scroll', hidden: true }, h('table', { class: 'data', id: 'administrators' },
      caption, h('thead', {}, h('tr', {}, ['name', 'email', 'phone', 'occupation', 'documents', 'status', 'registeredAt']
        .map((key) => h('th', { scope: 'col', text: t('operator.administrators.' + key) })),
      h('th', { scope: 'col', text: t('common.actions') }))), body));
    let organizations = [];
    let chosen = null;
    let pendingOnly = search.get('pending') !== 'false';

    const chooser = form({
      id: 'choose-organization',
      inline: true,
      submitLabel: t('operator.administrators.show'),
      fields: [
        { name: 'organization', label: t('operator.administrators.organization'), type: 'select', required: true, options: [] },
        { name: 'pending', label: t('operator.administrators.pendingOnly'), type: 'checkbox', value: pendingOnly },
      ],
      onSubmit: async (values) => {
        pendingOnly = values.pending;
        await show(values.organization);
      },
    });

    const waiting = pagedTable({
      caption: t('operator.administrators.waitingCaption'),
      label: t('operator.administrators.waitingPages'),
      size: 25,
      sizes: [25, 50, 100],
      rowKey: (a) => a.administratorId,
      columns: [
        { key: 'organizationName', label: t('operator.administrators.organizationName') },
        { key: 'name', label: t('operator.administrators.name') },
        { key: 'email', label: t('operator.administrators.email') },
        { key: 'registeredAt', label: t('operator.administrators.registeredAt'), render: (a) => dateTime(a.registeredAt) },
        { key: 'open', label: t('common.actions'), render: (a) => h('button', { type: 'button', text: t('operator.administrators.open'),
          'aria-label': t('operator.administrators.openWho', { name: a.name, organization: a.organizationName }),
          on: { click: () => open(a.organizationId) } }) },
      ],
      load: ({ page: index, size, signal: request }) => query.get('/api/administrators',
        { status: 'PENDING', page: index, size }, { signal: request }),
    });
    waiting.element.querySelector('table').id = 'waiting-administrators';

    async function open(organizationId) {
      message.clear();
      try {
        if (!organizations.some((o) => o.organizationId === organizationId)) await readOrganizations();
        chooser.field('organization').value = organizationId;
        await show(organizationId);
        chooser.field('organization').focus();
      } catch (error) {
        message.error(error);
      }
    }

    async function readOrganizations() {
      organizations = await query.get('/api/organizations', null, { signal });
      const select = chooser.field('organization');
      const current = select.value;
      replace(select, h('option', { value: '', text: t('operator.administrators.choose') }),
        organizations.map((o) => h('option', { value: o.organizationId, text: o.name })));
      select.value = current;
    }

    async function show(organizationId) {
      chosen = organizations.find((o) => o.organizationId === organizationId) || null;
      replaceQuery({ organization: chosen ? chosen.organizationId : '', pending: pendingOnly ? '' : 'false' });
      replace(decision);
      if (!chosen) {
        table.hidden = true;
        return;
      }
      caption.textContent = t('operator.administrators.caption', { name: chosen.name });
      draw(await read());
      table.hidden = false;
    }

    function read() {
      return query.get(path`/api/organizations/${chosen.organizationId}/administrators`, null, { signal });
    }

    function draw(administrators) {
      const shown = pendingOnly ? administrators.filter((a) => a.status === 'PENDING') : administrators;
      replace(body, shown.length ? shown.map((a) => h('tr', { dataset: { key: a.administratorId } },
        h('td', { text: a.name }),
        h('td', { text: a.email }),
        h('td', { text: a.phone || '' }),
        h('td', { text: a.occupation || '' }),
        h('td', {}, documents(a.documents)),
        h('td', { text: t('operator.administrators.status.' + a.status) }),
        h('td', { text: dateTime(a.registeredAt) }),
        h('td', {}, a.status === 'PENDING' ? h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'primary', text: t('operator.administrators.approve'),
            'aria-label': t('operator.administrators.approveWho', { name: a.name }), on: { click: () => approve(a) } }),
          h('button', { type: 'button', class: 'danger', text: t('operator.administrators.reject'),
            'aria-label': t('operator.administrators.rejectWho', { name: a.name }), on: { click: () => askReason(a) } }))
          : null)))
        : h('tr', {}, h('td', { colspan: 8, class: 'empty',
          text: t(pendingOnly ? 'operator.administrators.nonePending' : 'operator.administrators.none') })));
    }

    async function decided(administrator, text) {
      message.show(text, 'success');
      const done = (list) => list.some((a) => a.administratorId === administrator.administratorId && a.status !== 'PENDING');
      draw(await untilShown(read, done, signal));
      waiting.reload();
    }

    async function approve(administrator) {
      message.clear();
      try {
        await command.post(path`/api/administrators/${administrator.administratorId}/approval`);
        await decided(administrator, t('operator.administrators.approved', { name: administrator.name }));
      } catch (error) {
        message.error(error);
      }
    }

    function askReason(administrator) {
      message.clear();
      const reject = form({
        id: 'reject-administrator',
        submitLabel: t('operator.administrators.reject'),
        fields: [{ name: 'reason', label: t('operator.administrators.reason'), type: 'textarea', maxlength: 2000,
          hint: t('operator.administrators.reasonHint') + ' ' + t('operator.administrators.final') }],
        onSubmit: async ({ reason }) => {
          await command.post(path`/api/administrators/${administrator.administratorId}/rejection`, { reason });
          replace(decision);
          await decided(administrator, t('operator.administrators.rejected', { name: administrator.name }));
        },
      });
      replace(decision, h('section', { class: 'panel', 'aria-labelledby': 'rejection-title' },
        h('h2', { id: 'rejection-title', text: t('operator.administrators.rejectTitle', { name: administrator.name }) }),
        reject.element,
        h('button', { type: 'button', text: t('common.cancel'), on: { click: () => replace(decision) } })));
      reject.field('reason').focus();
    }

    view.append(h('h2', { text: t('operator.administrators.waiting') }), waiting.element,
      h('h2', { text: t('operator.administrators.oneOrganization') }), chooser.element, message.element, decision, table);
    waiting.reload();
    try {
      await readOrganizations();
      if (!organizations.length) {
        message.show(t('operator.administrators.noOrganizations'));
        return;
      }
      const select = chooser.field('organization');
      const wanted = search.get('organization');
      if (wanted && organizations.some((o) => o.organizationId === wanted)) {
        select.value = wanted;
        await show(wanted);
      }
    } catch (error) {
      message.error(error);
    }
  },
});

/** The documents as a list: type, a link when the address is https (a urn is shown as text), the hash. */
function documents(list) {
  if (!list || !list.length) return t('operator.administrators.noDocuments');
  return h('ul', { class: 'documents' }, list.map((d) => h('li', {},
    t('operator.administrators.document.' + d.type), ': ',
    /^https:\/\//i.test(d.uri || '') ? h('a', { href: d.uri, rel: 'noopener noreferrer', target: '_blank', text: d.uri })
      : h('span', { text: d.uri || '' }),
    h('br'), t('operator.administrators.sha256') + ': ', h('code', { class: 'hash', text: d.sha256 || '' }))));
}
