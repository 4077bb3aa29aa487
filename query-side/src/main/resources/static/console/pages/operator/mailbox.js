// The local mailbox: with the local sender (learning.notifications.sender=local, the local run's)
// the system keeps the mail it sends; the operator reads one address's newest 50 messages.
// GET /api/operator/mailbox?recipient= (command side; absent with the SMTP sender, a 404). The
// address stays out of the console's URL: it is personal data.
import { h, replace } from '../../core/dom.js';
import { command } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

export const page = areaPage({
  path: '/operator/mailbox',
  render(view, { signal }) {
    const result = h('div', { id: 'mail' });

    const read = form({
      id: 'mailbox',
      inline: true,
      submitLabel: t('operator.mailbox.submit'),
      fields: [{ name: 'recipient', label: t('operator.mailbox.recipient'), type: 'email', required: true,
        maxlength: 254, autocomplete: 'off' }],
      onSubmit: async ({ recipient }) => {
        const email = recipient.trim();
        let messages;
        try {
          messages = await command.get('/api/operator/mailbox', { recipient: email }, { signal });
        } catch (error) {
          if (error.status === 404) {
            replace(result);
            read.message.show(t('operator.mailbox.absent'), 'info');
            return;
          }
          throw error;
        }
        read.message.show(t('operator.mailbox.count', { count: number(messages.length), email }), 'info');
        replace(result, dataTable({ id: 'messages', caption: t('operator.mailbox.caption', { email }),
          strings: 'operator.mailbox', columns: ['deliveredAt', 'subject', 'body'],
          body: h('tbody', {}, messages.length ? messages.map((m) => h('tr', {},
            h('td', { text: dateTime(m.deliveredAt) }),
            h('td', { text: m.subject }),
            h('td', {}, h('pre', { class: 'mail-body', text: m.body }))))
            : h('tr', {}, h('td', { colspan: 3, class: 'empty', text: t('operator.mailbox.none') }))) }));
      },
    });

    view.append(h('p', { text: t('operator.mailbox.intro') }), read.element, result);
  },
});
