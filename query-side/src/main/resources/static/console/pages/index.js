// The console's pages: each is a module exporting `page` (see docs/console.md, "Adding a page"),
// listed here once. The order is the navigation's order within an area.
import { homes } from './home.js';
import { page as me } from './me.js';

const pages = [
  me,
];

export default [...homes(pages), ...pages];
