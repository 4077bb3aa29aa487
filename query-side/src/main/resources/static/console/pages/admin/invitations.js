// Inviting people to the organization as trainees or instructors, and the organization's
// invitations with their status (sent, expired, accepted, revoked), filtered by status or a whole
// email, sorted and paged by the server; the open ones (sent or expired) can be resent (a new code
// and expiry) or revoked. GET /api/organizations/{org}/invitations (query side); POST
// .../invitations, .../invitations/{id}/resend and .../revocation (command side). The status
// filter is kept in the URL; an email never is.
import { h } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { replaceQuery } from '../../core/router.js';
import { form } from '../../components/form.js';
import { pagedTable, pageInAddress } from '../../components/table.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

const STATUSES = ['SENT', 'EXPIRED', 'ACCEPTED', 'REVOKED'];

export const page = areaPage({
  path: '/admin/invitations',
  render(view, { session, query: search, signal }) {
    const org = session.organization;
    const message = messageArea();
    const status = search.get('status');
    const filters = { status: STATUSES.includes(status) ? status : '', email: '' };

    const invite = form({
      id: 'invite',
      submitLabel: t('admin.invitations.send'),
      fields: [
        { name: 'email', label: t('admin.invitations.email'), type: 'email', required: true, autocomplete: 'off' },
        { name: 'role', label: t('admin.invitations.role'), type: 'select', value: 'TRAINEE', options: [
          { value: 'TRAINEE', label: t('role.TRAINEE') }, { value: 'INSTRUCTOR', label: t('role.INSTRUCTOR') }] },
      ],
      onSubmit: async ({ email, role }) => {
        await command.post(path`/api/organizations/${org}/invitations`, { email, role });
        invite.reset();
        message.show(t('admin.invitations.sent', { email }), 'success');
        // not awaited: the form is free for the next invitation as soon as this one is acknowledged
        settle();
      },
    });

    const filterForm = form({
      id: 'invitation-filters',
      inline: true,
      submitLabel: t('common.filter'),
      fields: [
        { name: 'status', label: t('admin.invitations.status'), type: 'select', value: filters.status, options: [
          { value: '', label: t('common.all') },
          ...STATUSES.map((s) => ({ value: s, label: t('admin.invitations.status.' + s) }))] },
        { name: 'email', label: t('admin.invitations.findEmail'), type: 'search', autocomplete: 'off',
          hint: t('admin.invitations.findEmailHint') },
      ],
      onSubmit: async (values) => {
        Object.assign(filters, { status: values.status || '', email: values.email || '' });
        await table.reload({ page: 0 });
      },
    });

    const table = pagedTable({
      caption: t('admin.invitations.caption'),
      label: t('admin.invitations.pages'),
      ...pageInAddress(search, 'sentAt,desc'),
      rowKey: (invitation) => invitation.invitationId,
      columns: [
        { key: 'email', label: t('admin.invitations.email'),
          render: (i) => i.email ?? h('span', { class: 'muted', text: t('admin.invitations.erased') }) },
        { key: 'role', label: t('admin.invitations.role'), render: (i) => t('role.' + i.role) },
        { key: 'status', label: t('admin.invitations.status'), render: (i) => t('admin.invitations.status.' + i.status) },
        { key: 'sentAt', label: t('admin.invitations.sentAt'), sort: 'sentAt', render: (i) => dateTime(i.sentAt) },
        { key: 'expiresAt', label: t('admin.invitations.expires'), sort: 'expiresAt',
          render: (i) => (open(i) ? dateTime(i.expiresAt) : '') },
        { key: 'answeredAt', label: t('admin.invitations.answered'), render: (i) => dateTime(i.answeredAt) },
        { key: 'actions', label: t('common.actions'), render: (i) => actions(i) },
      ],
      load: ({ page: number, size, sort, signal: request }) => query.get(path`/api/organizations/${org}/invitations`,
        { ...filters, page: number, size, sort }, { signal: request }),
      onChange: (state) => replaceQuery({ status: filters.status, ...state, page: state.page || null }),
    });

    /** Sent or expired: resending gives a new code and expiry, revoking withdraws it. */
    function open(invitation) {
      return invitation.status === 'SENT' || invitation.status === 'EXPIRED';
    }

    function actions(invitation) {
      if (!open(invitation)) return null;
      const email = invitation.email || '';
      return h('div', { class: 'row-actions' },
        h('button', { type: 'button', text: t('admin.invitations.resend'),
          'aria-label': t('admin.invitations.resendTo', { email }), on: { click: () => act(invitation, 'resend') } }),
        h('button', { type: 'button', class: 'danger', text: t('admin.invitations.revoke'),
          'aria-label': t('admin.invitations.revokeTo', { email }), on: { click: () => act(invitation, 'revocation') } }));
    }

    async function act(invitation, action) {
      try {
        await command.post(path`/api/organizations/${org}/invitations/${invitation.invitationId}/${action}`);
        message.show(t(action === 'resend' ? 'admin.invitations.resent' : 'admin.invitations.revoked',
          { email: invitation.email || '' }), 'success');
        await settle();
      } catch (error) {
        message.error(error);
      }
    }

    // The list is the query side's projection: it shows a change once the event is applied (well
    // under a second); read it again shortly after a change, and once more a little later.
    async function settle() {
      await new Promise((resolve) => setTimeout(resolve, 400));
      if (signal.aborted) return;
      await table.reload();
      setTimeout(() => { if (!signal.aborted) table.reload(); }, 1200);
    }

    view.append(invite.element, message.element, h('h2', { text: t('admin.invitations.listHeading') }),
      filterForm.element, table.element);
    table.reload();
  },
});
