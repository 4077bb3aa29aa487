// The console's shell: the skip link, the header (name, navigation, who is signed in, sign out)
// and the main view, where the router renders the page of the current hash. Nobody signed in:
// the sign-in view, which returns to the page that was asked for. A page the user's roles do not
// open shows a plain sentence, never a status code.
import pages from './pages/index.js';
import { AREAS } from './pages/home.js';
import { h, replace } from './core/dom.js';
import { t, setLanguage } from './core/strings.js';
import { session, onChange, end, hasRole, roles } from './core/session.js';
import { listen, location, match, href, navigate } from './core/router.js';
import { renderSignIn } from './pages/sign-in.js';

const top = document.getElementById('top');
const main = document.getElementById('main');
let leaving = null; // aborts the current page's requests and streams when the view changes
let signInReason = null;
let returnTo = null; // { hash, userId }: the page to go back to after signing in again

setLanguage(document.documentElement.lang || 'en');
document.title = t('app.name');
replace(document.getElementById('skip'), h('a', { class: 'skip', href: '#main', on: { click: (event) => {
  event.preventDefault(); // the hash is the router's
  main.focus();
} } }, t('app.skip')));

function home() {
  const first = AREAS.find(({ role }) => roles().includes(role));
  return first ? '/' + first.area : null;
}

function allowed(page) {
  return !page.roles || page.roles.length === 0 ? !!session() : hasRole(...page.roles);
}

function header(path) {
  const current = session();
  if (!current) {
    replace(top, h('p', { class: 'brand', text: t('app.name') }));
    return;
  }
  const links = pages.filter((page) => page.nav !== false && allowed(page) && (page.nav || page.path === '/' + page.area));
  replace(top,
    h('p', { class: 'brand' }, h('a', { href: href(home() || '/'), text: t('app.name') })),
    h('nav', { 'aria-label': t('app.nav') }, h('ul', {}, links.map((page) => h('li', {},
      h('a', { href: href(page.path), 'aria-current': page.path === path ? 'page' : null, text: t(page.title) }))))),
    h('p', { class: 'who' }, h('span', { text: t('app.signedInAs', { email: current.email }) }), ' ',
      h('span', { class: 'roles', text: '(' + roles().map((role) => t('role.' + role)).join(', ') + ')' }), ' ',
      h('button', { type: 'button', id: 'sign-out', text: t('app.signOut'), on: { click: () => end('signed-out') } })));
}

function view(titleKey, path) {
  const heading = h('h1', { tabindex: '-1', text: t(titleKey) });
  const section = h('section', { class: 'page', 'data-page': path });
  replace(main, heading, section);
  document.title = t(titleKey) + ' – ' + t('app.name');
  heading.focus();
  return section;
}

function render() {
  if (leaving) leaving.abort();
  leaving = new AbortController();
  const { path, query } = location();
  const current = session();
  header(path);
  if (!current) {
    if (!returnTo && path !== '/') returnTo = { hash: window.location.hash, userId: null }; // a link opened signed out
    document.title = t('signIn.title') + ' – ' + t('app.name');
    renderSignIn(main, signInReason);
    return;
  }
  if (path === '/') {
    const target = home();
    if (target) {
      history.replaceState(null, '', href(target));
      render();
    } else {
      view('home.title', path).append(h('p', { text: t('home.empty') }));
    }
    return;
  }
  const found = match(pages, path);
  if (!found) {
    view('app.name', path).append(h('p', { class: 'message info', text: t('app.notFound') }));
    return;
  }
  if (!allowed(found.page)) {
    view(found.page.title, path).append(h('p', { class: 'message info', text: t('app.notForYou') }),
      h('p', {}, h('a', { href: href(home() || '/'), text: t('home.title') })));
    return;
  }
  const section = view(found.page.title, path);
  try {
    found.page.render(section, { params: found.params, query, session: current, signal: leaving.signal, navigate });
  } catch (error) {
    section.append(h('p', { class: 'message error', role: 'alert', text: t('error.server') }));
    throw error;
  }
}

onChange((current, reason) => {
  if (current) {
    // back to where the session ended if the same person signed in again, else their home
    const back = returnTo && (returnTo.userId === null || returnTo.userId === current.userId)
      ? returnTo.hash : href(home() || '/');
    returnTo = null;
    signInReason = null;
    if (window.location.hash === back) render();
    else window.location.hash = back;
  } else {
    signInReason = reason;
    if (reason === 'signed-out') history.replaceState(null, '', '#/'); // the next person starts at their own home
    const { path } = location();
    returnTo = reason === 'expired' && path !== '/' ? { hash: window.location.hash, userId: lastUser } : null;
    render();
  }
});

let lastUser = null;
onChange((current) => { if (current) lastUser = current.userId; });

listen(render);
