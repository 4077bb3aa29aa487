// Forms with a visible label on every field, the required ones marked, hints and errors tied to
// their field (aria-describedby, aria-invalid), and the server's field errors (problem+json
// `errors: [{field, message}]`) shown next to the field they name; the first wrong field gets the
// focus. Submitting disables the button until the answer is in.
import { h, uid } from '../core/dom.js';
import { t } from '../core/strings.js';
import { messageArea } from './messages.js';

/**
 * fields: [{ name, label, type ('text' | 'email' | 'password' | 'number' | 'date' | 'select' |
 *   'textarea' | 'file' | 'checkbox'), required, options: [{ value, label }], value, hint,
 *   autocomplete, min, max, maxlength, accept, suggestions (a text field offering choices while
 *   taking any text: a datalist) }].
 * onSubmit(values, form) → a Promise; a rejected ApiError is shown (fields on their field).
 * Returns { element, values(), setValues(v), setOptions(name, options, value), field(name), message, reset() }.
 */
export function form({ fields, submitLabel, onSubmit, inline = false, id }) {
  const message = messageArea();
  const controls = new Map();
  const errors = new Map();
  const rows = fields.map((field) => {
    const control = controlFor(field);
    const errorId = uid('error');
    const hintId = field.hint ? uid('hint') : null;
    control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    const error = h('p', { class: 'field-error', id: errorId, hidden: true });
    controls.set(field.name, control);
    errors.set(field.name, error);
    const label = h('label', { for: control.id }, field.label,
      field.required ? h('span', { class: 'required', text: ' (' + t('form.required') + ')' }) : null);
    const list = field.suggestions ? h('datalist', { id: uid('choices') }) : null;
    if (list) control.setAttribute('list', list.id);
    return h('div', { class: 'field' + (field.type === 'checkbox' ? ' checkbox' : '') },
      field.type === 'checkbox' ? [control, label] : [label, control], list,
      hintId ? h('p', { class: 'hint', id: hintId, text: field.hint }) : null, error);
  });
  const button = h('button', { type: 'submit', class: 'primary', text: submitLabel || t('common.save') });
  const element = h('form', { class: inline ? 'form inline' : 'form', novalidate: true, id },
    rows, h('div', { class: 'actions' }, button), message.element);

  function values() {
    const out = {};
    for (const field of fields) {
      const control = controls.get(field.name);
      if (field.type === 'checkbox') out[field.name] = control.checked;
      else if (field.type === 'file') out[field.name] = control.files[0] || null;
      else if (field.type === 'number') out[field.name] = control.value === '' ? null : Number(control.value);
      else out[field.name] = control.value.trim() === '' ? null : control.value;
    }
    return out;
  }

  function clearErrors() {
    for (const [name, error] of errors) {
      error.hidden = true;
      error.textContent = '';
      controls.get(name).removeAttribute('aria-invalid');
    }
    message.clear();
  }

  function showFieldError(name, text) {
    const error = errors.get(name);
    error.textContent = text;
    error.hidden = false;
    controls.get(name).setAttribute('aria-invalid', 'true');
  }

  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const missing = fields.filter((f) => f.required && f.type !== 'checkbox'
      && (f.type === 'file' ? !controls.get(f.name).files.length : !controls.get(f.name).value.trim()));
    if (missing.length) {
      missing.forEach((f) => showFieldError(f.name, t('form.required')));
      message.show(t('error.fields'), 'error');
      controls.get(missing[0].name).focus();
      return;
    }
    button.disabled = true;
    element.setAttribute('aria-busy', 'true');
    try {
      await onSubmit(values(), api);
    } catch (error) {
      const placed = (error.fields || []).filter((f) => errors.has(topField(f.field)));
      placed.forEach((f) => showFieldError(topField(f.field), f.message));
      message.error(error, (error.fields || []).filter((f) => !errors.has(topField(f.field))));
      if (placed.length) controls.get(topField(placed[0].field)).focus();
    } finally {
      button.disabled = false;
      element.removeAttribute('aria-busy');
    }
  });

  const api = {
    element,
    message,
    values,
    field: (name) => controls.get(name),
    setValues(v) {
      for (const [name, value] of Object.entries(v)) {
        const control = controls.get(name);
        if (!control) continue;
        if (control.type === 'checkbox') control.checked = !!value;
        else if (control.type !== 'file') control.value = value == null ? '' : String(value);
      }
    },
    /**
     * Offers options ([{ value, label }]) read later (a list from the server): a select's choices,
     * set to `value` (by default the one it has) if offered, or a suggestions field's datalist.
     */
    setOptions(name, options, value = controls.get(name).value) {
      const control = controls.get(name);
      const target = control.tagName === 'SELECT' ? control : control.list;
      if (!target) return;
      target.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
      if (target === control) control.value = options.some((o) => String(o.value) === value) ? value : '';
    },
    reset() {
      element.reset();
      clearErrors();
    },
  };
  return api;
}

function topField(field) {
  return String(field || '').split(/[.[]/)[0];
}

function controlFor(field) {
  const common = { id: uid('field'), name: field.name, required: !!field.required, autocomplete: field.autocomplete };
  if (field.type === 'select') {
    return h('select', common, (field.options || []).map((o) =>
      h('option', { value: o.value, selected: String(o.value) === String(field.value ?? '') }, o.label)));
  }
  if (field.type === 'textarea') {
    return h('textarea', { ...common, maxlength: field.maxlength, rows: field.rows || 4, value: field.value ?? '' });
  }
  return h('input', {
    ...common, type: field.type || 'text', min: field.min, max: field.max, maxlength: field.maxlength,
    accept: field.accept, checked: field.type === 'checkbox' ? !!field.value : null,
    value: field.type === 'checkbox' || field.type === 'file' ? null : (field.value ?? ''),
  });
}
