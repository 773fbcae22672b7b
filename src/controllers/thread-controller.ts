import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { NewComment } from '../protocol/new-comment.js';
import { SyncStatus, ThreadSync, type ThreadSnapshot } from '../sync/thread-sync.js';
import type { PostCommentResult } from '../sync/transport.js';

/** What the controller needs to know to sync a thread. */
export interface ThreadTarget {
  endpoint: string;
  thread: string;
  databaseName: string;
}

const idleSnapshot: ThreadSnapshot = {
  comments: [],
  isCacheRead: false,
  status: SyncStatus.loading,
  lastSyncedAtMs: null,
};

/**
 * Connects an element to the sync engine for one thread: starts it when the host connects
 * or its target changes, stops it when the host disconnects, and re-renders on every change.
 */
export class ThreadController implements ReactiveController {
  #host: ReactiveControllerHost;
  #readTarget: () => ThreadTarget;
  #sync: ThreadSync | null = null;
  #targetKey = '';
  #snapshot = idleSnapshot;

  constructor(host: ReactiveControllerHost, readTarget: () => ThreadTarget) {
    this.#host = host;
    this.#readTarget = readTarget;
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

  /** Restarts the engine if the endpoint, thread or database changed. */
  syncTarget(): void {
    const target = this.#readTarget();
    const key = JSON.stringify([target.endpoint, target.thread, target.databaseName]);
    if (key === this.#targetKey && this.#sync) return;
    this.#stop();
    this.#targetKey = key;
    this.#snapshot = idleSnapshot;
    const sync = new ThreadSync({
      ...target,
      onChange: (snapshot) => {
        if (this.#sync !== sync) return;
        this.#snapshot = snapshot;
        this.#host.requestUpdate();
      },
    });
    this.#sync = sync;
    void sync.start();
  }

  /** Asks the engine to pull changes now. */
  retry(): void {
    void this.#sync?.pull();
  }

  /** Posts a comment through the engine. */
  post(comment: NewComment): Promise<PostCommentResult> {
    return this.#sync ? this.#sync.post(comment) : Promise.resolve({ kind: 'unreachable' });
  }

  /** The display name the reader used last, or ''. */
  readAuthorName(): Promise<string> {
    return this.#sync?.readAuthorName() ?? Promise.resolve('');
  }

  /** Remembers the reader's display name. */
  rememberAuthorName(name: string): Promise<void> {
    return this.#sync?.rememberAuthorName(name) ?? Promise.resolve();
  }

  #stop(): void {
    this.#sync?.close();
    this.#sync = null;
    this.#targetKey = '';
  }
}
