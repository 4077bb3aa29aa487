// Each role's home: the console opens on the home of the signed-in user's first role (operator,
// administrator, auditor, instructor, trainee), which lists the pages of that area.
import { h } from '../core/dom.js';
import { t } from '../core/strings.js';
import { href } from '../core/router.js';

/** The areas: one per role, in the order a user holding several lands on them. */
export const AREAS = [
  { area: 'operator', role: 'OPERATOR' },
  { area: 'admin', role: 'ORG_ADMIN' },
  { area: 'auditor', role: 'AUDITOR' },
  { area: 'instructor', role: 'INSTRUCTOR' },
  { area: 'trainee', role: 'TRAINEE' },
];

/** A home page for each area, listing the area's pages that are in the navigation. */
export function homes(pages) {
  return AREAS.map(({ area, role }) => ({
    path: '/' + area,
    area,
    roles: [role],
    title: 'role.' + role,
    render(view) {
      const links = pages.filter((page) => page.area === area && page.nav && page.path !== '/' + area);
      view.append(links.length
        ? h('ul', { class: 'cards' }, links.map((page) => h('li', {}, h('a', { href: href(page.path), text: t(page.title) }),
          page.summary ? h('p', { text: t(page.summary) }) : null)))
        : h('p', { text: t('home.empty') }));
    },
  }));
}
