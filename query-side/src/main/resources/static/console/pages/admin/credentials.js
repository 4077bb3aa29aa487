// Ingestion credentials for the organization's devices and content (xAPI Basic auth): the list,
// issuing one (its secret shown this once, never again), revoking one.
// GET/POST .../xapi-credentials, DELETE .../xapi-credentials/{key} (command side).
import { h, replace } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/admin/credentials',
  render(view, { session, signal }) {
    const org = session.organization;
    const message = messageArea();
    const issued = h('div', { id: 'issued' });
    const body = h('tbody');

    const issue = form({
      id: 'issue-credential',
      submitLabel: t('admin.credentials.issue'),
      fields: [{ name: 'label', label: t('admin.credentials.label'), required: true, maxlength: 100,
        hint: t('admin.credentials.labelHint') }],
      onSubmit: async ({ label }) => {
        const credential = await command.post(path`/api/organizations/${org}/xapi-credentials`, { label });
        issue.reset();
        const heading = h('h2', { tabindex: '-1', text: t('admin.credentials.issuedTitle') });
        replace(issued, h('section', { class: 'panel', role: 'region', 'aria-label': t('admin.credentials.issuedTitle') }, heading,
          h('p', { class: 'message info', text: t('admin.credentials.once') }),
          h('dl', { class: 'facts' },
            h('dt', { text: t('admin.credentials.key') }), h('dd', { class: 'secret', id: 'issued-key', text: credential.key }),
            h('dt', { text: t('admin.credentials.secret') }), h('dd', { class: 'secret', id: 'issued-secret', text: credential.secret })),
          h('button', { type: 'button', text: t('admin.credentials.done'), on: { click: () => replace(issued) } })));
        heading.focus();
        await list();
      },
    });

    async function revoke(credential) {
      try {
        await command.delete(path`/api/organizations/${org}/xapi-credentials/${credential.key}`);
        message.show(t('admin.credentials.revoked', { label: credential.label }), 'success');
        await list();
      } catch (error) {
        message.error(error);
      }
    }

    async function list() {
      try {
        const credentials = await command.get(path`/api/organizations/${org}/xapi-credentials`, null, { signal });
        replace(body, credentials.length ? credentials.map((c) => h('tr', { dataset: { key: c.key } },
          h('td', { text: c.label }), h('td', { class: 'secret', text: c.key }), h('td', { text: dateTime(c.issuedAt) }),
          h('td', { text: c.revokedAt ? t('admin.credentials.revokedAt', { when: dateTime(c.revokedAt) }) : t('admin.credentials.active') }),
          h('td', {}, c.revokedAt ? null : h('button', { type: 'button', class: 'danger', text: t('admin.credentials.revoke'),
            'aria-label': t('admin.credentials.revokeNamed', { label: c.label }), on: { click: () => revoke(c) } }))))
          : h('tr', {}, h('td', { colspan: 5, class: 'empty', text: t('table.empty') })));
      } catch (error) {
        message.error(error);
      }
    }

    view.append(issue.element, issued, message.element, h('div', { class: 'table-scroll' },
      h('table', { class: 'data', id: 'credentials' }, h('caption', { text: t('admin.credentials.caption') }),
        h('thead', {}, h('tr', {}, ['label', 'key', 'issued', 'state'].map((key) =>
          h('th', { scope: 'col', text: t('admin.credentials.' + key) })), h('th', { scope: 'col', text: t('common.actions') }))),
        body)));
    list();
  },
});
