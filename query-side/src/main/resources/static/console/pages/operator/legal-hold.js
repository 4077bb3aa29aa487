// Legal holds: the learning records of trainees whose processing is restricted, across every
// organization, a server page at a time (the route counts nothing, so the pager goes on while a page
// comes back full; page and size kept in the URL). A hold is placed by restricting a user's
// processing (their user id, typed, never in the URL) and lifted from its row. GET
// /api/operations/legal-hold?page=&size= (query side); POST and DELETE /api/users/{id}/restriction
// (command side).
import { h } from '../../core/dom.js';
import { query, command, path, ApiError } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { replaceQuery } from '../../core/router.js';
import { form } from '../../components/form.js';
import { pagedTable } from '../../components/table.js';
import { messageArea } from '../../components/messages.js';
import { untilShown } from './shown.js';
import { areaPage } from '../../core/pages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const page = areaPage({
  path: '/operator/legal-hold',
  key: 'operator.legalHold',
  async render(view, { query: search, signal }) {
    const message = messageArea();
    const names = new Map(); // organization id → name

    const read = (page, size, aborted = signal) => query.get('/api/operations/legal-hold', { page, size }, { signal: aborted });
    const held = (rows, userId) => rows.some((row) => row.traineeId === userId);

    const place = form({
      id: 'place-hold',
      inline: true,
      submitLabel: t('operator.legalHold.place'),
      fields: [{ name: 'userId', label: t('operator.legalHold.userId'), required: true, autocomplete: 'off',
        maxlength: 36, hint: t('operator.legalHold.userIdHint') }],
      onSubmit: async ({ userId }) => {
        const id = userId.trim().toLowerCase();
        if (!UUID.test(id)) {
          throw new ApiError(400, { errors: [{ field: 'userId', message: t('operator.legalHold.notAnId') }] },
            t('error.fields'));
        }
        await command.post(path`/api/users/${id}/restriction`, undefined, { signal });
        place.reset();
        message.show(t('operator.legalHold.placed', { id }), 'success');
        // a trainee's record shows once the query side has applied the restriction
        await untilShown(() => read(0, table.state.size), (rows) => held(rows, id), signal);
        await table.reload({ page: 0 });
      },
    });

    async function lift(button, row) {
      message.clear();
      button.disabled = true;
      try {
        await command.delete(path`/api/users/${row.traineeId}/restriction`, { signal });
        message.show(t('operator.legalHold.lifted', { name: row.name || row.traineeId }), 'success');
        const { page, size } = table.state;
        await untilShown(() => read(page, size), (rows) => !held(rows, row.traineeId), signal);
        await table.reload();
      } catch (error) {
        button.disabled = false;
        message.error(error);
      }
    }

    const table = pagedTable({
      caption: t('operator.legalHold.caption'),
      page: Math.max(0, Number(search.get('page')) || 0),
      size: [25, 50, 100, 200].includes(Number(search.get('size'))) ? Number(search.get('size')) : 50,
      rowKey: (row) => row.traineeId,
      columns: [
        { key: 'organization', label: t('operator.legalHold.organization'), render: (row) => names.get(row.organizationId) || row.organizationId },
        { key: 'name', label: t('operator.legalHold.name') },
        { key: 'email', label: t('operator.legalHold.email') },
        { key: 'department', label: t('operator.legalHold.department') },
        { key: 'learning', label: t('operator.legalHold.learning'), numeric: true,
          render: (row) => t('operator.legalHold.hours', { hours: number(Math.round(row.learningSeconds / 36) / 100) }) },
        { key: 'completed', label: t('operator.legalHold.completed'), numeric: true,
          render: (row) => row.coursesCompleted == null ? '' : number(row.coursesCompleted) },
        { key: 'lastActivity', label: t('operator.legalHold.lastActivity'), render: (row) => dateTime(row.lastActivity) },
        { key: 'traineeId', label: t('operator.legalHold.userId'), render: (row) => h('code', { text: row.traineeId }) },
        { key: 'actions', label: t('common.actions'), render: (row) => h('button', { type: 'button',
          text: t('operator.legalHold.lift'), 'aria-label': t('operator.legalHold.liftWho', { name: row.name || row.traineeId }),
          on: { click: (e) => lift(e.target, row) } }) },
      ],
      load: async ({ page, size, signal: aborted }) => ({ items: await read(page, size, aborted), total: null }),
      onChange: ({ page, size }) => replaceQuery({ page: page || '', size: size === 50 ? '' : size }),
    });
    table.element.id = 'legal-hold';

    const refresh = h('button', { type: 'button', text: t('operator.legalHold.refresh'), on: { click: () => table.reload() } });
    view.append(h('p', { text: t('operator.legalHold.intro') }), h('h2', { text: t('operator.legalHold.placeTitle') }),
      place.element, message.element, h('div', { class: 'actions' }, refresh), table.element);
    try {
      const organizations = await query.get('/api/organizations', null, { signal });
      organizations.forEach((o) => names.set(o.organizationId, o.name));
    } catch (error) {
      message.error(error);
    }
    await table.reload();
  },
});
