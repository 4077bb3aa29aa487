// The public check of a certificate: what a stranger sees on opening the link its holder shared
// (/console/certificate.html#7KQ2-M9XD-4HTR-PB6W). No sign-in and no token: it shows what
// GET /api/certificates/{code} answers (course, holder, issue date, validity) and nothing else.
// The code rides in the fragment, which the browser never sends, so it reaches no server log
// and no Referer; a code can also be typed in. It shares the console's files and policy, not its
// shell: nothing here knows of sessions.
import { h, replace } from './core/dom.js';
import { query, path, ApiError } from './core/api.js';
import { t, setLanguage, dateTime } from './core/strings.js';
import { form } from './components/form.js';

const CODE = /^[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}$/; // the server's alphabet: no I, L, O or U

setLanguage(document.documentElement.lang || 'en');
document.title = t('certificate.title');
document.getElementById('brand').textContent = t('app.name');
const main = document.getElementById('main');
const result = h('div', { id: 'certificate', 'aria-live': 'polite' });

const lookUp = form({
  id: 'certificate-code',
  inline: true,
  submitLabel: t('certificate.check'),
  fields: [{ name: 'code', label: t('certificate.code'), required: true, autocomplete: 'off', maxlength: 40,
    hint: t('certificate.codeHint') }],
  onSubmit: async ({ code }) => {
    const normalised = code.trim().toUpperCase();
    history.replaceState(null, '', '#' + normalised);
    await check(normalised);
  },
});

async function check(code) {
  if (!CODE.test(code)) {
    show(h('p', { class: 'message error', role: 'alert', text: t('certificate.malformed') }));
    return;
  }
  try {
    const c = await query.get(path`/api/certificates/${code}`, null, { anonymous: true });
    show(h('section', { class: 'panel', 'aria-labelledby': 'certificate-heading' },
      h('h2', { id: 'certificate-heading', tabindex: '-1',
        text: t(c.valid ? 'certificate.valid' : 'certificate.invalid') }),
      h('dl', { class: 'facts' },
        h('dt', { text: t('certificate.course') }), h('dd', { text: c.course }),
        h('dt', { text: t('certificate.holder') }), h('dd', { text: c.holder }),
        h('dt', { text: t('certificate.issued') }), h('dd', { text: dateTime(c.issuedAt) }),
        h('dt', { text: t('certificate.codeShown') }), h('dd', {}, h('code', { text: c.verificationCode })))));
    result.querySelector('h2').focus();
  } catch (error) {
    const text = error instanceof ApiError && error.status === 404 ? t('certificate.unknown')
      : error instanceof ApiError && error.status === 400 ? t('certificate.malformed')
        : error instanceof ApiError ? error.message : t('error.server');
    show(h('p', { class: 'message error', role: 'alert', text }));
  }
}

function show(node) {
  replace(result, node);
}

replace(main, h('h1', { text: t('certificate.title') }), h('p', { text: t('certificate.intro') }), lookUp.element, result);
const given = decodeURIComponent(window.location.hash.replace(/^#/, '')).trim().toUpperCase();
if (given) {
  lookUp.setValues({ code: given });
  check(given);
}
