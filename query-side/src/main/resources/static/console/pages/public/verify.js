// Verifying a registration: POST /api/registrations/verification with the mailed code (public: the
// code is the credential). The mail's link opens #verify/<code>: the code is filled in, never sent
// on its own (a mail scanner opening the link registers nobody), and the person presses Verify.
import { h } from '../../core/dom.js';
import { t } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { done, sendPublic } from './shared.js';

export const verify = {
  title: 'join.verify.title',
  summary: 'join.verify.summary',
  takesCode: true,
  render(section, { given }) {
    const check = form({
      id: 'verify-registration',
      submitLabel: t('join.verify.submit'),
      fields: [{ name: 'code', label: t('join.code'), required: true, maxlength: 100, autocomplete: 'off',
        value: given, hint: t('join.verify.codeHint') }],
      onSubmit: async ({ code }) => {
        const answer = await sendPublic('/api/registrations/verification', { code: code.trim() });
        if (answer.administratorId) {
          done(section, 'join.verify.pendingTitle', [t('join.verify.pending')], [['index.html', 'join.signIn']]);
        } else {
          done(section, 'join.verify.doneTitle', [t('join.verify.done')], [['index.html', 'join.signIn']]);
        }
      },
    });
    section.append(h('p', { text: t('join.verify.intro') }), check.element);
  },
};
