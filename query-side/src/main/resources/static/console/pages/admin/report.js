// The learning report: one row per trainee with the privacy statement's columns (name, account,
// department, learning length, courses studied, course completion, completion rate, exams taken,
// exam pass rate), filtered by department, status and last-activity dates, sorted and paged by
// the server, and exported with the same filters and sort as CSV or XLSX in one click. "As of" a
// past time shows the same page as it was then, replayed from the history by the server (not
// exported: the export is today's report).
// GET /api/organizations/{org}/reports/learning, .../as-of and .../export (query side).
import { h } from '../../core/dom.js';
import { query, path } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { replaceQuery } from '../../core/router.js';
import { pagedTable, pageInAddress } from '../../components/table.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { departments, departmentOptions } from '../../components/departments.js';
import { areaPage } from '../../core/pages.js';

/** Seconds as h:mm. */
export function hoursMinutes(seconds) {
  const minutes = Math.floor((seconds || 0) / 60);
  return Math.floor(minutes / 60) + ':' + String(minutes % 60).padStart(2, '0');
}

function percent(rate) {
  return rate == null ? '' : Math.round(rate * 100) + ' %';
}

export const page = areaPage({
  path: '/admin/report',
  render(view, { session, query: search, signal }) {
    const org = session.organization;
    const filters = { department: search.get('department') || '', status: search.get('status') || '',
      from: search.get('from') || '', to: search.get('to') || '' };
    let at = search.get('at') || ''; // a local date and time (datetime-local), sent as an instant
    const exportMessage = messageArea();
    const asOf = h('p', { id: 'report-as-of', class: 'muted', 'aria-live': 'polite' });

    const filterForm = form({
      id: 'report-filters',
      inline: true,
      submitLabel: t('common.filter'),
      fields: [
        { name: 'department', label: t('admin.report.department'), type: 'select', value: filters.department,
          options: departmentOptions([], { all: t('common.all'), current: filters.department }) },
        { name: 'status', label: t('admin.report.status'), type: 'select', value: filters.status, options: [
          { value: '', label: t('common.all') }, { value: 'ACTIVE', label: t('admin.members.active') },
          { value: 'DEACTIVATED', label: t('admin.members.deactivated') }] },
        { name: 'from', label: t('admin.report.from'), type: 'date', value: filters.from },
        { name: 'to', label: t('admin.report.to'), type: 'date', value: filters.to },
        { name: 'at', label: t('admin.report.asOf'), type: 'datetime-local', value: at, hint: t('admin.report.asOfHint') },
      ],
      onSubmit: async (values) => {
        for (const key of Object.keys(filters)) filters[key] = values[key] || '';
        at = values.at || '';
        await table.reload({ page: 0 });
      },
    });

    const table = pagedTable({
      caption: t('admin.report.caption'),
      label: t('admin.report.pages'),
      ...pageInAddress(search, 'name,asc'),
      sizes: [25, 50, 100, 200, 500],
      rowKey: (row) => row.traineeId,
      columns: [
        { key: 'name', label: t('admin.report.name'), sort: 'name' },
        { key: 'email', label: t('admin.report.account') },
        { key: 'department', label: t('admin.report.department'), sort: 'department' },
        { key: 'learningSeconds', label: t('admin.report.learning'), sort: 'learningSeconds', numeric: true,
          render: (row) => hoursMinutes(row.learningSeconds) },
        { key: 'coursesStudied', label: t('admin.report.studied'), numeric: true, render: (row) => number(row.coursesStudied) },
        { key: 'coursesCompleted', label: t('admin.report.completed'), sort: 'coursesCompleted', numeric: true,
          render: (row) => number(row.coursesCompleted) },
        { key: 'completionRate', label: t('admin.report.completionRate'), sort: 'completionRate', numeric: true,
          render: (row) => percent(row.completionRate) },
        { key: 'examsTaken', label: t('admin.report.exams'), numeric: true, render: (row) => number(row.examsTaken) },
        { key: 'examPassRate', label: t('admin.report.passRate'), sort: 'examPassRate', numeric: true,
          render: (row) => percent(row.examPassRate) },
        { key: 'lastActivity', label: t('admin.report.lastActivity'), sort: 'lastActivity', render: (row) => dateTime(row.lastActivity) },
        { key: 'status', label: t('admin.report.status'),
          render: (row) => (row.status === 'DEACTIVATED' ? t('admin.members.deactivated') : t('admin.members.active')) },
      ],
      load: async ({ page: index, size, sort, signal }) => {
        exportButtons.forEach((button) => { button.disabled = !!at; });
        if (!at) {
          asOf.textContent = '';
          return query.get(path`/api/organizations/${org}/reports/learning`, { ...filters, page: index, size, sort }, { signal });
        }
        const answer = await query.get(path`/api/organizations/${org}/reports/learning/as-of`,
          { ...filters, at: new Date(at).toISOString(), page: index, size, sort }, { signal });
        asOf.textContent = t('admin.report.asOfShown', { at: dateTime(answer.asOf), events: number(answer.eventsReplayed) });
        return answer;
      },
      onChange: (state) => replaceQuery({ ...filters, at, ...state, page: state.page || null }),
    });

    const exportButtons = [
      h('button', { type: 'button', id: 'export-csv', text: t('admin.report.exportCsv'), on: { click: () => exportAs('csv') } }),
      h('button', { type: 'button', id: 'export-xlsx', text: t('admin.report.exportXlsx'), on: { click: () => exportAs('xlsx') } })];

    async function exportAs(format) {
      exportMessage.show(t('download.preparing', { name: format.toUpperCase() }));
      try {
        const name = await query.download(path`/api/organizations/${org}/reports/learning/export`,
          { ...filters, sort: table.state.sort, format }, 'learning-report.' + format);
        exportMessage.show(t('download.saved', { name }), 'success');
      } catch (error) {
        exportMessage.error(error);
      }
    }

    view.append(filterForm.element,
      h('div', { class: 'toolbar' }, exportButtons),
      exportMessage.element, asOf, table.element);
    table.reload();
    departments(org, signal).then((names) => filterForm.setOptions('department',
      departmentOptions(names, { all: t('common.all'), current: filters.department }), filters.department));
  },
});
