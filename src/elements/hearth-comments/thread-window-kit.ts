// What a thread of more than 1,000 comments needs to render a window of itself, loaded only
// when a thread is that big (or a first visit's pages are still arriving).
export { ThreadWindowState } from './thread-window-state.js';
export { renderWindow, revealHidden } from './thread-window-template.js';
export { windowMessages } from '../../internal/window-messages.js';
