// A page of one area of the console (see docs/console.md, "Adding a page"). The area is the path's
// first segment, and the area decides who may open it. The title and the summary on the area's home
// are the strings `<key>.title` and `<key>.summary`. The key is the path's segments joined by dots
// (`/admin/members` is `admin.members`) unless the page names its own.
const AREA_ROLES = {
  admin: ['ORG_ADMIN'], auditor: ['AUDITOR'], instructor: ['INSTRUCTOR'], operator: ['OPERATOR'], trainee: ['TRAINEE'],
  privacy: [], // any signed-in person, about themselves
};

export function areaPage({ path, key = path.slice(1).replaceAll('/', '.'), summary = true, nav = true, render }) {
  const area = path.split('/')[1];
  if (!(area in AREA_ROLES)) throw new Error('no such area: ' + area);
  return { path, area, roles: AREA_ROLES[area], title: key + '.title', summary: summary ? key + '.summary' : undefined, nav, render };
}
