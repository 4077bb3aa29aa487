// Messages to the user: one live region per view part. Errors are role="alert" (read out at once),
// other news role="status". Text only, never markup.
import { h, replace } from '../core/dom.js';
import { ApiError } from '../core/api.js';
import { t } from '../core/strings.js';

/** A message area: show(text, kind) with kind 'info' | 'success' | 'error'; clear(). */
export function messageArea() {
  const element = h('div', { class: 'messages', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    show(text, kind = 'info') {
      element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
      replace(element, h('p', { class: 'message ' + kind, text }));
    },
    /** Shows an error: an ApiError's message (and its field errors not placed on a field). */
    error(error, unplacedFields = []) {
      if (error && error.name === 'AbortError') return;
      const text = error instanceof ApiError ? error.message : t('error.server');
      element.setAttribute('role', 'alert');
      replace(element, h('div', { class: 'message error' }, h('p', { text }),
        unplacedFields.length ? h('ul', {}, unplacedFields.map((f) => h('li', { text: f.field + ': ' + f.message }))) : null));
    },
    clear() {
      replace(element);
    },
  };
}
