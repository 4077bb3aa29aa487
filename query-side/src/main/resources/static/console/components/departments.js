// The organization's departments for a picker (a filter's select, a member's department field):
// GET /api/organizations/{org}/departments (query side), the departments its members are in, by
// name. One request of up to 1,000; an organization with more keeps the first thousand by name.
import { query, path } from '../core/api.js';

const LIMIT = 1000;

/** The department names, or [] when the list cannot be read (the page still works without it). */
export async function departments(org, signal) {
  try {
    const page = await query.get(path`/api/organizations/${org}/departments`, { size: LIMIT }, { signal });
    return page.items;
  } catch (error) {
    return [];
  }
}

/**
 * Options for a select: `all` (its label) first with the value '' when given, then each department;
 * `current` is kept even if no member is in it any more, so a filter from a link still shows.
 */
export function departmentOptions(names, { all = null, current = '' } = {}) {
  const listed = current && !names.includes(current) ? [current, ...names] : names;
  return [...(all ? [{ value: '', label: all }] : []), ...listed.map((name) => ({ value: name, label: name }))];
}
