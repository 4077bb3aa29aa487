// The instructor's public profile, as anyone sees it (GET /api/instructors/{me}, query side), and
// its editing (PUT /api/instructors/{me}/public-profile, command side, which replaces the whole
// profile). Never email or phone: the public profile has neither.
import { h } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { form } from '../../components/form.js';
import { areaPage } from '../../core/pages.js';

const FIELDS = ['headline', 'introduction', 'biography', 'website', 'country'];

export const page = areaPage({
  path: '/instructor/profile',
  async render(view, { session, signal }) {
    const me = session.userId;
    const message = messageArea();
    let current = {};
    const edit = form({
      id: 'public-profile',
      fields: [
        { name: 'headline', label: t('instructor.profile.headline'), maxlength: 200 },
        { name: 'introduction', type: 'textarea', label: t('instructor.profile.introduction'), maxlength: 500 },
        { name: 'biography', type: 'textarea', label: t('instructor.profile.biography'), maxlength: 5000 },
        { name: 'language', type: 'select', label: t('instructor.profile.language'),
          options: [{ value: '', label: '–' }, { value: 'en', label: 'English' }, { value: 'pt-BR', label: 'Português (Brasil)' }] },
        { name: 'website', type: 'url', label: t('instructor.profile.website'), hint: t('instructor.profile.websiteHint') },
        { name: 'country', label: t('instructor.profile.country'), hint: t('instructor.profile.countryHint'), maxlength: 2 }],
      submitLabel: t('instructor.profile.save'),
      onSubmit: async (values) => {
        // the PUT replaces the whole profile: keep what this form does not edit
        const kept = {};
        for (const key of ['avatarUri', 'gender', 'socialLinks', 'workExperience']) {
          if (current[key] != null) kept[key] = current[key];
        }
        await command.put(path`/api/instructors/${me}/public-profile`, { ...kept, ...values });
        edit.message.show(t('instructor.profile.saved'), 'success');
      },
    });
    view.append(message.element, h('p', { text: t('instructor.profile.intro') }), edit.element);
    try {
      current = await query.get(path`/api/instructors/${me}`, null, { signal }) || {};
      const shown = {};
      for (const key of [...FIELDS, 'language']) shown[key] = current[key] ?? '';
      edit.setValues(shown);
    } catch (error) {
      if (error.status !== 404) message.error(error);
    }
  },
});
