// The trainee's certificates: one per completed course, with its verification code and the public
// link anyone may open to check it (/console/certificate.html#<code>, a readable page of
// GET /api/certificates/{code}, no sign-in). The code is the certificate's, shown to its holder to
// share; the console itself keeps it in no URL of its own.
import { h } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';

export const page = {
  path: '/trainee/certificates',
  area: 'trainee',
  roles: ['TRAINEE'],
  title: 'trainee.certificates.title',
  summary: 'trainee.certificates.summary',
  nav: true,
  async render(view, { signal }) {
    const message = messageArea();
    const body = h('tbody');
    view.append(message.element, h('p', { text: t('trainee.certificates.intro') }),
      h('div', { class: 'table-scroll' }, h('table', { class: 'data', id: 'my-certificates' },
        h('caption', { text: t('trainee.certificates.caption') }),
        h('thead', {}, h('tr', {}, ['course', 'completed', 'code', 'verify'].map((key) =>
          h('th', { scope: 'col', text: t('trainee.certificates.' + key) })))), body)));
    try {
      const certified = (await query.get('/api/me/enrolments', null, { signal })).filter((e) => e.certificateCode);
      body.append(...(certified.length ? certified.map((e) => {
        const link = new URL('/console/certificate.html#' + encodeURIComponent(e.certificateCode), window.location.origin).href;
        return h('tr', {},
          h('td', { text: e.title }),
          h('td', { text: dateTime(e.completedAt) }),
          h('td', {}, h('code', { text: e.certificateCode })),
          h('td', {}, h('a', { href: link, target: '_blank', rel: 'noopener noreferrer',
            'aria-label': t('trainee.certificates.verifyLink', { title: e.title }), text: t('trainee.certificates.open') }), ' ',
          h('button', { type: 'button', 'aria-label': t('trainee.certificates.copyLink', { title: e.title }),
            text: t('trainee.certificates.copy'), on: { click: () => copy(link, e.title, message) } })));
      }) : [h('tr', {}, h('td', { colspan: 4, class: 'empty', text: t('trainee.certificates.empty') }))]));
    } catch (error) {
      message.error(error);
    }
  },
};

async function copy(link, title, message) {
  try {
    await navigator.clipboard.writeText(link);
    message.show(t('trainee.certificates.copied', { title }), 'success');
  } catch (e) {
    message.show(t('trainee.certificates.copyFailed'), 'error');
  }
}
