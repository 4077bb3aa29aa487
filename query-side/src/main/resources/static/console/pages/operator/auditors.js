// Appointing auditors: an email, a first password the operator hands over themself, and whether
// the auditor may reveal personal data. POST /api/auditors (command side); the auditors appointed,
// newest first, a server page at a time: GET /api/auditors (query side).
import { h } from '../../core/dom.js';
import { query, command, ApiError } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { pagedTable } from '../../components/table.js';
import { untilShown } from './shown.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/operator/auditors',
  render(view, { signal }) {
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
        appoint.reset();
        appoint.message.show(t('operator.auditors.appointed', { email: email.trim() }), 'success');
        // the query side lists them once it has applied the event (well within a second)
        await untilShown(() => query.get('/api/auditors', { page: 0, size: 20 }, { signal }),
          (list) => list.items.some((a) => a.auditorId === answer.auditorId), signal);
        await table.reload({ page: 0 });
      },
    });

    const table = pagedTable({
      caption: t('operator.auditors.caption'),
      label: t('operator.auditors.pages'),
      rowKey: (a) => a.auditorId,
      columns: [
        { key: 'email', label: t('operator.auditors.email') },
        { key: 'auditorId', label: t('operator.auditors.auditorId'), render: (a) => h('code', { text: a.auditorId }) },
        { key: 'mayReveal', label: t('operator.auditors.reveal'), render: (a) => t(a.mayReveal ? 'common.yes' : 'common.no') },
        { key: 'appointedAt', label: t('operator.auditors.appointedAt'), render: (a) => dateTime(a.appointedAt) },
      ],
      load: ({ page: index, size, signal: request }) => query.get('/api/auditors', { page: index, size }, { signal: request }),
    });
    table.element.querySelector('table').id = 'auditors';

    view.append(h('h2', { text: t('operator.auditors.appoint') }), appoint.element, table.element);
    table.reload();
  },
});
