/**
 * Fired by `<hearth-comments>` when the number of published comments in its thread changes (as
 * it syncs, and as comments arrive live). `<hearth-count>` elements for the same endpoint and
 * thread take the number at once, so a count on the article's own page follows its thread.
 */
export class ThreadCountEvent extends Event {
  static readonly eventName = 'hearth-thread-count';

  /** The endpoint, absolute and ending in '/'. */
  readonly endpoint: string;
  readonly thread: string;
  /** Published comments: what `GET /api/v1/counts` would say. */
  readonly count: number;

  constructor(endpoint: string, thread: string, count: number) {
    super(ThreadCountEvent.eventName, { bubbles: true, composed: true });
    this.endpoint = endpoint;
    this.thread = thread;
    this.count = count;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-thread-count': ThreadCountEvent;
  }
}
