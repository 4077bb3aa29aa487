// Who is signed in. The access token lives in this module's memory only: never in localStorage,
// sessionStorage, a cookie or a URL, so closing or reloading the tab signs out, and no other page
// or script on disk can read it. Tokens are short-lived (15 minutes by default) and there is no
// refresh token: when one expires (or the server refuses it), the console asks to sign in again
// and then returns to the page that was open.

const ROLE_ORDER = ['OPERATOR', 'ORG_ADMIN', 'AUDITOR', 'INSTRUCTOR', 'TRAINEE'];
const listeners = new Set();
let current = null; // { token, userId, email, organization, roles, expiresAt }
let expiryTimer = null;

function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = atob(part.padEnd(part.length + (4 - (part.length % 4)) % 4, '='));
  return JSON.parse(decodeURIComponent(Array.from(json, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
}

/** The signed-in user, or null. */
export function session() {
  return current;
}

/** The bearer token, or null when none is valid any more. */
export function token() {
  if (current && Date.now() >= current.expiresAt) end('expired');
  return current ? current.token : null;
}

/** Whether the signed-in user holds any of the roles. */
export function hasRole(...roles) {
  return !!current && roles.some((role) => current.roles.includes(role));
}

/** The user's roles in the console's order (the first one's home is where they land). */
export function roles() {
  return current ? ROLE_ORDER.filter((role) => current.roles.includes(role)) : [];
}

/** Takes the token of a sign-in: the console then opens the person's page or home. */
export function begin(accessToken, email) {
  take(accessToken, email);
  listeners.forEach((listener) => listener(current, 'signed-in'));
}

/**
 * Takes a fresh token for the same person (a password change answers one, and refuses every older
 * token from then on): the page that is open stays as it is.
 */
export function renew(accessToken) {
  take(accessToken, current ? current.email : '');
}

function take(accessToken, email) {
  const claimed = claims(accessToken);
  current = {
    token: accessToken,
    userId: claimed.sub,
    email: email || claimed.email || '',
    organization: claimed.org || null,
    roles: Array.isArray(claimed.roles) ? claimed.roles : [],
    expiresAt: (claimed.exp ? claimed.exp * 1000 : Date.now() + 15 * 60 * 1000) - 5000,
  };
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(() => end('expired'), Math.max(0, current.expiresAt - Date.now()));
}

/** Forgets the token: reason is 'signed-out' (the user asked) or 'expired' (sign in again). */
export function end(reason) {
  if (!current) return;
  current = null;
  clearTimeout(expiryTimer);
  listeners.forEach((listener) => listener(null, reason));
}

/** Calls listener(session or null, reason) on every sign-in and sign-out. */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
