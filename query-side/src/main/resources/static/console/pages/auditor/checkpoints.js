// The signed checkpoints of the history (GET /api/audit/checkpoints, query side) and the public key
// that verifies them (GET /api/audit/signing-key): what auditors copy out and keep elsewhere, so a
// rewrite of the database shows up against their copy. Read 50 at a time from a position on, with
// "more" continuing after the last one shown; the page keeps at most MAX_ROWS rows.
import { h, replace } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { t, number, dateTime } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

const BATCH = 50;
const MAX_ROWS = 500;

export const page = areaPage({
  path: '/auditor/checkpoints',
  async render(view, { signal }) {
    const message = messageArea();
    const key = h('dl', { class: 'facts', id: 'signing-key' });
    const body = h('tbody');
    const columns = ['position', 'sealed', 'signedAt', 'keyId', 'chainHash'];
    const table = h('table', { class: 'data', id: 'checkpoints' }, h('caption', { text: t('auditor.checkpoints.caption') }),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c === 'position' || c === 'sealed' ? 'num' : null,
        text: t('auditor.checkpoints.' + c) })))), body);
    const status = h('p', { class: 'muted', 'aria-live': 'polite' });
    const more = h('button', { type: 'button', id: 'checkpoints-more', hidden: true, text: t('auditor.checkpoints.more') });
    const save = h('button', { type: 'button', id: 'checkpoints-save', text: t('auditor.checkpoints.save') });
    let next = 0;
    let start = 0;

    async function load() {
      more.disabled = true;
      try {
        const items = await query.get('/api/audit/checkpoints', { from: next, limit: BATCH }, { signal }) || [];
        for (const c of items) {
          body.append(h('tr', {},
            h('td', { class: 'num', text: String(c.globalIndex) }),
            h('td', { class: 'num', text: number(c.sealedCount) }),
            h('td', {}, h('time', { datetime: c.signedAt, text: dateTime(c.signedAt) })),
            h('td', {}, h('code', { text: c.keyId })),
            h('td', {}, h('code', { class: 'hash', text: c.chainHash }))));
          next = c.globalIndex + 1;
        }
        while (body.rows.length > MAX_ROWS) body.rows[0].remove();
        status.textContent = body.rows.length
          ? t('auditor.checkpoints.range', { count: number(body.rows.length) }) + (items.length < BATCH ? ' ' + t('auditor.checkpoints.end') : '')
          : t('auditor.checkpoints.none');
        more.hidden = items.length < BATCH;
      } catch (error) {
        message.error(error);
      } finally {
        more.disabled = false;
      }
    }

    const startForm = form({
      id: 'checkpoints-from',
      inline: true,
      submitLabel: t('auditor.checkpoints.read'),
      fields: [{ name: 'from', type: 'number', min: 0, value: 0, label: t('auditor.checkpoints.from') }],
      onSubmit: async (values) => {
        start = values.from || 0;
        next = start;
        replace(body);
        await load();
      },
    });
    more.addEventListener('click', load);
    save.addEventListener('click', async () => {
      try {
        await query.download('/api/audit/checkpoints', { from: start, limit: 10000 }, 'audit-checkpoints.json');
        message.show(t('auditor.checkpoints.saved'), 'success');
      } catch (error) {
        message.error(error);
      }
    });

    view.append(message.element,
      h('section', { 'aria-labelledby': 'key-title' }, h('h2', { id: 'key-title', text: t('auditor.checkpoints.keyTitle') }),
        h('p', { text: t('auditor.checkpoints.keyIntro') }), key),
      h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title', text: t('auditor.checkpoints.listTitle') }),
        h('p', { text: t('auditor.checkpoints.intro') }), startForm.element,
        h('div', { class: 'table-block' }, h('div', { class: 'table-scroll' }, table), h('div', { class: 'pager' }, more, status)),
        h('div', { class: 'actions' }, save)));
    try {
      const signing = await query.get('/api/audit/signing-key', null, { signal });
      key.append(h('dt', { text: t('auditor.checkpoints.keyId') }), h('dd', {}, h('code', { text: signing.keyId })),
        h('dt', { text: t('auditor.checkpoints.algorithm') }), h('dd', { text: signing.algorithm }),
        h('dt', { text: t('auditor.checkpoints.publicKey') }), h('dd', {}, h('code', { class: 'secret', id: 'public-key', text: signing.publicKey })));
    } catch (error) {
      message.error(error);
    }
    await load();
  },
});
