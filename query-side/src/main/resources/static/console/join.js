// The console's public pages, for people who have no account yet or cannot sign in yet: asking to
// administer an organization, registering as an instructor, verifying the mailed code, and
// accepting an invitation. No sign-in and no token: each view calls a public command-side route
// through the pass-through. A page of its own (like certificate.html), not a view of the shell, so
// nothing here knows of sessions, and the shell's every route keeps meaning "signed in".
//
// Views by fragment: #administer (or #administer/<organizationId>), #instructor, #verify/<code>,
// #invitation/<code>; none lists them. A mailed code rides in the fragment, which the browser
// never sends (no server log, no Referer: the page also says no-referrer), and is taken out of
// the address as soon as it is read, so the history keeps #verify or #invitation only.
import { h, replace } from './core/dom.js';
import { t, setLanguage } from './core/strings.js';
import { administer } from './pages/public/administer.js';
import { instructor } from './pages/public/instructor.js';
import { verify } from './pages/public/verify.js';
import { invitation } from './pages/public/invitation.js';

const VIEWS = { administer, instructor, verify, invitation };

setLanguage(document.documentElement.lang || 'en');
const main = document.getElementById('main');
replace(document.getElementById('brand'), h('a', { href: 'index.html', text: t('app.name') }));
replace(document.getElementById('skip'), h('a', { class: 'skip', href: '#main', on: { click: (event) => {
  event.preventDefault(); // the fragment is the view's
  main.focus();
} } }, t('app.skip')));

function render() {
  const [name, ...rest] = window.location.hash.replace(/^#/, '').split('/');
  const given = decoded(rest.join('/')).trim();
  const view = VIEWS[name];
  if (view && given && view.takesCode) history.replaceState(null, '', '#' + name); // the code leaves the address
  const found = view || choices;
  const heading = h('h1', { tabindex: '-1', text: t(found.title) });
  const section = h('section', { class: 'page join' });
  replace(main, heading, section);
  document.title = t(found.title) + ' – ' + t('app.name');
  heading.focus();
  found.render(section, { given });
}

/** The fragment's value as typed; a malformed escape (a mangled link) is kept as it is. */
function decoded(value) {
  try {
    return decodeURIComponent(value);
  } catch (e) {
    return value;
  }
}

/** No view named: what can be done here, and the way back to signing in. */
const choices = {
  title: 'join.title',
  render(section) {
    section.append(h('ul', { class: 'cards' }, ['administer', 'instructor', 'verify', 'invitation'].map((name) =>
      h('li', {}, h('a', { href: '#' + name, text: t(VIEWS[name].title) }), h('p', { text: t(VIEWS[name].summary) })))),
    h('p', {}, h('a', { href: 'index.html', text: t('join.signIn') })));
  },
};

window.addEventListener('hashchange', render);
render();
