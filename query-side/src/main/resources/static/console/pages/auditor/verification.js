// Whether the stored history is the history that happened (GET /api/audit/verify, query side):
// the server re-checks the events in a range (all of them by default) against the hash chain and
// the signed checkpoints, and answers the first break, if any, by position and reason.
import { h, replace } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { t, number } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/auditor/verification',
  key: 'auditor.verify',
  render(view) {
    const result = h('div', { id: 'verification', 'aria-live': 'polite' });
    const fact = (key, value) => [h('dt', { text: t('auditor.verify.' + key) }), h('dd', { text: value })];
    const check = form({
      id: 'verify',
      inline: true,
      submitLabel: t('auditor.verify.run'),
      fields: [
        { name: 'from', type: 'number', min: 0, label: t('auditor.verify.from') },
        { name: 'to', type: 'number', min: 0, label: t('auditor.verify.to') }],
      onSubmit: async (values) => {
        replace(result, h('p', { class: 'muted', text: t('auditor.verify.running') }));
        let answer;
        try {
          answer = await query.get('/api/audit/verify', values);
        } catch (error) {
          replace(result);
          throw error;
        }
        const broken = answer.firstBreak;
        replace(result,
          h('div', { class: 'message ' + (answer.ok ? 'success' : 'error'), role: answer.ok ? 'status' : 'alert' },
            h('p', { text: answer.ok ? t('auditor.verify.intact') : t('auditor.verify.broken', { position: broken.position,
              reason: t('auditor.verify.reason.' + broken.reason) }) }),
            broken && broken.detail ? h('p', { text: broken.detail }) : null),
          h('dl', { class: 'facts' },
            fact('checked', number(answer.checked)),
            fact('sealedUpTo', String(answer.sealedUpTo)),
            fact('unsealed', number(answer.unsealed)),
            fact('checkpoints', number(answer.checkpoints)),
            fact('signatures', t(answer.signaturesChecked ? 'auditor.verify.signaturesChecked' : 'auditor.verify.signaturesNot'))));
      },
    });
    view.append(h('p', { text: t('auditor.verify.intro') }), check.element, result);
  },
});
