// Appointing auditors: an email, a first password the operator hands over themself, and whether
// the auditor may reveal personal data. POST /api/auditors (command side). No route lists the
// auditors, so the table shows those appointed from this page since signing in (in memory only;
// docs/console.md, "Left to do").
import { h, replace } from '../../core/dom.js';
import { command, ApiError } from '../../core/api.js';
import { t } from '../../core/strings.js';
import { form } from '../../components/form.js';

const appointed = []; // { auditorId, email, mayReveal }: this session's, in memory only

export const page = {
  path: '/operator/auditors',
  area: 'operator',
  roles: ['OPERATOR'],
  title: 'operator.auditors.title',
  summary: 'operator.auditors.summary',
  nav: true,
  render(view) {
    const body = h('tbody');

    const appoint = form({
      id: 'appoint-auditor',
      submitLabel: t('operator.auditors.submit'),
      fields: [
        { name: 'email', label: t('operator.auditors.email'), type: 'email', required: true, maxlength: 254, autocomplete: 'off' },
        { name: 'password', label: t('operator.auditors.password'), type: 'password', required: true, maxlength: 128,
          hint: t('operator.auditors.passwordHint'), autocomplete: 'new-password' },
        { name: 'mayReveal', label: t('operator.auditors.mayReveal'), type: 'checkbox' },
      ],
      onSubmit: async ({ email, password, mayReveal }) => {
        let answer;
        try {
          answer = await command.post('/api/auditors', { email: email.trim(), password, mayReveal });
        } catch (error) {
          // the code is shared with members' emails, whose text speaks of the organization
          if (error.code === 'email-taken') throw new ApiError(error.status, error.problem, t('operator.auditors.emailTaken'));
          throw error;
        }
        appointed.unshift({ auditorId: answer.auditorId, email: email.trim(), mayReveal });
        appoint.reset();
        appoint.message.show(t('operator.auditors.appointed', { email: email.trim() }), 'success');
        rows();
      },
    });

    function rows() {
      replace(body, appointed.length ? appointed.map((a) => h('tr', { dataset: { key: a.auditorId } },
        h('td', { text: a.email }),
        h('td', {}, h('code', { text: a.auditorId })),
        h('td', { text: t(a.mayReveal ? 'common.yes' : 'common.no') })))
        : h('tr', {}, h('td', { colspan: 3, class: 'empty', text: t('operator.auditors.none') })));
    }

    rows();
    view.append(h('h2', { text: t('operator.auditors.appoint') }), appoint.element,
      h('p', { class: 'muted', text: t('operator.auditors.note') }),
      h('div', { class: 'table-scroll' }, h('table', { class: 'data', id: 'auditors' },
        h('caption', { text: t('operator.auditors.caption') }),
        h('thead', {}, h('tr', {}, ['email', 'auditorId', 'reveal'].map((key) =>
          h('th', { scope: 'col', text: t('operator.auditors.' + key) })))),
        body)));
  },
};
