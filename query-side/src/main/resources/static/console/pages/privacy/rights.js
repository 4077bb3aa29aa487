// Everyone's own rights on their data: download it (GET /api/users/{me}/personal-data, query
// side) and, on its own, their Learning Record Store documents and attachments (GET
// /api/users/{me}/xapi-data, command side: the same part the export carries), restrict its processing or object to analytics and lift either (POST/DELETE
// /api/users/{me}/restriction|objection; whether each is in place is read from GET /api/me/consents,
// command side, and only the step that applies is offered), cancel the account with its cool-off (POST
// /api/me/cancellation; withdrawn with email and password on the sign-in page's side, POST
// /api/cancellation/withdrawal), and erase it at once (POST /api/users/{me}/erasure). The user id
// comes from the token in memory; nothing personal goes into a URL of the console.
import { h } from '../../core/dom.js';
import { command, query, path } from '../../core/api.js';
import { t, dateTime } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { form } from '../../components/form.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/privacy/rights',
  summary: false,
  render(view, { session, signal }) {
    const me = session.userId;
    const message = messageArea();

    async function act(run, done) {
      try {
        await run();
        message.show(t(done), 'success');
      } catch (error) {
        message.error(error);
      }
    }

    // each limit says whether it is in place (GET /api/me/consents: restricted, objected) and offers
    // the one step that applies; both stay offered if that cannot be read
    const limits = {};
    async function readLimits() {
      try {
        const state = await command.get('/api/me/consents', null, { signal });
        [['restriction', state.restricted], ['objection', state.objected]].forEach(([kind, on]) => {
          const shown = limits[kind];
          shown.state.textContent = t('privacy.' + kind + (on ? '.inPlace' : '.notInPlace'));
          shown.place.hidden = on;
          shown.lift.hidden = !on;
        });
      } catch (error) {
        if (!signal.aborted) message.error(error);
      }
    }
    async function change(kind, run, done) {
      await act(run, done);
      await readLimits();
      const shown = limits[kind];
      (shown.place.hidden ? shown.lift : shown.place).focus();
    }
    const limit = (kind) => {
      const shown = limits[kind] = {
        state: h('p', { id: kind + '-state', class: 'status-line' }),
        place: h('button', { type: 'button', id: kind + '-place', text: t('privacy.' + kind + '.place'), on: { click: () =>
          change(kind, () => command.post(path`/api/users/${me}/${kind}`), 'privacy.' + kind + '.placed') } }),
        lift: h('button', { type: 'button', id: kind + '-lift', text: t('privacy.' + kind + '.lift'), on: { click: () =>
          change(kind, () => command.delete(path`/api/users/${me}/${kind}`), 'privacy.' + kind + '.lifted') } }),
      };
      return h('section', { 'aria-labelledby': 'limit-' + kind },
        h('h2', { id: 'limit-' + kind, text: t('privacy.' + kind + '.title') }), h('p', { text: t('privacy.' + kind + '.intro') }),
        shown.state, h('div', { class: 'actions' }, shown.place, shown.lift));
    };

    const cancellation = form({
      id: 'cancellation',
      fields: [{ name: 'confirm', type: 'checkbox', label: t('privacy.cancel.confirm'), required: true }],
      submitLabel: t('privacy.cancel.submit'),
      onSubmit: async (values) => {
        if (!values.confirm) {
          cancellation.message.show(t('privacy.cancel.notConfirmed'), 'error');
          return;
        }
        const answer = await command.post('/api/me/cancellation', {});
        cancellation.message.show(t('privacy.cancel.done', { due: dateTime(answer.erasureDueAt) }), 'success');
        cancellation.element.after(withdrawal.element);
      },
    });
    // a cancelled account holds no token: withdrawing asks for the email and password again
    const withdrawal = form({
      id: 'withdrawal',
      fields: [
        { name: 'email', type: 'email', label: t('signIn.email'), required: true, autocomplete: 'username' },
        { name: 'password', type: 'password', label: t('signIn.password'), required: true, autocomplete: 'current-password' }],
      submitLabel: t('privacy.cancel.withdrawSubmit'),
      onSubmit: async (values) => {
        await command.post('/api/cancellation/withdrawal', values, { anonymous: true });
        withdrawal.message.show(t('privacy.cancel.withdrawn'), 'success');
      },
    });
    const erasure = form({
      id: 'erasure',
      fields: [{ name: 'confirm', type: 'checkbox', label: t('privacy.erase.confirm'), required: true }],
      submitLabel: t('privacy.erase.submit'),
      onSubmit: async (values) => {
        if (!values.confirm) {
          erasure.message.show(t('privacy.erase.notConfirmed'), 'error');
          return;
        }
        await command.post(path`/api/users/${me}/erasure`, {});
        erasure.message.show(t('privacy.erase.done'), 'success');
      },
    });

    view.append(message.element,
      h('section', { 'aria-labelledby': 'download' }, h('h2', { id: 'download', text: t('privacy.download.title') }),
        h('p', { text: t('privacy.download.intro') }),
        h('button', { type: 'button', id: 'download-data', class: 'primary', text: t('privacy.download.button'), on: { click: () =>
          act(() => query.download(path`/api/users/${me}/personal-data`, null, 'personal-data.json'), 'privacy.download.saved') } }),
        h('p', { text: t('privacy.xapiData.intro') }),
        h('button', { type: 'button', id: 'download-xapi-data', text: t('privacy.xapiData.button'), on: { click: () =>
          act(() => command.download(path`/api/users/${me}/xapi-data`, null, 'xapi-data.json'), 'privacy.xapiData.saved') } })),
      limit('restriction'), limit('objection'),
      h('section', { 'aria-labelledby': 'cancel' }, h('h2', { id: 'cancel', text: t('privacy.cancel.title') }),
        h('p', { text: t('privacy.cancel.intro') }), h('p', { text: t('privacy.cancel.withdraw') }), cancellation.element),
      h('section', { 'aria-labelledby': 'erase' }, h('h2', { id: 'erase', text: t('privacy.erase.title') }),
        h('p', { text: t('privacy.erase.intro') }), erasure.element));
    readLimits();
  },
});
