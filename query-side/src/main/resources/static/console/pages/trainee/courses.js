// The trainee's courses and their progress: how each came (assigned or chosen), when it started,
// lessons done of the course's lessons, completion. GET /api/me/enrolments and the courses'
// content (GET .../courses/{id}, for the lesson count), query side.
import { h } from '../../core/dom.js';
import { query, path } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';

/** The number of lessons in a course's sections. */
export function lessonCount(sections) {
  return (sections || []).reduce((sum, section) => sum + (section.lessons || []).length, 0);
}

export const page = {
  path: '/trainee/courses',
  area: 'trainee',
  roles: ['TRAINEE'],
  title: 'trainee.courses.title',
  summary: 'trainee.courses.summary',
  nav: true,
  async render(view, { session, signal }) {
    const org = session.organization;
    const message = messageArea();
    const body = h('tbody');
    view.append(message.element, h('div', { class: 'table-scroll' }, h('table', { class: 'data', id: 'my-courses' },
      h('caption', { text: t('trainee.courses.caption') }),
      h('thead', {}, h('tr', {}, ['course', 'source', 'enrolled', 'started', 'progress', 'completed'].map((key) =>
        h('th', { scope: 'col', text: t('trainee.courses.' + key) })))), body)));
    try {
      const enrolments = await query.get('/api/me/enrolments', null, { signal });
      const totals = await Promise.all(enrolments.map((e) => query.get(path`/api/organizations/${org}/courses/${e.courseId}`,
        null, { signal }).then((course) => lessonCount(course.sections), () => null)));
      body.append(...(enrolments.length ? enrolments.map((e, i) => h('tr', { dataset: { course: e.courseId } },
        h('td', { text: e.title }),
        h('td', { text: t('trainee.catalog.source.' + e.source) }),
        h('td', { text: dateTime(e.enrolledAt) }),
        h('td', { text: e.startedAt ? dateTime(e.startedAt) : t('trainee.courses.notStarted') }),
        h('td', {}, progress(e.lessonsDone || 0, totals[i])),
        h('td', { text: e.completedAt ? dateTime(e.completedAt) : t('trainee.courses.notCompleted') })))
        : [h('tr', {}, h('td', { colspan: 6, class: 'empty', text: t('trainee.courses.empty') }))]));
    } catch (error) {
      message.error(error);
    }
  },
};

function progress(done, total) {
  const text = total ? t('trainee.courses.lessonsOf', { done: number(done), total: number(total) })
    : t('trainee.courses.lessonsDone', { done: number(done) });
  if (!total) return text;
  return [h('progress', { max: total, value: Math.min(done, total), 'aria-label': text }), ' ', text];
}
