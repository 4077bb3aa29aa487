// Inviting people to the organization as trainees or instructors, and resending or revoking the
// invitations sent. POST .../invitations, .../invitations/{id}/resend and .../revocation (command
// side). The list shows the invitations sent from this page since signing in, with what the
// server answered (sent, resent, revoked, and when each code expires); no route lists an
// organization's invitations yet (docs/console.md, "Left to do").
import { h, replace } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';

const sent = []; // { invitationId, email, role, status, expiresAt }: this session's, in memory only

export const page = {
  path: '/admin/invitations',
  area: 'admin',
  roles: ['ORG_ADMIN'],
  title: 'admin.invitations.title',
  summary: 'admin.invitations.summary',
  nav: true,
  render(view, { session }) {
    const org = session.organization;
    const message = messageArea();
    const body = h('tbody');

    const invite = form({
      id: 'invite',
      submitLabel: t('admin.invitations.send'),
      fields: [
        { name: 'email', label: t('admin.invitations.email'), type: 'email', required: true, autocomplete: 'off' },
        { name: 'role', label: t('admin.invitations.role'), type: 'select', value: 'TRAINEE', options: [
          { value: 'TRAINEE', label: t('role.TRAINEE') }, { value: 'INSTRUCTOR', label: t('role.INSTRUCTOR') }] },
      ],
      onSubmit: async ({ email, role }) => {
        const answer = await command.post(path`/api/organizations/${org}/invitations`, { email, role });
        sent.unshift({ invitationId: answer.invitationId, email, role, status: 'SENT', expiresAt: answer.expiresAt });
        invite.reset();
        message.show(t('admin.invitations.sent', { email }), 'success');
        rows();
      },
    });

    async function act(invitation, action) {
      try {
        if (action === 'resend') {
          const answer = await command.post(path`/api/organizations/${org}/invitations/${invitation.invitationId}/resend`);
          invitation.status = 'RESENT';
          invitation.expiresAt = answer && answer.expiresAt ? answer.expiresAt : invitation.expiresAt;
          message.show(t('admin.invitations.resent', { email: invitation.email }), 'success');
        } else {
          await command.post(path`/api/organizations/${org}/invitations/${invitation.invitationId}/revocation`);
          invitation.status = 'REVOKED';
          message.show(t('admin.invitations.revoked', { email: invitation.email }), 'success');
        }
      } catch (error) {
        message.error(error);
      }
      rows();
    }

    function rows() {
      replace(body, sent.length ? sent.map((invitation) => h('tr', { dataset: { key: invitation.invitationId } },
        h('td', { text: invitation.email }),
        h('td', { text: t('role.' + invitation.role) }),
        h('td', { text: t('admin.invitations.status.' + invitation.status) }),
        h('td', { text: invitation.status === 'REVOKED' ? '' : dateTime(invitation.expiresAt) }),
        h('td', {}, invitation.status === 'REVOKED' ? null : h('div', { class: 'row-actions' },
          h('button', { type: 'button', text: t('admin.invitations.resend'),
            'aria-label': t('admin.invitations.resendTo', { email: invitation.email }), on: { click: () => act(invitation, 'resend') } }),
          h('button', { type: 'button', class: 'danger', text: t('admin.invitations.revoke'),
            'aria-label': t('admin.invitations.revokeTo', { email: invitation.email }), on: { click: () => act(invitation, 'revoke') } })))))
        : h('tr', {}, h('td', { colspan: 5, class: 'empty', text: t('admin.invitations.none') })));
    }

    rows();
    view.append(invite.element, message.element,
      h('div', { class: 'table-scroll' }, h('table', { class: 'data', id: 'invitations' },
        h('caption', { text: t('admin.invitations.caption') }),
        h('thead', {}, h('tr', {}, ['email', 'role', 'status', 'expires', 'actions'].map((key) =>
          h('th', { scope: 'col', text: key === 'actions' ? t('common.actions') : t('admin.invitations.' + key) })))),
        body)));
  },
};
