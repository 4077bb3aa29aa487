// The organization's published courses, and enrolment: a trainee subscribes to a course and leaves
// one they subscribed to themselves (an assigned course stays). GET .../catalog and /api/me/enrolments
// (query side); POST / DELETE .../courses/{id}/subscription (command side). The catalog is one
// organization's published courses, small enough to show whole; only course content is shown.
import { h, replace } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { lessonCount } from './courses.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/trainee/catalog',
  async render(view, { session, signal }) {
    const org = session.organization;
    const message = messageArea();
    const list = h('ul', { class: 'cards', id: 'catalog', 'aria-busy': 'true' });
    view.append(message.element, list);

    async function load() {
      try {
        const [courses, enrolments] = await Promise.all([
          query.get(path`/api/organizations/${org}/catalog`, null, { signal }),
          query.get('/api/me/enrolments', null, { signal })]);
        const mine = new Map(enrolments.map((e) => [e.courseId, e]));
        replace(list, courses.length ? courses.map((course) => card(course, mine.get(course.courseId)))
          : h('li', { text: t('trainee.catalog.empty') }));
      } catch (error) {
        message.error(error);
      } finally {
        list.removeAttribute('aria-busy');
      }
    }

    function card(course, enrolment) {
      const action = !enrolment
        ? h('button', { type: 'button', class: 'primary', 'aria-label': t('trainee.catalog.enrolIn', { title: course.title }),
          text: t('trainee.catalog.enrol'), on: { click: () => change('POST', course, 'trainee.catalog.enrolled') } })
        : enrolment.source === 'SUBSCRIBED'
          ? h('button', { type: 'button', 'aria-label': t('trainee.catalog.leaveCourse', { title: course.title }),
            text: t('trainee.catalog.leave'), on: { click: () => change('DELETE', course, 'trainee.catalog.left') } })
          : null;
      return h('li', { dataset: { course: course.courseId } },
        h('h2', { text: course.title }),
        course.description ? h('p', { text: course.description }) : null,
        h('p', { text: t('trainee.catalog.lessons', { count: lessonCount(course.sections) }) }),
        enrolment ? h('p', { class: 'badge', text: t('trainee.catalog.source.' + enrolment.source) }) : null,
        action);
    }

    async function change(method, course, done) {
      try {
        await command.send(method, path`/api/organizations/${org}/courses/${course.courseId}/subscription`, {});
        message.show(t(done, { title: course.title }), 'success');
        // the query side applies the enrolment shortly after; read it again then
        await until(async () => {
          const enrolments = await query.get('/api/me/enrolments', null, { signal });
          return enrolments.some((e) => e.courseId === course.courseId) === (method === 'POST');
        }, signal);
        await load();
      } catch (error) {
        message.error(error);
      }
    }

    await load();
  },
});

/** Asks check() up to ten times, a quarter second apart, until it answers true. */
export async function until(check, signal) {
  for (let i = 0; i < 10 && !signal.aborted; i += 1) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
