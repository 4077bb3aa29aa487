// The trainee's learning time: the sum of their statements' durations, the statement count and
// the last activity. GET /api/me/learning (query side).
import { h } from '../../core/dom.js';
import { query } from '../../core/api.js';
import { t, dateTime, number } from '../../core/strings.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

export const page = areaPage({
  path: '/trainee/learning',
  async render(view, { signal }) {
    const message = messageArea();
    const facts = h('dl', { class: 'facts', id: 'my-learning' });
    view.append(message.element, facts);
    try {
      const learning = await query.get('/api/me/learning', null, { signal });
      const minutes = Math.round((learning.learningSeconds || 0) / 60);
      facts.append(
        h('dt', { text: t('trainee.learning.time') }),
        h('dd', { dataset: { figure: 'time' }, text: t('trainee.learning.hoursMinutes',
          { hours: number(Math.floor(minutes / 60)), minutes: number(minutes % 60) }) }),
        h('dt', { text: t('trainee.learning.statements') }),
        h('dd', { dataset: { figure: 'statements' }, text: number(learning.statements || 0) }),
        h('dt', { text: t('trainee.learning.last') }),
        h('dd', { text: learning.lastActivity ? dateTime(learning.lastActivity) : t('trainee.learning.never') }));
    } catch (error) {
      message.error(error);
    }
  },
});
