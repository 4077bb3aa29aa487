// Everyone's consents: each purpose's state with a grant or withdraw button, the history of every
// decision (oldest first), and the cookie choice. GET/PUT /api/me/consents, GET
// /api/me/consents/history, GET/PUT /api/me/cookie-consent (command side). All the bearer's own.
import { h, replace } from '../../core/dom.js';
import { command, path } from '../../core/api.js';
import { t, has, dateTime } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

function purposeName(purpose) {
  return has('privacy.purpose.' + purpose) ? t('privacy.purpose.' + purpose) : purpose;
}

export const page = areaPage({
  path: '/privacy/consents',
  summary: false,
  async render(view, { signal }) {
    const message = messageArea();
    const current = h('tbody');
    const history = h('tbody');
    const cookies = h('form', { class: 'form', id: 'cookie-choice', novalidate: true });
    view.append(message.element,
      dataTable({ id: 'consents', caption: t('privacy.consents.caption'), strings: 'privacy.consents',
        columns: ['purpose', 'state', 'decided', 'action'], body: current }),
      h('h2', { text: t('privacy.cookies.title') }), h('p', { text: t('privacy.cookies.intro') }), cookies,
      dataTable({ id: 'consent-history', caption: t('privacy.history.caption'), strings: 'privacy.history',
        columns: ['purpose', 'decision', 'policy', 'channel', 'decided'], body: history }));

    let policyVersion = null;
    async function load() {
      try {
        const [consents, past, cookie] = await Promise.all([command.get('/api/me/consents', null, { signal }),
          command.get('/api/me/consents/history', null, { signal }), command.get('/api/me/cookie-consent', null, { signal })]);
        policyVersion = consents.currentPolicyVersion;
        replace(current, consents.purposes.map((p) => h('tr', {},
          h('td', { text: purposeName(p.purpose) }), h('td', { text: t('privacy.state.' + p.state) }),
          h('td', { text: dateTime(p.decidedAt) }),
          h('td', {}, p.state === 'GRANTED'
            ? h('button', { type: 'button', 'aria-label': t('privacy.consents.withdrawOne', { purpose: purposeName(p.purpose) }),
              text: t('privacy.consents.withdraw'), on: { click: () => decide(p.purpose, false) } })
            : h('button', { type: 'button', 'aria-label': t('privacy.consents.grantOne', { purpose: purposeName(p.purpose) }),
              text: t('privacy.consents.grant'), on: { click: () => decide(p.purpose, true) } })))));
        replace(history, past.length ? past.map((d) => h('tr', {},
          h('td', { text: purposeName(d.purpose) }), h('td', { text: t('privacy.decision.' + d.decision) }),
          h('td', { text: d.policyVersion }), h('td', { text: t('privacy.channel.' + d.channel) }),
          h('td', { text: dateTime(d.decidedAt) })))
          : h('tr', {}, h('td', { colspan: 5, class: 'empty', text: t('table.empty') })));
        cookieForm(cookie);
      } catch (error) {
        message.error(error);
      }
    }

    let boxes = [];
    let cookieVersion = null;
    function cookieForm(cookie) {
      cookieVersion = cookie.currentPolicyVersion;
      boxes = ['analytics', 'personalisation'].map((name) => {
        const id = 'cookie-' + name;
        return { name, box: h('input', { type: 'checkbox', id, name, checked: !!cookie[name] }),
          label: h('label', { for: id, text: t('privacy.cookies.' + name) }) };
      });
      replace(cookies, boxes.map((b) => h('div', { class: 'field checkbox' }, b.box, b.label)),
        h('p', { class: 'hint', text: cookie.decided ? t('privacy.cookies.decided') : t('privacy.cookies.undecided') }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: t('privacy.cookies.save') })));
    }
    cookies.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await command.put('/api/me/cookie-consent', { analytics: boxes[0].box.checked,
          personalisation: boxes[1].box.checked, policyVersion: cookieVersion });
        message.show(t('privacy.cookies.saved'), 'success');
        await load();
      } catch (error) {
        message.error(error);
      }
    });

    async function decide(purpose, granted) {
      try {
        await command.put(path`/api/me/consents/${purpose}`, { granted, policyVersion, channel: 'WEB' });
        message.show(t(granted ? 'privacy.consents.granted' : 'privacy.consents.withdrawn', { purpose: purposeName(purpose) }), 'success');
        await load();
      } catch (error) {
        message.error(error);
      }
    }

    await load();
  },
});
