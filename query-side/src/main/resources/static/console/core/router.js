// A small hash router: #/admin/members?department=Sales. The hash keeps the console one static
// page (no server-side routes to add) and never carries a token. A route is a page's `path`, with
// :name segments as parameters (/admin/members/:memberId).

function compile(pattern) {
  const names = [];
  const source = pattern.replace(/\/:(\w+)/g, (whole, name) => {
    names.push(name);
    return '/([^/]+)';
  });
  return { regex: new RegExp('^' + source + '$'), names };
}

/** The current location: { path, query: URLSearchParams }. */
export function location() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, search] = hash.split('?');
  return { path: path || '/', query: new URLSearchParams(search || '') };
}

/** Goes to path (with optional query values, empty ones left out), adding a history entry. */
export function navigate(path, query = {}) {
  window.location.hash = href(path, query).slice(1);
}

/** The href of a console page, e.g. href('/admin/members', { department: 'Ops' }) → '#/admin/members?department=Ops'. */
export function href(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return '#' + path + (search ? '?' + search : '');
}

/**
 * Rewrites the current query (e.g. a page's filters) without a new history entry or a re-render,
 * so a reload or a shared link opens the same view.
 */
export function replaceQuery(query) {
  history.replaceState(null, '', href(location().path, query));
}

/** Matches path against the pages: { page, params } or null. */
export function match(pages, path) {
  for (const page of pages) {
    page.compiled = page.compiled || compile(page.path);
    const found = page.compiled.regex.exec(path);
    if (found) {
      const params = {};
      page.compiled.names.forEach((name, i) => { params[name] = decodeURIComponent(found[i + 1]); });
      return { page, params };
    }
  }
  return null;
}

/** Calls onChange() now and on every change of the hash. */
export function listen(onChange) {
  window.addEventListener('hashchange', onChange);
  onChange();
}
