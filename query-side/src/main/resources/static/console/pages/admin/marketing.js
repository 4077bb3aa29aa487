// Marketing messages: a plain-text mail (subject and text) queued for each member who has granted
// marketing mail, is active and has not restricted processing; the answer is how many it was
// queued for, nobody's address. POST /api/organizations/{org}/marketing-messages (command side;
// docs/privacy-rights.md, "Sending"). The server checks the fields (no control character in the
// subject) and says which is wrong. marketingForm() is shared with the operator's page
// (pages/operator/marketing.js), which picks the organization first.
import { h } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, number } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { areaPage } from '../../core/pages.js';

/**
 * The message form. `fields` come before the message's own (the operator's organization picker,
 * required, so form() asks for it); `organizationOf(values)` says whose members it goes to.
 */
export function marketingForm({ fields = [], organizationOf }) {
  const send = form({
    id: 'marketing-message',
    submitLabel: t('admin.marketing.submit'),
    fields: [
      ...fields,
      { name: 'subject', label: t('admin.marketing.subject'), required: true, maxlength: 200, autocomplete: 'off' },
      { name: 'text', label: t('admin.marketing.text'), type: 'textarea', required: true, maxlength: 20000, rows: 10,
        hint: t('admin.marketing.textHint') },
      { name: 'confirm', label: t('admin.marketing.confirm'), type: 'checkbox' },
    ],
    onSubmit: async (values) => {
      if (!values.confirm) {
        send.message.show(t('admin.marketing.notConfirmed'), 'error');
        send.field('confirm').focus();
        return;
      }
      const answer = await command.post(path`/api/organizations/${organizationOf(values)}/marketing-messages`,
        { subject: values.subject, text: values.text });
      send.reset();
      send.message.show(t('admin.marketing.queued', { count: number(answer.recipients) }), 'success');
    },
  });
  return send;
}

export const page = areaPage({
  path: '/admin/marketing',
  render(view, { session }) {
    const send = marketingForm({ organizationOf: () => session.organization });
    view.append(h('p', { text: t('admin.marketing.intro') }), send.element);
  },
});
