// The organization's members: a server-paged list (works at 100,000 members: one page in the DOM,
// one request a page) filtered by text, department, role and status, kept in the URL; edit a
// member in a form above the list; deactivate and reactivate.
// GET /api/organizations/{org}/members (query side); PUT .../members/{id}, POST .../deactivation
// and .../reactivation (command side).
import { h, replace } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { replaceQuery } from '../../core/router.js';
import { pagedTable, pageInAddress } from '../../components/table.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { departments, departmentOptions } from '../../components/departments.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/admin/members',
  render(view, { session, query: search, signal }) {
    const org = session.organization;
    // the search text (a name or an email) is never put in the address: no personal data in URLs,
    // which browsers keep in their history; the other filters are kept there for reloads and links
    const filters = { q: '', department: search.get('department') || '',
      role: search.get('role') || '', status: search.get('status') || '' };
    const message = messageArea();
    const editor = h('div', { class: 'editor' });

    const filterForm = form({
      id: 'member-filters',
      inline: true,
      submitLabel: t('common.filter'),
      fields: [
        { name: 'q', label: t('admin.members.search'), type: 'search', value: filters.q,
          hint: t('admin.members.searchHint') },
        { name: 'department', label: t('admin.members.department'), type: 'select', value: filters.department,
          options: departmentOptions([], { all: t('common.all'), current: filters.department }) },
        { name: 'role', label: t('admin.members.role'), type: 'select', value: filters.role, options: [
          { value: '', label: t('common.all') }, { value: 'TRAINEE', label: t('role.TRAINEE') },
          { value: 'INSTRUCTOR', label: t('role.INSTRUCTOR') }] },
        { name: 'status', label: t('admin.members.status'), type: 'select', value: filters.status, options: [
          { value: '', label: t('common.all') }, { value: 'ACTIVE', label: t('admin.members.active') },
          { value: 'DEACTIVATED', label: t('admin.members.deactivated') }] },
      ],
      onSubmit: async (values) => {
        Object.assign(filters, { q: values.q || '', department: values.department || '', role: values.role || '',
          status: values.status || '' });
        await table.reload({ page: 0 });
      },
    });

    const table = pagedTable({
      caption: t('admin.members.caption'),
      label: t('admin.members.pages'),
      ...pageInAddress(search, 'name,asc'),
      rowKey: (member) => member.memberId,
      columns: [
        { key: 'name', label: t('admin.members.name'), sort: 'name' },
        { key: 'email', label: t('admin.members.email') },
        { key: 'department', label: t('admin.members.department'), sort: 'department' },
        { key: 'role', label: t('admin.members.role'), render: (m) => (m.role ? t('role.' + m.role) : '') },
        { key: 'status', label: t('admin.members.status'), sort: 'status', render: (m) => statusText(m.status) },
        { key: 'joinedAt', label: t('admin.members.joined'), sort: 'joinedAt', render: (m) => dateTime(m.joinedAt) },
        { key: 'actions', label: t('common.actions'), render: (m) => actions(m) },
      ],
      load: ({ page: number, size, sort, signal: request }) => query.get(path`/api/organizations/${org}/members`,
        { ...filters, page: number, size, sort }, { signal: request }),
      onChange: (state) => replaceQuery({ ...filters, q: null, ...state, page: state.page || null }),
    });

    function statusText(status) {
      return status === 'DEACTIVATED' ? t('admin.members.deactivated') : t('admin.members.active');
    }

    function actions(member) {
      const active = member.status !== 'DEACTIVATED';
      return h('div', { class: 'row-actions' },
        h('button', { type: 'button', text: t('admin.members.edit'), 'aria-label': t('admin.members.editNamed', { name: member.name || '' }),
          on: { click: () => edit(member) } }),
        h('button', { type: 'button', class: active ? 'danger' : null,
          text: active ? t('admin.members.deactivate') : t('admin.members.reactivate'),
          'aria-label': t(active ? 'admin.members.deactivateNamed' : 'admin.members.reactivateNamed', { name: member.name || '' }),
          on: { click: () => setActive(member, !active) } }));
    }

    async function setActive(member, active) {
      try {
        await command.post(path`/api/organizations/${org}/members/${member.memberId}/${active ? 'reactivation' : 'deactivation'}`);
        message.show(t(active ? 'admin.members.reactivated' : 'admin.members.deactivatedDone', { name: member.name || '' }), 'success');
        await settle(() => table.reload());
      } catch (error) {
        message.error(error);
      }
    }

    function edit(member) {
      const heading = h('h2', { tabindex: '-1', text: t('admin.members.editing', { name: member.name || '' }) });
      const editForm = form({
        id: 'member-edit',
        submitLabel: t('common.save'),
        fields: [
          { name: 'email', label: t('admin.members.email'), type: 'email', required: true, value: member.email },
          { name: 'department', label: t('admin.members.department'), value: member.department, maxlength: 100,
            suggestions: true, hint: t('admin.members.departmentHint') },
          { name: 'nickname', label: t('admin.members.nickname'), value: member.nickname },
          { name: 'gender', label: t('admin.members.gender'), type: 'select', value: member.gender || '', options: [
            { value: '', label: t('admin.members.notGiven') }, { value: 'female', label: t('admin.members.female') },
            { value: 'male', label: t('admin.members.male') }, { value: 'non-binary', label: t('admin.members.nonBinary') },
            { value: 'undisclosed', label: t('admin.members.undisclosed') }] },
          { name: 'employeeId', label: t('admin.members.employeeId'), value: member.employeeId },
          { name: 'position', label: t('admin.members.position'), value: member.position },
          { name: 'entryDate', label: t('admin.members.entryDate'), type: 'date', value: member.entryDate },
        ],
        onSubmit: async (values) => {
          await command.put(path`/api/organizations/${org}/members/${member.memberId}`, values);
          close();
          message.show(t('admin.members.saved', { name: member.name || '' }), 'success');
          await settle(() => table.reload());
        },
      });
      const cancel = h('button', { type: 'button', text: t('common.cancel'), on: { click: () => close() } });
      editForm.element.querySelector('.actions').append(cancel);
      known.then((names) => editForm.setOptions('department', departmentOptions(names)));
      replace(editor, h('section', { class: 'panel', 'aria-labelledby': 'member-edit-heading' },
        Object.assign(heading, { id: 'member-edit-heading' }), editForm.element));
      heading.focus();
    }

    function close() {
      replace(editor);
    }

    // The list is the query side's projection: it shows a change once the event is applied (well
    // under a second); read it again shortly after a change, and once more a little later.
    async function settle(reload) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      if (signal.aborted) return;
      await reload();
      setTimeout(() => { if (!signal.aborted) reload(); }, 1200);
    }

    view.append(filterForm.element, message.element, editor, table.element);
    table.reload();
    const known = departments(org, signal);
    known.then((names) => filterForm.setOptions('department',
      departmentOptions(names, { all: t('common.all'), current: filters.department }), filters.department));
  },
});
