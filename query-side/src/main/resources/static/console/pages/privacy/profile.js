// The signed-in person's own profile and password. The profile is read from GET /api/me/profile
// (query side: the member, instructor and administrator records the person has) and saved with
// PUT /api/me/profile (command side), which replaces the fields a person keeps current themselves:
// a member's name, phone, nickname and gender; a self-registered instructor's name and phone. Other
// accounts' details are kept by their administrator or operator, so the page only shows them. The
// password changes with POST /api/me/password, which refuses every older token (other tabs and
// devices are signed out) and answers a fresh one, which this tab takes and goes on with.
import { h, replace } from '../../core/dom.js';
import { command, query } from '../../core/api.js';
import { renew } from '../../core/session.js';
import { t } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

const GENDERS = ['female', 'male', 'non-binary', 'undisclosed'];
const SHOWN = ['email', 'department', 'position', 'employeeId', 'occupation'];

/** Reads the profile again until check(profile) holds (the query side applies a change within a second). */
async function settled(check, signal) {
  let profile = null;
  for (let i = 0; i < 12 && !signal.aborted; i += 1) {
    profile = await query.get('/api/me/profile', null, { signal });
    if (check(profile)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return profile;
}

export const page = areaPage({
  path: '/privacy/profile',
  summary: false,
  async render(view, { signal }) {
    const message = messageArea();
    const facts = h('dl', { class: 'facts', id: 'profile-facts' });
    const profileSection = h('section', { 'aria-labelledby': 'profile-heading' },
      h('h2', { id: 'profile-heading', text: t('privacy.profile.details') }), message.element, facts);

    const password = form({
      id: 'password-change',
      fields: [
        { name: 'currentPassword', type: 'password', label: t('privacy.password.current'), required: true,
          autocomplete: 'current-password', maxlength: 128 },
        { name: 'newPassword', type: 'password', label: t('privacy.password.new'), required: true,
          autocomplete: 'new-password', hint: t('privacy.password.newHint'), maxlength: 128 },
        { name: 'repeat', type: 'password', label: t('privacy.password.repeat'), required: true,
          autocomplete: 'new-password', maxlength: 128 }],
      submitLabel: t('privacy.password.submit'),
      onSubmit: async (values) => {
        if (values.newPassword !== values.repeat) {
          password.message.show(t('privacy.password.mismatch'), 'error');
          password.field('repeat').focus();
          return;
        }
        const answer = await command.post('/api/me/password',
          { currentPassword: values.currentPassword, newPassword: values.newPassword });
        renew(answer.accessToken);
        password.reset();
        password.message.show(t('privacy.password.changed'), 'success');
      },
    });

    view.append(profileSection,
      h('section', { 'aria-labelledby': 'password-heading' },
        h('h2', { id: 'password-heading', text: t('privacy.password.title') }),
        h('p', { text: t('privacy.password.intro') }), password.element));

    let profile;
    try {
      profile = await query.get('/api/me/profile', null, { signal });
    } catch (error) {
      message.error(error);
      return;
    }
    const record = profile.member || profile.administrator || profile.instructor || {};
    replace(facts, SHOWN.filter((key) => record[key]).map((key) =>
      [h('dt', { text: t('privacy.profile.' + key) }), h('dd', { text: record[key] })]));
    if (!profile.member && !profile.instructor) {
      profileSection.append(h('p', { class: 'message info', text: t('privacy.profile.notEditable') }));
      return;
    }
    const member = !!profile.member;
    const edit = form({
      id: 'profile',
      fields: [
        { name: 'name', label: t('privacy.profile.name'), required: true, maxlength: 200, autocomplete: 'name' },
        { name: 'phone', type: 'tel', label: t('privacy.profile.phone'), maxlength: 32, autocomplete: 'tel',
          hint: t('privacy.profile.phoneHint') },
        member ? { name: 'nickname', label: t('privacy.profile.nickname'), maxlength: 100, autocomplete: 'nickname' } : null,
        member ? { name: 'gender', type: 'select', label: t('privacy.profile.gender'), options: [
          { value: '', label: t('privacy.profile.genderNone') },
          ...GENDERS.map((g) => ({ value: g, label: t('privacy.profile.gender.' + g) }))] } : null,
      ].filter(Boolean),
      submitLabel: t('privacy.profile.save'),
      onSubmit: async (values) => {
        const sent = { name: values.name, phone: values.phone || '' };
        if (member) Object.assign(sent, { nickname: values.nickname || '', gender: values.gender || null });
        await command.put('/api/me/profile', sent);
        edit.message.show(t('privacy.profile.saved'), 'success');
        const now = await settled((p) => (p.member || p.instructor || {}).name === sent.name.trim(), signal);
        if (now) edit.setValues(now.member || now.instructor);
      },
    });
    edit.setValues(record);
    profileSection.append(h('p', { text: t('privacy.profile.intro') }), edit.element);
  },
});
