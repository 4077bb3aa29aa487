// The consistency check: each projection's totals per organization compared with the same totals
// replayed from the event store, for every organization or one (chosen from the list, kept in the
// URL: an id, nothing personal). Shows the status, how much was read, every difference, and for one
// organization its totals. GET /api/operations/consistency[?organization=] (query side; one check
// at a time per instance, another is told to try again: 503 checks-busy, said in words).
import { h, replace } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { t, number } from '../../core/strings.js';
import { replaceQuery } from '../../core/router.js';
import { form } from '../../components/form.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

export const page = areaPage({
  path: '/operator/consistency',
  async render(view, { query: search, signal }) {
    const result = h('div', { id: 'consistency', 'aria-live': 'polite' });
    const names = new Map(); // organization id → name
    const nameOf = (id) => names.get(id) || id;

    const check = form({
      id: 'consistency-check',
      inline: true,
      submitLabel: t('operator.consistency.run'),
      fields: [{ name: 'organization', label: t('operator.consistency.organization'), type: 'select',
        value: '', options: [{ value: '', label: t('operator.consistency.all') }] }],
      onSubmit: async ({ organization }) => {
        replaceQuery({ organization: organization || '' });
        replace(result);
        const answer = await query.get('/api/operations/consistency', organization ? { organization } : null, { signal });
        draw(answer);
        check.message.show(t('operator.consistency.status.' + answer.status),
          { DRIFT: 'error', CATCHING_UP: 'info' }[answer.status] || 'success');
      },
    });

    function drifts(answer) {
      if (!answer.drifts.length) return null;
      return dataTable({ id: 'drifts', caption: t('operator.consistency.driftsCaption'), strings: 'operator.consistency',
        columns: ['projection', 'organizationName', 'total', 'expected', 'actual', 'drift'],
        numeric: ['expected', 'actual', 'drift'],
        body: h('tbody', {}, answer.drifts.map((d) => h('tr', {},
          h('td', { text: d.projection }), h('td', { text: nameOf(d.organizationId) }), h('td', { text: d.total }),
          h('td', { class: 'num', text: number(d.expected) }), h('td', { class: 'num', text: number(d.actual) }),
          h('td', { class: 'num', text: number(d.drift) })))) });
    }

    /** One organization's totals per projection (for all organizations the list would be long). */
    function totals(checked) {
      const organization = checked.organizations[0];
      if (!organization) return null;
      return dataTable({ caption: t('operator.consistency.totalsCaption', { projection: checked.projection,
        organization: nameOf(organization.organizationId) }), strings: 'operator.consistency',
        columns: ['total', 'expected', 'actual', 'drift'], numeric: ['expected', 'actual', 'drift'],
        body: h('tbody', {}, Object.entries(organization.totals).map(([name, f]) => h('tr', {},
          h('th', { scope: 'row', text: name }), h('td', { class: 'num', text: number(f.expected) }),
          h('td', { class: 'num', text: number(f.actual) }), h('td', { class: 'num', text: number(f.drift) })))) });
    }

    function draw(answer) {
      replace(result,
        h('p', { class: 'status-line', text: t('operator.consistency.read', { head: number(answer.headIndex),
          replayed: number(answer.eventsReplayed) }) }),
        h('ul', {}, answer.projections.map((p) => h('li', { text: t(p.caughtUp ? 'operator.consistency.caughtUp'
          : 'operator.consistency.behind', { projection: p.projection, organizations: number(p.organizations.length) }) }))),
        drifts(answer),
        answer.status === 'DRIFT' ? h('p', { text: t('operator.consistency.driftHint') }) : null,
        answer.organizationId ? answer.projections.map(totals) : null);
    }

    view.append(h('p', { text: t('operator.consistency.intro') }), check.element, result);
    try {
      const organizations = await query.get('/api/organizations', null, { signal });
      organizations.forEach((o) => names.set(o.organizationId, o.name));
      const wanted = search.get('organization') || '';
      check.setOptions('organization', [{ value: '', label: t('operator.consistency.all') },
        ...organizations.map((o) => ({ value: o.organizationId, label: o.name }))], wanted);
    } catch (error) {
      check.message.error(error);
    }
  },
});
