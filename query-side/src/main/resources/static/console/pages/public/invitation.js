// Accepting an invitation: POST /api/invitations/acceptance {code, name, password} (public: the
// code is the credential). The invitation mail's link opens #invitation/<code>; the code is filled
// in and taken out of the address. A person new here chooses a password; an account that already
// logs in with the invited email gives its own password, which the hint says.
import { h } from '../../core/dom.js';
import { t } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { passwordFields, checkRepeat, done, sendPublic } from './shared.js';

export const invitation = {
  title: 'join.invitation.title',
  summary: 'join.invitation.summary',
  takesCode: true,
  render(section, { given }) {
    const accept = form({
      id: 'accept-invitation',
      submitLabel: t('join.invitation.submit'),
      fields: [
        { name: 'code', label: t('join.code'), required: true, maxlength: 100, autocomplete: 'off', value: given,
          hint: t('join.invitation.codeHint') },
        { name: 'name', label: t('join.name'), required: true, maxlength: 200, autocomplete: 'name' },
        ...passwordFields('join.invitation.passwordHint'),
      ],
      onSubmit: async (values) => {
        checkRepeat(values);
        // a wrong password here is the existing account's, not a sign-in's email and password
        await sendPublic('/api/invitations/acceptance', { code: values.code.trim(), name: values.name.trim(),
          password: values.password }, { 'invalid-credentials': 'password', 'invitation-not-found': 'code' });
        done(section, 'join.invitation.doneTitle', [t('join.invitation.done')], [['index.html', 'join.signIn']]);
      },
    });
    section.append(h('p', { text: t('join.invitation.intro') }), accept.element);
  },
};
