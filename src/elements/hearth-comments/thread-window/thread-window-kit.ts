// What a thread needs past a full page of comments (a window of itself), or to follow a
// permalink: loaded only for such a thread or page.
export { ThreadWindowLogic } from './thread-window-logic.js';
