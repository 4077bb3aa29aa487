// The organization's retention policy: erase members so many days after their deactivation and/or
// after so many days without activity; the dry run lists who the job would erase now.
// GET/PUT .../retention-policy and GET .../retention-policy/dry-run (command side).
import { h, replace } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

export const page = areaPage({
  path: '/admin/retention',
  async render(view, { session, signal }) {
    const org = session.organization;
    const current = h('p', { id: 'current-policy' });
    const dryRunMessage = messageArea();
    const dryRun = h('div', { id: 'dry-run' });

    const policy = form({
      id: 'retention-policy',
      submitLabel: t('common.save'),
      fields: [
        { name: 'afterDeactivationDays', label: t('admin.retention.afterDeactivation'), type: 'number', min: 1, max: 3650,
          hint: t('admin.retention.daysHint') },
        { name: 'afterInactivityDays', label: t('admin.retention.afterInactivity'), type: 'number', min: 1, max: 3650,
          hint: t('admin.retention.daysHint') },
      ],
      onSubmit: async (values) => {
        const saved = await command.put(path`/api/organizations/${org}/retention-policy`, values);
        describe(saved);
        policy.message.show(t('form.saved'), 'success');
      },
    });

    function describe(saved) {
      current.textContent = saved ? t('admin.retention.current', { version: saved.version, when: dateTime(saved.setAt) })
        : t('admin.retention.none');
      if (saved) policy.setValues(saved);
    }

    async function runDry() {
      dryRunMessage.clear();
      try {
        const answer = await command.get(path`/api/organizations/${org}/retention-policy/dry-run`, null, { signal });
        replace(dryRun, h('p', { text: t('admin.retention.wouldErase', { count: number(answer.wouldErase.length) })
          + (answer.more ? ' ' + t('admin.retention.more') : '') }),
        answer.wouldErase.length ? dataTable({ caption: t('admin.retention.dryRunCaption'), strings: 'admin.retention',
          columns: ['member', 'rule', 'period', 'since'],
          body: h('tbody', {}, answer.wouldErase.map((due) => h('tr', {}, h('td', { text: due.memberId }),
            h('td', { text: t('admin.retention.rule.' + due.rule) }), h('td', { class: 'num', text: number(due.periodDays) }),
            h('td', { text: dateTime(due.dueSince) })))) }) : null);
      } catch (error) {
        dryRunMessage.error(error);
      }
    }

    view.append(current, policy.element, h('h2', { text: t('admin.retention.dryRunTitle') }),
      h('p', { text: t('admin.retention.dryRunIntro') }),
      h('button', { type: 'button', id: 'dry-run-button', text: t('admin.retention.dryRun'), on: { click: runDry } }),
      dryRunMessage.element, dryRun);
    try {
      describe(await command.get(path`/api/organizations/${org}/retention-policy`, null, { signal }));
    } catch (error) {
      if (error.code === 'no-retention-policy') describe(null);
      else policy.message.error(error);
    }
  },
});
