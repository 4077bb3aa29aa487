// Dead letters: the query side's parked events, per processing group (oldest first, at most 100 a
// group with the group's total; never the payload), each with Retry (handle its sequence again,
// after a fix) and Skip (drop it; the event stays in the event store). GET
// /api/operations/dead-letters, POST /api/operations/dead-letters/{group}/{id}/retry and …/skip
// (query side). The route is capped per group, not paged: the count says when some are not shown.
import { h, replace } from '../../core/dom.js';
import { query, path } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';
import { dataTable } from '../../components/table.js';

const COLUMNS = ['globalIndex', 'eventType', 'cause', 'enqueuedAt', 'lastTouched', 'retries'];

/** The words naming a letter in its buttons and messages. */
const which = (group, letter) => ({ index: number(letter.globalIndex ?? 0), group: group.processingGroup });

export const page = areaPage({
  path: '/operator/dead-letters',
  key: 'operator.deadLetters',
  render(view, { signal }) {
    const message = messageArea();
    const groups = h('div', { id: 'dead-letters', 'aria-live': 'polite' });
    const refresh = h('button', { type: 'button', text: t('operator.deadLetters.refresh'), on: { click: () => load() } });
    view.append(h('p', { text: t('operator.deadLetters.intro') }), h('div', { class: 'actions' }, refresh),
      message.element, groups);

    function letterRow(group, letter) {
      return h('tr', { dataset: { key: letter.id } },
        h('td', { class: 'num', text: letter.globalIndex == null ? '' : number(letter.globalIndex) }),
        h('td', {}, h('code', { text: letter.eventType.split('.').pop() })),
        h('td', { text: [(letter.causeType || '').split('.').pop(), letter.causeMessage].filter(Boolean).join(': ') }),
        h('td', { text: dateTime(letter.enqueuedAt) }),
        h('td', { text: dateTime(letter.lastTouched) }),
        h('td', { class: 'num', text: number(letter.retries) }),
        h('td', {}, h('div', { class: 'row-actions' },
          h('button', { type: 'button', text: t('operator.deadLetters.retry'),
            'aria-label': t('operator.deadLetters.retryWhich', which(group, letter)), on: { click: (e) => act(e.target, group, letter, 'retry') } }),
          h('button', { type: 'button', text: t('operator.deadLetters.skip'),
            'aria-label': t('operator.deadLetters.skipWhich', which(group, letter)), on: { click: (e) => act(e.target, group, letter, 'skip') } }))));
    }

    function groupTable(group) {
      return h('section', { class: 'dead-letter-group', dataset: { group: group.processingGroup } },
        h('h2', { text: group.processingGroup }),
        h('p', { text: group.total > group.letters.length
          ? t('operator.deadLetters.countSome', { shown: number(group.letters.length), total: number(group.total) })
          : t('operator.deadLetters.count', { total: number(group.total) }) }),
        dataTable({ caption: t('operator.deadLetters.caption', { group: group.processingGroup }),
          strings: 'operator.deadLetters', columns: COLUMNS, numeric: ['globalIndex', 'retries'], actions: true,
          body: h('tbody', {}, group.letters.map((letter) => letterRow(group, letter))) }));
    }

    async function act(button, group, letter, action) {
      const named = which(group, letter);
      message.clear();
      button.disabled = true;
      groups.setAttribute('aria-busy', 'true');
      try {
        const answer = await query.post(path`/api/operations/dead-letters/${group.processingGroup}/${letter.id}/${action}`,
          undefined, { signal });
        await load(false);
        // failing again is an answer, not an error: the letter stays parked with one more retry
        message.show(action === 'skip' ? t('operator.deadLetters.skipped', named)
          : t('operator.deadLetters.retried.' + answer.outcome, named), answer && answer.outcome === 'FAILED_AGAIN' ? 'info' : 'success');
      } catch (error) {
        button.disabled = false;
        message.error(error);
      } finally {
        groups.removeAttribute('aria-busy');
      }
    }

    async function load(clear = true) {
      if (clear) message.clear();
      groups.setAttribute('aria-busy', 'true');
      try {
        const answer = await query.get('/api/operations/dead-letters', null, { signal });
        const parked = answer.filter((group) => group.total > 0);
        replace(groups, parked.length ? parked.map(groupTable)
          : h('p', { class: 'empty', text: t('operator.deadLetters.none') }));
      } catch (error) {
        message.error(error);
      } finally {
        groups.removeAttribute('aria-busy');
      }
    }

    return load();
  },
});
