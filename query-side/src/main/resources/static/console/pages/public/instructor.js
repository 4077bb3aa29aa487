// Registering as an instructor: POST /api/instructors (public, command side), name, email, phone and
// a password. The answer is the same whether the email is new or taken (202 verification-sent), so
// the page says what the mail will hold either way and leads on to entering the code.
import { h } from '../../core/dom.js';
import { t } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { passwordFields, checkRepeat, sendPublic, sent } from './shared.js';

export const instructor = {
  title: 'join.instructor.title',
  summary: 'join.instructor.summary',
  render(section) {
    const register = form({
      id: 'register-instructor',
      submitLabel: t('join.instructor.submit'),
      fields: [
        { name: 'name', label: t('join.name'), required: true, maxlength: 200, autocomplete: 'name' },
        { name: 'email', type: 'email', label: t('join.email'), required: true, maxlength: 254, autocomplete: 'email' },
        { name: 'phone', type: 'tel', label: t('join.phone'), required: true, maxlength: 32, autocomplete: 'tel',
          hint: t('join.phone.hint') },
        ...passwordFields(),
      ],
      onSubmit: async (values) => {
        checkRepeat(values);
        await sendPublic('/api/instructors', { name: values.name.trim(), email: values.email.trim(),
          phone: values.phone.trim(), password: values.password });
        sent(section, values.email.trim());
      },
    });
    section.append(h('p', { text: t('join.instructor.intro') }), register.element);
  },
};
