// The live dashboard: the organization's figures now (active trainees, learning hours per
// department, completions per day, from GET .../reports/organization), and the live dashboard
// page (/dashboard/index.html, which follows the report's streams) opened for one department or
// all. The dashboard is its own page with its own sign-in, and its policy forbids framing
// (frame-ancestors 'none'), so the console links to it rather than embedding it: a framed page
// would need the token handed across, which tokens kept in memory only rule out.
import { h, replace } from '../../core/dom.js';
import { query, path } from '../../core/api.js';
import { t, number } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { departments } from '../../components/departments.js';
import { uid } from '../../core/dom.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/admin/dashboard',
  async render(view, { session, signal }) {
    const org = session.organization;
    const message = messageArea();
    const selectId = uid('department');
    const select = h('select', { id: selectId }, h('option', { value: '', text: t('admin.dashboard.allDepartments') }));
    const link = h('a', { id: 'open-dashboard', target: '_blank', rel: 'noopener', href: '/dashboard/index.html',
      text: t('admin.dashboard.open') });
    select.addEventListener('change', () => {
      link.href = '/dashboard/index.html' + (select.value ? '?department=' + encodeURIComponent(select.value) : '');
    });
    const figures = h('div', { id: 'figures' });
    view.append(h('p', { text: t('admin.dashboard.intro') }),
      h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: selectId, text: t('admin.report.department') }), select),
        h('p', {}, link)), message.element, figures);
    try {
      const [now, names] = await Promise.all([
        query.get(path`/api/organizations/${org}/reports/organization`, null, { signal }), departments(org, signal)]);
      for (const department of names) select.append(h('option', { value: department, text: department }));
      replace(figures,
        h('dl', { class: 'facts' },
          h('dt', { text: t('admin.dashboard.active7') }), h('dd', { text: number(now.activeTrainees7Days) }),
          h('dt', { text: t('admin.dashboard.active30') }), h('dd', { text: number(now.activeTrainees30Days) })),
        h('div', { class: 'table-scroll' }, h('table', { class: 'data', id: 'hours-by-department' },
          h('caption', { text: t('admin.dashboard.hours') }),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('admin.report.department') }),
            h('th', { scope: 'col', class: 'num', text: t('admin.dashboard.learningHours') }))),
          h('tbody', {}, now.learningHoursByDepartment.map((row) => h('tr', {},
            h('td', { text: row.department || t('admin.dashboard.noDepartment') }),
            h('td', { class: 'num', text: number(row.learningHours) })))))));
    } catch (error) {
      message.error(error);
    }
  },
});
