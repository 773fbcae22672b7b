import type { ReactiveController, ReactiveControllerHost } from 'lit';
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
  #sync: ThreadSync | null = null;
  #targetKey = '';
  #snapshot = initialSnapshot;

  constructor(
    host: ReactiveControllerHost,
    readTarget: () => ThreadTarget,
    onDelivered: (comment: ThreadComment) => void,
  ) {
    this.#host = host;
    this.#readTarget = readTarget;
    this.#onDelivered = onDelivered;
    host.addController(this);
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

  /** Restarts the engine if the endpoint, thread or database changed; true when it did. */
  syncTarget(): boolean {
    const target = this.#readTarget();
    const key = JSON.stringify([target.endpoint, target.thread, target.databaseName]);
    if (key === this.#targetKey && this.#sync) return false;
    this.#stop();
    this.#targetKey = key;
    this.#snapshot = initialSnapshot;
    const sync = new ThreadSync({
      ...target,
      onChange: (snapshot) => {
        if (this.#sync !== sync) return;
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
