// A table of server pages: only the rows of the page shown are in the DOM, whatever the total
// (100,000 members are 2,000 pages of 50, each one request), and sorting and paging are the
// server's (`page`, `size`, `sort` as every list route takes them). Column headers that sort are
// buttons with aria-sort; the range ("1–50 of 100,000") is announced when it changes.
import { h, replace, uid } from '../core/dom.js';
import { t, number } from '../core/strings.js';
import { messageArea } from './messages.js';

/**
 * columns: [{ key, label, sort (the server's sort key, if it sorts), numeric, render(row) → text or
 * Node }]. load({ page, size, sort, signal }) → { items, total }; a route that does not count answers
 * total null, and the range then reads "51–100" with a next page while a page comes back full. Returns { element, reload(options),
 * state }; reload({ page: 0 }) after a filter changed. onChange(state) hears every page/sort change
 * (e.g. to keep them in the URL).
 */
export function pagedTable({ caption, columns, load, page = 0, size = 50, sort = null, sizes = [25, 50, 100, 200],
  rowKey = null, onChange = () => {}, label }) {
  const state = { page, size, sort, total: 0 };
  const message = messageArea();
  const body = h('tbody');
  const head = h('tr');
  const table = h('table', { class: 'data' }, h('caption', { text: caption }), h('thead', {}, head), body);
  const range = h('span', { class: 'range', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', text: t('table.previous'), on: { click: () => go(state.page - 1) } });
  const next = h('button', { type: 'button', text: t('table.next'), on: { click: () => go(state.page + 1) } });
  const sizeId = uid('size');
  const sizeSelect = h('select', { id: sizeId, on: { change: () => { state.size = Number(sizeSelect.value); go(0); } } },
    sizes.map((s) => h('option', { value: s, selected: s === state.size }, String(s))));
  const pager = h('nav', { class: 'pager', 'aria-label': label || t('table.pages') }, previous, range, next,
    h('label', { for: sizeId, text: t('table.pageSize') }), sizeSelect);
  const element = h('div', { class: 'table-block' }, message.element, h('div', { class: 'table-scroll' }, table), pager);
  let inFlight = null;

  function header() {
    replace(head, columns.map((column) => {
      const [key, direction] = (state.sort || '').split(',');
      const sorted = column.sort && key === column.sort;
      const th = h('th', { scope: 'col', class: column.numeric ? 'num' : null,
        'aria-sort': sorted ? (direction === 'desc' ? 'descending' : 'ascending') : null });
      if (!column.sort) {
        th.textContent = column.label;
        return th;
      }
      th.append(h('button', { type: 'button', class: 'sort', on: { click: () => {
        state.sort = column.sort + ',' + (sorted && direction !== 'desc' ? 'desc' : 'asc');
        header();
        go(0);
      } } }, column.label, sorted ? h('span', { class: 'visually-hidden', text: ' (' + t(direction === 'desc'
        ? 'table.sortedDescending' : 'table.sortedAscending') + ')' }) : null,
      h('span', { class: 'sort-mark', 'aria-hidden': 'true', text: sorted ? (direction === 'desc' ? ' ▼' : ' ▲') : ' ↕' })));
      return th;
    }));
  }

  function cell(column, row) {
    const value = column.render ? column.render(row) : row[column.key];
    return h('td', { class: column.numeric ? 'num' : null }, value == null ? '' : value);
  }

  async function go(target) {
    state.page = Math.max(0, target);
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    element.setAttribute('aria-busy', 'true');
    previous.disabled = true;
    next.disabled = true;
    try {
      const answer = await load({ page: state.page, size: state.size, sort: state.sort, signal: controller.signal });
      if (controller.signal.aborted) return;
      message.clear();
      state.total = answer.total;
      const rows = answer.items.map((row) => h('tr', { dataset: rowKey ? { key: rowKey(row) } : {} },
        columns.map((column) => cell(column, row))));
      replace(body, rows.length ? rows : emptyRow(columns.length));
      const first = state.page * state.size;
      const open = answer.total == null;
      range.textContent = !answer.items.length && (open || answer.total === 0) ? t('table.empty')
        : t(open ? 'table.rangeOpen' : 'table.range', {
          first: number(first + 1), last: number(first + answer.items.length), total: number(answer.total) });
      previous.disabled = state.page === 0;
      next.disabled = open ? answer.items.length < state.size : first + answer.items.length >= answer.total;
      onChange({ page: state.page, size: state.size, sort: state.sort });
    } catch (error) {
      if (!controller.signal.aborted) message.error(error);
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        element.removeAttribute('aria-busy');
      }
    }
  }

  header();
  return {
    element,
    state,
    /** Loads again, at options.page if given (0 after a filter changed), else the same page. */
    reload(options = {}) {
      return go(options.page ?? state.page);
    },
  };
}

/**
 * A table of rows in hand (small, not paged by the server), scrolling sideways on a narrow screen.
 * The header of column `key` is the string `<strings>.<key>`; `numeric` names the columns aligned as
 * numbers, `actions` adds a last column for row buttons. `body` is the table's <tbody>.
 */
export function dataTable({ id = null, caption, strings, columns, numeric = [], actions = false, body }) {
  const headers = columns.map((key) => h('th', { scope: 'col', class: numeric.includes(key) ? 'num' : null,
    text: t(strings + '.' + key) }));
  if (actions) headers.push(h('th', { scope: 'col', text: t('common.actions') }));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data', id },
    h('caption', { text: caption }), h('thead', {}, h('tr', {}, headers)), body));
}

/**
 * The page, size and sort that a list's address holds (`sort` when it holds none), for a table that
 * keeps them there through onChange: a reload or a shared link shows the same page.
 */
export function pageInAddress(search, sort) {
  return { sort: search.get('sort') || sort, page: Number(search.get('page')) || 0, size: Number(search.get('size')) || 50 };
}

/** A row saying that a table has no rows, across its `columns` columns. */
export function emptyRow(columns, text = t('table.empty')) {
  return h('tr', {}, h('td', { colspan: columns, class: 'empty', text }));
}

/**
 * A page's message area and a table (see dataTable) whose rows are loaded once: load() answers the
 * items, row(item, message) draws one (the message area is for what a row's buttons report), and an
 * empty list shows one row saying `empty`. `intro` goes between the message area and the table. A
 * failed load shows its problem in the message area.
 */
export async function loadedTable(view, { intro = [], load, row, empty = t('table.empty'), ...table }) {
  const message = messageArea();
  const body = h('tbody');
  view.append(message.element, ...intro, dataTable({ ...table, body }));
  try {
    const items = await load();
    body.append(...(items.length ? items.map((item) => row(item, message)) : [emptyRow(table.columns.length, empty)]));
  } catch (error) {
    message.error(error);
  }
}
