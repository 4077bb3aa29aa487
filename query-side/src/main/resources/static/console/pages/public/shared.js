// What the public views share: the new password typed twice, and the panel that replaces a form
// once its step is done.
import { h, replace } from '../../core/dom.js';
import { command, ApiError } from '../../core/api.js';
import { t, has } from '../../core/strings.js';

/** The password fields: a new one (12 to 128 characters, as the server requires) and its repetition. */
export function passwordFields(hintKey = 'join.password.hint') {
  return [
    { name: 'password', type: 'password', label: t('join.password.label'), required: true,
      autocomplete: 'new-password', maxlength: 128, hint: t(hintKey) },
    { name: 'repeat', type: 'password', label: t('join.password.repeat'), required: true,
      autocomplete: 'new-password', maxlength: 128 },
  ];
}

/** Refuses a repetition that differs, on its field, before anything is sent. */
export function checkRepeat({ password, repeat }) {
  if (password !== repeat) {
    throw new ApiError(400, { errors: [{ field: 'repeat', message: t('join.password.mismatch') }] }, t('error.fields'));
  }
}

/** Replaces the view's form with a panel: a heading that takes the focus, sentences and links. */
export function done(section, headingKey, lines, links) {
  const heading = h('h2', { tabindex: '-1', text: t(headingKey) });
  replace(section, h('div', { class: 'panel', role: 'status' }, heading,
    lines.map((line) => h('p', { text: line })),
    h('ul', { class: 'links' }, links.map(([href, key]) => h('li', {}, h('a', { href, text: t(key) }))))));
  heading.focus();
}

/**
 * Sends a public request without a token, saying a refusal in this page's words where it has them
 * ('join.problem.<code>': the shared texts of some codes speak to administrators), on the field
 * `fields[code]` names if any.
 */
export async function sendPublic(path, body, fields = {}) {
  try {
    return await command.post(path, body, { anonymous: true });
  } catch (error) {
    if (error instanceof ApiError && error.code && has('join.problem.' + error.code)) {
      const text = t('join.problem.' + error.code);
      const field = fields[error.code];
      throw new ApiError(error.status, field ? { ...error.problem, errors: [{ field, message: text }] } : error.problem,
        field ? t('error.fields') : text);
    }
    throw error;
  }
}

/** After a registration request: the mail is on its way, whatever the email. */
export function sent(section, email) {
  done(section, 'join.sent.title', [t('join.sent.text', { email }), t('join.sent.taken')],
    [['#verify', 'join.sent.enterCode'], ['index.html', 'join.signIn']]);
}
