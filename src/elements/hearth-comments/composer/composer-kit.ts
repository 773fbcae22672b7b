// Everything needed to write a comment, loaded after the thread has painted so that reading
// a thread costs only what reading needs.
export { attachComposer, ComposerController, mainComposerKey } from './composer-controller.js';
export { showPending } from '../show-pending.js';
// Delivery travels with the composer: a first comment written after the connection dropped
// must not depend on fetching another chunk to be queued.
export { OutboxPusher } from '../../../sync/outbox-pusher.js';
