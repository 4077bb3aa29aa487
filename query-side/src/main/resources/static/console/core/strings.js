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
  'problem.email-taken': 'Another member of your organization has this email.',
};

// ---- the administrator's pages (pages/admin/) ----
const admin = {
  'admin.members.title': 'Members',
  'admin.members.summary': 'Find, edit, deactivate and reactivate the organization’s members.',
  'admin.members.caption': 'Members of your organization',
  'admin.members.pages': 'Pages of members',
  'admin.members.search': 'Name or email',
  'admin.members.searchHint': 'Part of a name, or a whole email address.',
  'admin.members.name': 'Name',
  'admin.members.email': 'Email',
  'admin.members.department': 'Department',
  'admin.members.role': 'Role',
  'admin.members.status': 'Status',
  'admin.members.joined': 'Joined',
  'admin.members.active': 'Active',
  'admin.members.deactivated': 'Deactivated',
  'admin.members.edit': 'Edit',
  'admin.members.editNamed': 'Edit {name}',
  'admin.members.editing': 'Edit {name}',
  'admin.members.deactivate': 'Deactivate',
  'admin.members.deactivateNamed': 'Deactivate {name}',
  'admin.members.reactivate': 'Reactivate',
  'admin.members.reactivateNamed': 'Reactivate {name}',
  'admin.members.deactivatedDone': '{name} is deactivated: their sessions have ended and they cannot sign in.',
  'admin.members.reactivated': '{name} is active again and can sign in.',
  'admin.members.saved': 'Saved the changes to {name}.',
  'admin.members.nickname': 'Nickname',
  'admin.members.gender': 'Gender',
  'admin.members.notGiven': 'Not given',
  'admin.members.female': 'Female',
  'admin.members.male': 'Male',
  'admin.members.nonBinary': 'Non-binary',
  'admin.members.undisclosed': 'Undisclosed',
  'admin.members.employeeId': 'Employee id',
  'admin.members.position': 'Position',
  'admin.members.entryDate': 'Entry date',

  'admin.import.title': 'Import members',
  'admin.import.summary': 'Add or update members from a CSV file, and download the refused rows.',
  'admin.import.intro': 'A UTF-8 CSV file with the header name,phone,email,department and up to 50,000 rows. A row with a new email adds a member; a row with a member’s email updates them.',
  'admin.import.file': 'CSV file',
  'admin.import.fileHint': 'Up to 16 MB.',
  'admin.import.submit': 'Import',
  'admin.import.progress': 'Import progress',
  'admin.import.sending': 'Sending the file: {percent} %',
  'admin.import.processing': 'File sent; importing the rows…',
  'admin.import.done': 'Import finished',
  'admin.import.rows': 'Rows read',
  'admin.import.created': 'Members added',
  'admin.import.updated': 'Members updated',
  'admin.import.unchanged': 'Unchanged',
  'admin.import.failed': 'Rows refused',
  'admin.import.errors': 'Download the refused rows (CSV)',

  'admin.invitations.title': 'Invitations',
  'admin.invitations.summary': 'Invite trainees and instructors; resend or revoke invitations.',
  'admin.invitations.email': 'Email',
  'admin.invitations.role': 'Role',
  'admin.invitations.status': 'Status',
  'admin.invitations.expires': 'Code expires',
  'admin.invitations.send': 'Send invitation',
  'admin.invitations.sent': 'Invitation sent to {email}.',
  'admin.invitations.resent': 'A new code was sent to {email}; the old one no longer works.',
  'admin.invitations.revoked': 'The invitation to {email} is revoked.',
  'admin.invitations.resend': 'Resend',
  'admin.invitations.resendTo': 'Resend the invitation to {email}',
  'admin.invitations.revoke': 'Revoke',
  'admin.invitations.revokeTo': 'Revoke the invitation to {email}',
  'admin.invitations.caption': 'Invitations sent since you signed in',
  'admin.invitations.none': 'No invitations sent yet in this session.',
  'admin.invitations.status.SENT': 'Sent',
  'admin.invitations.status.RESENT': 'Resent',
  'admin.invitations.status.REVOKED': 'Revoked',

  'admin.report.title': 'Learning report',
  'admin.report.summary': 'Each trainee’s learning, filtered and sorted, exported as CSV or XLSX.',
  'admin.report.caption': 'Learning of your organization’s trainees',
  'admin.report.pages': 'Pages of the learning report',
  'admin.report.name': 'Name',
  'admin.report.account': 'Account',
  'admin.report.department': 'Department',
  'admin.report.learning': 'Learning length (h:mm)',
  'admin.report.studied': 'Courses studied',
  'admin.report.completed': 'Course completion',
  'admin.report.completionRate': 'Completion rate',
  'admin.report.exams': 'Exams taken',
  'admin.report.passRate': 'Exam pass rate',
  'admin.report.lastActivity': 'Last activity',
  'admin.report.status': 'Status',
  'admin.report.from': 'Active from',
  'admin.report.to': 'Active until',
  'admin.report.exportCsv': 'Export CSV',
  'admin.report.exportXlsx': 'Export XLSX',

  'admin.dashboard.title': 'Live dashboard',
  'admin.dashboard.summary': 'The organization’s figures, and the live dashboard for a department.',
  'admin.dashboard.intro': 'The live dashboard follows the learning report as it changes, with charts. It opens in a new tab and asks you to sign in there.',
  'admin.dashboard.allDepartments': 'All departments',
  'admin.dashboard.open': 'Open the live dashboard (new tab)',
  'admin.dashboard.active7': 'Active trainees, last 7 days',
  'admin.dashboard.active30': 'Active trainees, last 30 days',
  'admin.dashboard.hours': 'Learning hours per department, last 30 days',
  'admin.dashboard.learningHours': 'Learning hours',
  'admin.dashboard.noDepartment': '(no department)',

  'admin.credentials.title': 'Ingestion credentials',
  'admin.credentials.summary': 'Keys with which devices and content send learning records.',
  'admin.credentials.label': 'Label',
  'admin.credentials.labelHint': 'What uses it, e.g. “LMS” or “Warehouse tablets”.',
  'admin.credentials.issue': 'Issue a credential',
  'admin.credentials.issuedTitle': 'New credential',
  'admin.credentials.once': 'Copy the secret now: it is shown this once and cannot be shown again.',
  'admin.credentials.key': 'Key',
  'admin.credentials.secret': 'Secret',
  'admin.credentials.done': 'I have copied it',
  'admin.credentials.caption': 'Your organization’s credentials',
  'admin.credentials.issued': 'Issued',
  'admin.credentials.state': 'State',
  'admin.credentials.active': 'Active',
  'admin.credentials.revokedAt': 'Revoked {when}',
  'admin.credentials.revoke': 'Revoke',
  'admin.credentials.revokeNamed': 'Revoke {label}',
  'admin.credentials.revoked': '“{label}” is revoked: it authenticates nothing from now on.',

  'admin.retention.title': 'Retention policy',
  'admin.retention.summary': 'How long members’ data is kept before it is erased.',
  'admin.retention.afterDeactivation': 'Erase members this many days after their deactivation',
  'admin.retention.afterInactivity': 'Erase members after this many days without activity',
  'admin.retention.daysHint': '1 to 3650 days; leave empty for no such rule.',
  'admin.retention.current': 'Policy version {version}, set {when}.',
  'admin.retention.none': 'No retention policy yet: members are kept until erased by hand.',
  'admin.retention.dryRunTitle': 'Dry run',
  'admin.retention.dryRunIntro': 'Who the policy would erase if the job ran now. Nothing is erased.',
  'admin.retention.dryRun': 'Run a dry run',
  'admin.retention.wouldErase': '{count} members would be erased now.',
  'admin.retention.more': 'More than these are due.',
  'admin.retention.dryRunCaption': 'Members the policy would erase now',
  'admin.retention.member': 'Member id',
  'admin.retention.rule': 'Rule',
  'admin.retention.period': 'Period (days)',
  'admin.retention.since': 'Due since',
  'admin.retention.rule.AFTER_DEACTIVATION': 'After deactivation',
  'admin.retention.rule.AFTER_INACTIVITY': 'After inactivity',

  'admin.rights.title': 'Rights requests',
  'admin.rights.summary': 'Members’ requests to cancel, erase, restrict or object, and their deadlines.',
  'admin.rights.caption': 'Rights requests of your organization’s members',
  'admin.rights.kind': 'Request',
  'admin.rights.state': 'State',
  'admin.rights.subject': 'Member id',
  'admin.rights.requested': 'Asked',
  'admin.rights.due': 'Answer due',
  'admin.rights.closed': 'Closed',
  'admin.rights.kind.CANCELLATION': 'Account cancellation',
  'admin.rights.kind.ERASURE': 'Erasure',
  'admin.rights.kind.RESTRICTION': 'Restriction of processing',
  'admin.rights.kind.OBJECTION': 'Objection to analytics',
  'admin.rights.state.OPEN': 'Open',
  'admin.rights.state.WITHDRAWN': 'Withdrawn',
  'admin.rights.state.COMPLETED': 'Completed',
};

// ---- the trainee's pages (pages/trainee/) ----
const trainee = {
  'trainee.catalog.title': 'Course catalog',
  'trainee.catalog.summary': 'Your organization’s courses: enrol in one, or leave one you chose.',
  'trainee.catalog.empty': 'Your organization has no published course yet.',
  'trainee.catalog.lessons': 'Lessons: {count}',
  'trainee.catalog.enrol': 'Enrol',
  'trainee.catalog.enrolIn': 'Enrol in {title}',
  'trainee.catalog.leave': 'Leave',
  'trainee.catalog.leaveCourse': 'Leave {title}',
  'trainee.catalog.enrolled': 'You are enrolled in {title}.',
  'trainee.catalog.left': 'You left {title}.',
  'trainee.catalog.source.ASSIGNED': 'Assigned to you',
  'trainee.catalog.source.SUBSCRIBED': 'Chosen by you',
  'trainee.courses.title': 'My courses',
  'trainee.courses.summary': 'The courses you are enrolled in, and how far you are.',
  'trainee.courses.caption': 'Your courses and your progress',
  'trainee.courses.course': 'Course',
  'trainee.courses.source': 'How',
  'trainee.courses.enrolled': 'Enrolled',
  'trainee.courses.started': 'Started',
  'trainee.courses.progress': 'Progress',
  'trainee.courses.completed': 'Completed',
  'trainee.courses.notStarted': 'Not yet',
  'trainee.courses.notCompleted': 'Not yet',
  'trainee.courses.lessonsOf': '{done} of {total} lessons',
  'trainee.courses.lessonsDone': '{done} lessons done',
  'trainee.courses.empty': 'You are not enrolled in any course yet. The catalog lists the courses you may choose.',
  'trainee.certificates.title': 'My certificates',
  'trainee.certificates.summary': 'Your certificates, with the link anyone can open to check them.',
  'trainee.certificates.intro': 'Share a certificate’s link with whoever should check it: it shows the course, the date and your name, without signing in.',
  'trainee.certificates.caption': 'Your certificates',
  'trainee.certificates.course': 'Course',
  'trainee.certificates.completed': 'Completed',
  'trainee.certificates.code': 'Verification code',
  'trainee.certificates.verify': 'Public check',
  'trainee.certificates.open': 'Open the check',
  'trainee.certificates.verifyLink': 'Open the public check of the {title} certificate',
  'trainee.certificates.copy': 'Copy the link',
  'trainee.certificates.copyLink': 'Copy the link to the {title} certificate’s check',
  'trainee.certificates.copied': 'The link to the {title} certificate’s check is copied.',
  'trainee.certificates.copyFailed': 'The link could not be copied; open the check and copy its address.',
  'trainee.certificates.empty': 'No certificate yet: completing a course issues one.',
  'trainee.learning.title': 'My learning time',
  'trainee.learning.summary': 'How long you have learned, and when you last did.',
  'trainee.learning.time': 'Learning time',
  'trainee.learning.hoursMinutes': '{hours} h {minutes} min',
  'trainee.learning.statements': 'Activities recorded',
  'trainee.learning.last': 'Last activity',
  'trainee.learning.never': 'None yet',
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
