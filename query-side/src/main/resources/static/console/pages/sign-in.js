// The sign-in view (not a routed page: it shows whenever nobody is signed in). The login goes to
// the command side's /api/auth/login through the pass-through; the token it answers is kept in
// memory only (core/session.js).
import { h, replace } from '../core/dom.js';
import { command } from '../core/api.js';
import { begin } from '../core/session.js';
import { t } from '../core/strings.js';
import { form } from '../components/form.js';

/** Shows the sign-in form in view; reason: 'expired' | 'signed-out' | null. */
export function renderSignIn(view, reason) {
  const heading = h('h1', { tabindex: '-1', text: t('signIn.title') });
  const signIn = form({
    id: 'sign-in',
    submitLabel: t('signIn.submit'),
    fields: [
      { name: 'email', label: t('signIn.email'), type: 'email', required: true, autocomplete: 'username' },
      { name: 'password', label: t('signIn.password'), type: 'password', required: true, autocomplete: 'current-password' },
    ],
    onSubmit: async ({ email, password }) => {
      const answer = await command.post('/api/auth/login', { email, password }, { anonymous: true });
      begin(answer.accessToken, email);
    },
  });
  replace(view, h('section', { class: 'sign-in' }, heading,
    reason ? h('p', { class: 'message info', role: 'status', text: t(reason === 'expired' ? 'signIn.expired' : 'signIn.signedOut') }) : null,
    signIn.element,
    // the public pages (join.html) for people without an account, or not able to sign in yet
    h('nav', { 'aria-label': t('signIn.join') }, h('ul', { class: 'links' }, [
      ['administer', 'join.administer.title'], ['instructor', 'join.instructor.title'],
      ['invitation', 'join.invitation.title'], ['verify', 'join.verify.title'],
    ].map(([view, key]) => h('li', {}, h('a', { href: 'join.html#' + view, text: t(key) })))))));
  heading.focus();
}
