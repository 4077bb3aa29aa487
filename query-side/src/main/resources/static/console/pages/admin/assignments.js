// Course assignments: assign a published course of the organization to whole departments and to
// members picked one by one (searched by name or email, as the member list searches), then the
// server's count of those newly enrolled and those already in. GET .../reports/courses (the
// organization's courses with their status), .../departments and .../members (query side); POST
// .../courses/{id}/assignments (command side). The picked members are kept in memory only.
import { h, replace } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t, number } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { departments } from '../../components/departments.js';
import { areaPage } from '../../core/pages.js';

const FOUND = 20; // members shown for a search: a name narrows it, no list is fetched whole

export const page = areaPage({
  path: '/admin/assignments',
  async render(view, { session, signal }) {
    const org = session.organization;
    const picked = new Map(); // memberId -> { memberId, name, email }
    const found = h('ul', { id: 'found-members' });
    const chosen = h('ul', { id: 'picked-members' });
    const departmentBoxes = h('fieldset', { id: 'assign-departments', class: 'panel' },
      h('legend', { text: t('admin.assignments.departments') }));
    const searchMessage = messageArea();

    const search = form({
      id: 'member-search',
      inline: true,
      submitLabel: t('common.search'),
      fields: [{ name: 'q', label: t('admin.assignments.search'), required: true, maxlength: 200, autocomplete: 'off',
        hint: t('admin.assignments.searchHint') }],
      onSubmit: async ({ q }) => {
        const answer = await query.get(path`/api/organizations/${org}/members`, { q: q.trim(), status: 'ACTIVE', size: FOUND,
          sort: 'name,asc' }, { signal });
        replace(found, answer.items.map((m) => h('li', {}, h('span', { text: m.name + ' (' + m.email + ')' }), ' ',
          h('button', { type: 'button', text: t('admin.assignments.add'), disabled: picked.has(m.memberId),
            'aria-label': t('admin.assignments.addWho', { name: m.name }), on: { click: (event) => {
              picked.set(m.memberId, { memberId: m.memberId, name: m.name, email: m.email });
              event.currentTarget.disabled = true;
              drawPicked();
            } } }))));
        searchMessage.show(answer.total === 0 ? t('admin.assignments.noneFound')
          : t('admin.assignments.found', { shown: number(answer.items.length), total: number(answer.total) }));
      },
    });

    function drawPicked() {
      replace(chosen, picked.size ? [...picked.values()].map((m) => h('li', { dataset: { key: m.memberId } },
        h('span', { text: m.name + ' (' + m.email + ')' }), ' ',
        h('button', { type: 'button', text: t('admin.assignments.remove'),
          'aria-label': t('admin.assignments.removeWho', { name: m.name }), on: { click: () => {
            picked.delete(m.memberId);
            drawPicked();
          } } })))
        : h('li', { class: 'muted', text: t('admin.assignments.nobodyPicked') }));
    }

    const assign = form({
      id: 'assign-course',
      submitLabel: t('admin.assignments.submit'),
      fields: [{ name: 'course', label: t('admin.assignments.course'), type: 'select', required: true,
        options: [{ value: '', label: t('admin.assignments.chooseCourse') }], hint: t('admin.assignments.courseHint') }],
      onSubmit: async ({ course }) => {
        const chosenDepartments = [...departmentBoxes.querySelectorAll('input:checked')].map((box) => box.value);
        if (!chosenDepartments.length && !picked.size) {
          assign.message.show(t('admin.assignments.nobody'), 'error');
          return;
        }
        const answer = await command.post(path`/api/organizations/${org}/courses/${course}/assignments`,
          { memberIds: [...picked.keys()], departments: chosenDepartments });
        assign.message.show(t('admin.assignments.assigned', { enrolled: number(answer.enrolled),
          already: number(answer.alreadyEnrolled) }), 'success');
      },
    });

    drawPicked();
    view.append(
      h('h2', { text: t('admin.assignments.who') }),
      departmentBoxes,
      h('h3', { text: t('admin.assignments.members') }), search.element, searchMessage.element, found,
      h('h3', { text: t('admin.assignments.picked') }), chosen,
      h('h2', { text: t('admin.assignments.what') }), assign.element);

    const [courses, names] = await Promise.all([
      query.get(path`/api/organizations/${org}/reports/courses`, null, { signal }).catch((error) => {
        assign.message.error(error);
        return [];
      }),
      departments(org, signal)]);
    const published = courses.filter((c) => c.status === 'PUBLISHED');
    assign.setOptions('course', [{ value: '', label: t(published.length ? 'admin.assignments.chooseCourse'
      : 'admin.assignments.noCourse') }, ...published.map((c) => ({ value: c.courseId, label: c.title }))]);
    departmentBoxes.append(...(names.length ? names.map((name, i) => h('div', { class: 'field checkbox' },
      h('input', { type: 'checkbox', id: 'assign-department-' + i, name: 'department', value: name }),
      h('label', { for: 'assign-department-' + i, text: name })))
      : [h('p', { class: 'muted', text: t('admin.assignments.noDepartments') })]));
  },
});
