import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ThreadCountEvent } from '../events/thread-count-event.js';
import { countPublished } from '../internal/thread-tree.js';
import type { ThreadController } from './thread-controller.js';

/**
 * Fires `hearth-thread-count` from its host after an update whenever the thread's published
 * count differs from the last one told, so `<hearth-count>` elements on the page follow it.
 */
export class ThreadCountController implements ReactiveController {
  #host: ReactiveControllerHost & EventTarget;
  #sync: ThreadController;
  /** The comments last counted, so an update that changed none of them costs nothing. */
  #counted: readonly unknown[] | null = null;
  #told = '';

  constructor(host: ReactiveControllerHost & EventTarget, sync: ThreadController) {
    this.#host = host;
    this.#sync = sync;
    host.addController(this);
  }

  hostUpdated(): void {
    const { comments, isCacheRead } = this.#sync.snapshot;
    if (!isCacheRead || comments === this.#counted) return;
    this.#counted = comments;
    const { endpoint, thread } = this.#sync.target;
    const count = countPublished(comments);
    const told = JSON.stringify([endpoint, thread, count]);
    if (told === this.#told) return;
    this.#told = told;
    this.#host.dispatchEvent(new ThreadCountEvent(endpoint, thread, count));
  }
}
