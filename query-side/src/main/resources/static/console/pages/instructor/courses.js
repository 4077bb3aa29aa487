// The instructor's courses with their figures, and their life: a new draft (title, description,
// language and a first lesson), publication of a draft, archival of a published course.
// GET .../reports/courses (query side: an instructor sees their own courses, drafts included, with
// enrolled, started, completed, average exam score and pass rate); POST .../courses,
// .../courses/{id}/publication, .../courses/{id}/archival (command side).
import { h, replace } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t, number } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { form } from '../../components/form.js';
import { until } from '../trainee/catalog.js';
import { href } from '../../core/router.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

export const page = areaPage({
  path: '/instructor/courses',
  async render(view, { session, signal }) {
    const org = session.organization;
    const message = messageArea();
    const body = h('tbody');
    const columns = ['course', 'status', 'enrolled', 'started', 'completed', 'averageScore', 'passRate', 'action'];
    const draft = form({
      id: 'new-course',
      fields: [
        { name: 'title', label: t('instructor.courses.newTitle'), required: true, maxlength: 200 },
        { name: 'description', type: 'textarea', label: t('instructor.courses.description'), maxlength: 5000 },
        { name: 'language', type: 'select', label: t('instructor.courses.language'), required: true,
          options: [{ value: 'en', label: 'English' }, { value: 'pt-BR', label: 'Português (Brasil)' }] },
        { name: 'lessonTitle', label: t('instructor.courses.lessonTitle'), required: true, maxlength: 200 },
        { name: 'contentUri', type: 'url', label: t('instructor.courses.contentUri'), required: true,
          hint: t('instructor.courses.contentUriHint') },
        { name: 'durationMinutes', type: 'number', label: t('instructor.courses.duration'), required: true, min: 1 }],
      submitLabel: t('instructor.courses.create'),
      onSubmit: async (v) => {
        const created = await command.post(path`/api/organizations/${org}/courses`, {
          title: v.title, description: v.description || '', language: v.language,
          sections: [{ title: v.title, lessons: [{ title: v.lessonTitle, kind: 'VIDEO', contentUri: v.contentUri,
            durationMinutes: v.durationMinutes }] }] });
        draft.reset(); // (clears the messages too: the news comes after)
        draft.message.show(t('instructor.courses.created', { title: v.title }), 'success');
        await after(() => statusOf(created.courseId), (status) => status === 'DRAFT');
      },
    });
    view.append(message.element,
      dataTable({ id: 'my-courses', caption: t('instructor.courses.caption'), strings: 'instructor.courses', columns,
        numeric: ['enrolled', 'started', 'completed', 'averageScore', 'passRate'], body }),
      h('h2', { text: t('instructor.courses.new') }), draft.element);

    let rows = [];
    async function load() {
      try {
        rows = await query.get(path`/api/organizations/${org}/reports/courses`, null, { signal });
        replace(body, rows.length ? rows.map((c) => h('tr', { dataset: { course: c.courseId } },
          h('td', { text: c.title }), h('td', { text: t('instructor.status.' + c.status) }),
          h('td', { class: 'num', text: number(c.enrolled || 0) }), h('td', { class: 'num', text: number(c.started || 0) }),
          h('td', { class: 'num', text: number(c.completed || 0) }),
          h('td', { class: 'num', text: c.averageScore == null ? '–' : number(Math.round(c.averageScore)) }),
          h('td', { class: 'num', text: c.passRate == null ? '–' : number(Math.round(c.passRate * 100)) + ' %' }),
          h('td', {}, action(c))))
          : h('tr', {}, h('td', { colspan: columns.length, class: 'empty', text: t('instructor.courses.empty') })));
      } catch (error) {
        message.error(error);
      }
    }

    function statusOf(courseId) {
      const row = rows.find((c) => c.courseId === courseId);
      return row ? row.status : null;
    }

    async function after(read, done) {
      await until(async () => {
        await load();
        return done(read());
      }, signal);
    }

    function action(course) {
      const step = course.status === 'DRAFT' ? 'publication' : course.status === 'PUBLISHED' ? 'archival' : null;
      if (!step) return null;
      const verb = step === 'publication' ? 'publish' : 'archive';
      const editLink = step === 'publication' ? h('a', { href: href('/instructor/courses/' + course.courseId),
        'aria-label': t('instructor.courses.editOne', { title: course.title }), text: t('instructor.courses.edit') }) : null;
      return h('div', { class: 'row-actions' }, editLink, h('button', { type: 'button', 'aria-label': t('instructor.courses.' + verb + 'One', { title: course.title }),
        text: t('instructor.courses.' + verb), on: { click: async () => {
          try {
            await command.post(path`/api/organizations/${org}/courses/${course.courseId}/${step}`);
            message.show(t(verb === 'publish' ? 'instructor.courses.published' : 'instructor.courses.archived', { title: course.title }), 'success');
            await after(() => statusOf(course.courseId), (status) => status !== course.status);
          } catch (error) {
            message.error(error);
          }
        } } }));
    }

    await load();
  },
});
