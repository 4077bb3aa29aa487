// Every text the console shows, by key, one dictionary per language. English is complete; another
// language adds a dictionary with the same keys (a missing key falls back to English) and registers
// it in DICTIONARIES. Placeholders are {name}; t() replaces them, and the result is always set as
// text (textContent), never parsed as markup. English comes in one block per area, so pages of
// different areas add their keys in different places: keys are '<area>.<page>.<what>'.
const common = {
  'app.name': 'Learning console',
  'app.skip': 'Skip to content',
  'app.nav': 'Main',
  'app.signedInAs': 'Signed in as {email}',
  'app.signOut': 'Sign out',
  'app.loading': 'Loading…',
  'app.notFound': 'There is no such page.',
  'app.notForYou': 'This page is not available to your account.',

  'role.OPERATOR': 'Operator',
  'role.ORG_ADMIN': 'Administrator',
  'role.INSTRUCTOR': 'Instructor',
  'role.TRAINEE': 'Trainee',
  'role.AUDITOR': 'Auditor',

  'signIn.title': 'Sign in',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.expired': 'Your session has ended. Sign in again to continue where you were.',
  'signIn.signedOut': 'You are signed out.',

  'home.title': 'Welcome',
  'home.intro': 'Choose what to do.',
  'home.empty': 'Nothing is available here for your account yet.',

  'error.forbidden': 'Your account may not do this. If you think it should, ask your administrator.',
  'error.notFound': 'It was not found; it may have been removed.',
  'error.throttled': 'Too many requests. Try again in {seconds} seconds.',
  'error.busy': 'The service is busy. Try again in a moment.',
  'error.server': 'Something went wrong on our side. Try again; if it persists, tell your operator.',
  'error.network': 'The service cannot be reached. Check your connection and try again.',
  'error.generic': 'The request was refused.',
  'error.fields': 'Please correct the fields marked below.',

  'form.required': 'required',
  'form.saving': 'Saving…',
  'form.saved': 'Saved.',

  'table.previous': 'Previous page',
  'table.next': 'Next page',
  'table.range': '{first}–{last} of {total}',
  'table.empty': 'Nothing to show.',
  'table.pageSize': 'Rows per page',
  'table.sortedAscending': 'sorted ascending',
  'table.sortedDescending': 'sorted descending',
  'table.pages': 'Pages',

  'download.preparing': 'Preparing {name}…',
  'download.saved': 'Saved {name}.',

  'common.search': 'Search',
  'common.filter': 'Filter',
  'common.clear': 'Clear',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.close': 'Close',
  'common.all': 'All',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.actions': 'Actions',

  'me.title': 'Your account',
  'me.userId': 'User id',
  'me.organization': 'Organization',
  'me.noOrganization': 'none',
  'me.roles': 'Roles',

  'problem.invalid-credentials': 'The email or password is not right.',
  'problem.account-pending': 'This account waits for an operator’s approval.',
  'problem.account-rejected': 'This account’s application was not approved.',
  'problem.account-deactivated': 'This account is deactivated. Ask your organization’s administrator.',
  'problem.exports-busy': 'Other exports are running. Try again in a moment.',
  'problem.streams-busy': 'The service is busy. Trying again…',
};

// ---- the administrator's pages (pages/admin/) ----
const admin = {
};

// ---- the trainee's pages (pages/trainee/) ----
const trainee = {
};

// ---- the instructor's pages (pages/instructor/) ----
const instructor = {
};

// ---- everyone's own privacy pages (pages/privacy/) ----
const privacy = {
};

// ---- the operator's pages (pages/operator/) ----
const operator = {
};

// ---- the auditor's pages (pages/auditor/) ----
const auditor = {
};

const en = { ...common, ...admin, ...trainee, ...instructor, ...privacy, ...operator, ...auditor };
const DICTIONARIES = { en };
let language = 'en';

/** Chooses the language (a key of DICTIONARIES); unknown languages keep English. */
export function setLanguage(code) {
  language = DICTIONARIES[code] ? code : 'en';
  document.documentElement.lang = language;
}

/** Whether a key exists (in the current language or English). */
export function has(key) {
  return key in (DICTIONARIES[language] || {}) || key in en;
}

/** The text for key, placeholders filled in; the key itself when missing, so a gap is visible. */
export function t(key, values = {}) {
  const text = (DICTIONARIES[language] || {})[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A number in the current language's notation (100000 → 100,000). */
export function number(value) {
  return new Intl.NumberFormat(language).format(value);
}

/** An ISO instant as a short local date and time, empty for none. */
export function dateTime(instant) {
  return instant ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(instant)) : '';
}
