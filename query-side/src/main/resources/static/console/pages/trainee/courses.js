// The trainee's courses and their progress: how each came (assigned or chosen), when it started,
// lessons done of the course's lessons, completion. GET /api/me/enrolments and the courses'
// content (GET .../courses/{id}, for the lesson count), query side.
import { h } from '../../core/dom.js';
import { query, path } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { areaPage } from '../../core/pages.js';
import { loadedTable } from '../../components/table.js';

/** The number of lessons in a course's sections. */
export function lessonCount(sections) {
  return (sections || []).reduce((sum, section) => sum + (section.lessons || []).length, 0);
}

export const page = areaPage({
  path: '/trainee/courses',
  render(view, { session, signal }) {
    const org = session.organization;
    return loadedTable(view, {
      id: 'my-courses', caption: t('trainee.courses.caption'), strings: 'trainee.courses',
      columns: ['course', 'source', 'enrolled', 'started', 'progress', 'completed'], empty: t('trainee.courses.empty'),
      // each with its course's lesson count (null when the course cannot be read)
      load: async () => {
        const enrolments = await query.get('/api/me/enrolments', null, { signal });
        return Promise.all(enrolments.map((e) => query.get(path`/api/organizations/${org}/courses/${e.courseId}`,
          null, { signal }).then((course) => lessonCount(course.sections), () => null).then((lessons) => ({ ...e, lessons }))));
      },
      row: (e) => h('tr', { dataset: { course: e.courseId } },
        h('td', { text: e.title }),
        h('td', { text: t('trainee.catalog.source.' + e.source) }),
        h('td', { text: dateTime(e.enrolledAt) }),
        h('td', { text: e.startedAt ? dateTime(e.startedAt) : t('trainee.courses.notStarted') }),
        h('td', {}, progress(e.lessonsDone || 0, e.lessons)),
        h('td', { text: e.completedAt ? dateTime(e.completedAt) : t('trainee.courses.notCompleted') })),
    });
  },
});

function progress(done, total) {
  const text = total ? t('trainee.courses.lessonsOf', { done: number(done), total: number(total) })
    : t('trainee.courses.lessonsDone', { done: number(done) });
  if (!total) return text;
  return [h('progress', { max: total, value: Math.min(done, total), 'aria-label': text }), ' ', text];
}
