// Asking to administer an organization: POST /api/administrators (public, command side) with the
// organization's id, name, email, optional phone and occupation, a password and up to 10
// qualification documents. A document is its type, the address where the file is kept (https: or
// urn:) and the file's SHA-256, which the page can compute from the file on this device (the file
// itself is never sent). The operator who registered the organization gives its id, or a link
// #administer/<organizationId> that fills it in. The answer is the same for a new and a taken email
// (202), and the mailed code finishes the request (#verify); then an operator decides.
import { h, uid } from '../../core/dom.js';
import { ApiError } from '../../core/api.js';
import { t } from '../../core/strings.js';
import { form } from '../../components/form.js';
import { passwordFields, checkRepeat, sendPublic, sent } from './shared.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES = ['NDA', 'TRAINER_CERTIFICATE', 'OTHER'];
const MAX_DOCUMENTS = 10;

export const administer = {
  title: 'join.administer.title',
  summary: 'join.administer.summary',
  render(section, { given }) {
    const documents = documentList();
    const ask = form({
      id: 'ask-to-administer',
      submitLabel: t('join.administer.submit'),
      fields: [
        { name: 'organizationId', label: t('join.administer.organization'), required: true, maxlength: 36,
          autocomplete: 'off', value: given, hint: t('join.administer.organizationHint') },
        { name: 'name', label: t('join.name'), required: true, maxlength: 200, autocomplete: 'name' },
        { name: 'email', type: 'email', label: t('join.email'), required: true, maxlength: 254, autocomplete: 'email' },
        { name: 'phone', type: 'tel', label: t('join.phone'), maxlength: 32, autocomplete: 'tel', hint: t('join.phone.hint') },
        { name: 'occupation', label: t('join.administer.occupation'), maxlength: 200, autocomplete: 'organization-title' },
        ...passwordFields(),
      ],
      onSubmit: async (values) => {
        const organizationId = values.organizationId.trim();
        if (!UUID.test(organizationId)) {
          throw new ApiError(400, { errors: [{ field: 'organizationId', message: t('join.administer.organizationMalformed') }] },
            t('error.fields'));
        }
        checkRepeat(values);
        await sendPublic('/api/administrators', {
          organizationId, name: values.name.trim(), email: values.email.trim(),
          phone: values.phone && values.phone.trim(), occupation: values.occupation && values.occupation.trim(),
          password: values.password, documents: documents.values(),
        }, { 'organization-not-found': 'organizationId' });
        sent(section, values.email.trim());
      },
    });
    // the documents go inside the form, before its button, so one submit sends everything
    ask.element.insertBefore(documents.element, ask.element.querySelector('.actions'));
    section.append(h('p', { text: t('join.administer.intro') }), ask.element);
  },
};

/** The documents: rows added and removed by the person; values() reads them for the request. */
function documentList() {
  const rows = [];
  const list = h('div', { class: 'documents' });
  const add = h('button', { type: 'button', id: 'add-document', text: t('join.document.add'), on: { click: () => addRow() } });
  const element = h('fieldset', { class: 'documents-set' },
    h('legend', { text: t('join.document.legend') }), h('p', { class: 'hint', text: t('join.document.intro') }), list, add);

  function addRow() {
    const number = rows.length + 1;
    const ids = { type: uid('doc'), uri: uid('doc'), sha256: uid('doc'), file: uid('doc'), fileHint: uid('hint') };
    const type = h('select', { id: ids.type, name: 'documentType' },
      TYPES.map((value) => h('option', { value }, t('join.document.type.' + value))));
    const uri = h('input', { id: ids.uri, name: 'documentUri', type: 'url', maxlength: 2048, autocomplete: 'off' });
    const sha256 = h('input', { id: ids.sha256, name: 'documentSha256', maxlength: 64, autocomplete: 'off', spellcheck: 'false' });
    const file = h('input', { id: ids.file, name: 'documentFile', type: 'file', 'aria-describedby': ids.fileHint });
    const fileHint = h('p', { class: 'hint', id: ids.fileHint, 'aria-live': 'polite', text: t('join.document.fileHint') });
    file.addEventListener('change', async () => {
      if (!file.files.length) return;
      fileHint.textContent = t('join.document.hashing');
      try {
        sha256.value = await hash(file.files[0]);
        fileHint.textContent = t('join.document.hashed', { name: file.files[0].name });
      } catch (e) {
        fileHint.textContent = t('join.document.hashFailed');
      }
    });
    const row = {
      element: null,
      value: () => ({ type: type.value, uri: uri.value.trim(), sha256: sha256.value.trim().toLowerCase() }),
    };
    row.element = h('fieldset', { class: 'document' },
      h('legend', { text: t('join.document.number', { number }) }),
      field(ids.type, t('join.document.type'), type),
      field(ids.uri, t('join.document.uri'), uri, t('join.document.uriHint')),
      window.crypto && window.crypto.subtle ? field(ids.file, t('join.document.file'), file, null, fileHint) : null,
      field(ids.sha256, t('join.document.sha256'), sha256, t('join.document.sha256Hint')),
      h('button', { type: 'button', class: 'danger', text: t('join.document.remove'),
        'aria-label': t('join.document.removeNumber', { number }), on: { click: () => {
          rows.splice(rows.indexOf(row), 1);
          row.element.remove();
          renumber();
          add.focus();
        } } }));
    rows.push(row);
    list.append(row.element);
    add.disabled = rows.length >= MAX_DOCUMENTS;
    type.focus();
  }

  function renumber() {
    rows.forEach((row, i) => {
      row.element.querySelector('legend').textContent = t('join.document.number', { number: i + 1 });
      row.element.querySelector('button.danger').setAttribute('aria-label', t('join.document.removeNumber', { number: i + 1 }));
    });
    add.disabled = rows.length >= MAX_DOCUMENTS;
  }

  return { element, values: () => rows.map((row) => row.value()) };
}

function field(id, label, control, hint, hintElement) {
  let hintNode = hintElement || null;
  if (hint) {
    hintNode = h('p', { class: 'hint', id: uid('hint'), text: hint });
    control.setAttribute('aria-describedby', hintNode.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), control, hintNode);
}

/** The file's SHA-256 in lowercase hex, computed here: the file never leaves the device. */
async function hash(file) {
  const digest = await window.crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
