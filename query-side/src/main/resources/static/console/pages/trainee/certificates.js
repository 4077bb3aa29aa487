// The trainee's certificates: one per completed course, with its verification code and the public
// link anyone may open to check it (/console/certificate.html#<code>, a readable page of
// GET /api/certificates/{code}, no sign-in). The code is the certificate's, shown to its holder to
// share; the console itself keeps it in no URL of its own.
import { h } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { areaPage } from '../../core/pages.js';
import { loadedTable } from '../../components/table.js';

export const page = areaPage({
  path: '/trainee/certificates',
  render(view, { signal }) {
    return loadedTable(view, {
      intro: [h('p', { text: t('trainee.certificates.intro') })],
      id: 'my-certificates', caption: t('trainee.certificates.caption'), strings: 'trainee.certificates',
      columns: ['course', 'completed', 'code', 'verify'], empty: t('trainee.certificates.empty'),
      load: async () => (await query.get('/api/me/enrolments', null, { signal })).filter((e) => e.certificateCode),
      row: (e, message) => {
        const link = new URL('/console/certificate.html#' + encodeURIComponent(e.certificateCode), window.location.origin).href;
        return h('tr', {},
          h('td', { text: e.title }),
          h('td', { text: dateTime(e.completedAt) }),
          h('td', {}, h('code', { text: e.certificateCode })),
          h('td', {}, h('a', { href: link, target: '_blank', rel: 'noopener noreferrer',
            'aria-label': t('trainee.certificates.verifyLink', { title: e.title }), text: t('trainee.certificates.open') }), ' ',
          h('button', { type: 'button', 'aria-label': t('trainee.certificates.copyLink', { title: e.title }),
            text: t('trainee.certificates.copy'), on: { click: () => copy(link, e.title, message) } })));
      },
    });
  },
});

async function copy(link, title, message) {
  try {
    await navigator.clipboard.writeText(link);
    message.show(t('trainee.certificates.copied', { title }), 'success');
  } catch (e) {
    message.show(t('trainee.certificates.copyFailed'), 'error');
  }
}
