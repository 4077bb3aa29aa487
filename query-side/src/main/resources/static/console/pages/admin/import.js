// Importing members from a CSV file (header name,phone,email,department; up to 50,000 rows):
// the upload's progress, then the counts, and the error file (row,reason; no cell values) to
// download when rows were refused. POST .../member-imports and GET .../member-imports/{id}/errors
// (command side).
import { h, replace } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, number } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/admin/import',
  render(view, { session }) {
    const org = session.organization;
    const progress = h('progress', { id: 'import-progress', max: 100, value: 0, 'aria-label': t('admin.import.progress') });
    const progressText = h('span', { 'aria-live': 'polite' });
    const progressBlock = h('p', { class: 'progress', hidden: true }, progress, ' ', progressText);
    const result = h('div', { id: 'import-result' });
    const downloads = messageArea();

    const upload = form({
      id: 'member-import',
      submitLabel: t('admin.import.submit'),
      fields: [{ name: 'file', label: t('admin.import.file'), type: 'file', required: true, accept: '.csv,text/csv',
        hint: t('admin.import.fileHint') }],
      onSubmit: async ({ file }) => {
        replace(result);
        progressBlock.hidden = false;
        progress.value = 0;
        progressText.textContent = t('admin.import.sending', { percent: 0 });
        const answer = await command.upload(path`/api/organizations/${org}/member-imports`, file, 'text/csv', (sent, total) => {
          const percent = total ? Math.round((sent / total) * 100) : 0;
          progress.value = percent;
          progressText.textContent = percent < 100 ? t('admin.import.sending', { percent }) : t('admin.import.processing');
        }).finally(() => { progressBlock.hidden = true; });
        show(answer);
      },
    });

    function show(answer) {
      const figures = [['rows', answer.rows], ['created', answer.created], ['updated', answer.updated],
        ['unchanged', answer.unchanged], ['failed', answer.failed]];
      replace(result, h('section', { class: 'panel', 'aria-labelledby': 'import-result-heading' },
        h('h2', { id: 'import-result-heading', tabindex: '-1', text: t('admin.import.done') }),
        h('dl', { class: 'facts' }, figures.flatMap(([key, value]) => [h('dt', { text: t('admin.import.' + key) }),
          h('dd', { dataset: { figure: key }, text: number(value) })])),
        answer.failed > 0 ? h('p', {}, h('button', { type: 'button', id: 'import-errors', text: t('admin.import.errors'),
          on: { click: () => errorFile(answer.importId) } })) : null,
        downloads.element));
      result.querySelector('h2').focus();
    }

    async function errorFile(importId) {
      try {
        const name = await command.download(path`/api/organizations/${org}/member-imports/${importId}/errors`, null,
          'import-errors.csv');
        downloads.show(t('download.saved', { name }), 'success');
      } catch (error) {
        downloads.error(error);
      }
    }

    view.append(h('p', { text: t('admin.import.intro') }), upload.element, progressBlock, result);
  },
});
