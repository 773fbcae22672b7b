import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findNewArrivals } from '../internal/new-arrivals.js';
import type { ThreadComment } from '../internal/rich-text.js';
import { initialSnapshot, ThreadSync, type ThreadSnapshot, type WriteTarget } from '../sync/thread-sync.js';

/** What the controller needs to know to sync a thread. */
export interface ThreadTarget {
  endpoint: string;
  thread: string;
  databaseName: string;
}

/**
 * Connects an element to the sync engine for one thread: starts it when the host connects
 * or its target changes, stops it when the host disconnects, and re-renders on every change.
 */
export class ThreadController implements ReactiveController {
  #host: ReactiveControllerHost;
  #readTarget: () => ThreadTarget;
  #onDelivered: (comment: ThreadComment) => void;
  #canStart: () => boolean;
  #sync: ThreadSync | null = null;
  #targetKey = '';
  #snapshot = initialSnapshot;
  /** Ids shown once the thread first synced (pending posts included); null until then. */
  #shownIds: Set<string> | null = null;
  #newArrivals = 0;

  constructor(
    host: ReactiveControllerHost,
    readTarget: () => ThreadTarget,
    onDelivered: (comment: ThreadComment) => void,
    /** Whether the engine may start yet; until then `syncTarget()` does nothing. Default: always. */
    canStart: () => boolean = () => true,
  ) {
    this.#host = host;
    this.#readTarget = readTarget;
    this.#onDelivered = onDelivered;
    this.#canStart = canStart;
    host.addController(this);
  }

  /** The endpoint, thread and database the host names now. */
  get target(): ThreadTarget {
    return this.#readTarget();
  }

  /** The thread as last synced. */
  get snapshot(): ThreadSnapshot {
    return this.#snapshot;
  }

  hostConnected(): void {
    this.syncTarget();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** (Re)starts the engine if it may start and the endpoint, thread or database changed; true when it did. */
  syncTarget(): boolean {
    if (!this.#canStart()) return false;
    const target = this.#readTarget();
    const key = JSON.stringify([target.endpoint, target.thread, target.databaseName]);
    if (key === this.#targetKey && this.#sync) return false;
    this.#stop();
    this.#targetKey = key;
    this.#snapshot = initialSnapshot;
    this.#shownIds = null;
    this.#newArrivals = 0;
    const sync = new ThreadSync({
      ...target,
      onChange: (snapshot) => {
        if (this.#sync !== sync) return;
        this.#countArrivals(snapshot);
        this.#snapshot = snapshot;
        this.#host.requestUpdate();
      },
      onDelivered: (comment) => {
        if (this.#sync === sync) this.#onDelivered(comment);
      },
    });
    this.#sync = sync;
    void sync.start();
    return true;
  }

  /**
   * How many comments by others arrived since the thread first synced and this was last
   * asked (live, or by any later pull); asking resets the count. For a polite announcement.
   */
  takeNewArrivals(): number {
    const count = this.#newArrivals;
    this.#newArrivals = 0;
    return count;
  }

  #countArrivals(snapshot: ThreadSnapshot): void {
    // Before the first sync the cache and the first pull fill the thread: nothing is news.
    if (snapshot.lastSyncedAtMs === null) return;
    const own = new Set(snapshot.authoredIds);
    this.#newArrivals += findNewArrivals(this.#shownIds, snapshot.comments, own).length;
    this.#shownIds = new Set([
      ...snapshot.comments.map((comment) => comment.id),
      ...snapshot.pending.map((write) => write.id),
    ]);
  }

  /** Retries now: pulls, and sends every queued write regardless of backoff. */
  retry(): void {
    void this.#sync?.retry();
  }

  /** Where writes to the current thread go, or null before the engine starts. */
  get writeTarget(): WriteTarget | null {
    return this.#sync?.writeTarget ?? null;
  }

  #stop(): void {
    this.#sync?.close();
    this.#sync = null;
    this.#targetKey = '';
  }
}
