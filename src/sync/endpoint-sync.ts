import { createModuleLoader } from '../internal/lazy-module.js';
import type { ThreadComment } from '../internal/rich-text.js';
import type { OutboxRecord } from '../storage/db.js';
import type { LocalStore } from '../storage/local-store.js';
import { openLocalStore } from '../storage/open-local-store.js';
import { claimLeadership, holdLock, type HeldLock } from './leadership.js';
import type { LiveTiming } from './live-policy.js';
import type { LiveStreams } from './live-streams.js';
import type { OutboxPusher } from './outbox-pusher.js';
import { isUnavailable, type SyncStatus } from './sync-status.js';
import { openTabChannel, tabChannelName, type TabChannel, type TabMessage } from './tab-channel.js';
import { pullPages, type PullHost } from './thread-pull.js';

// Live updates are not needed for the first paint: loaded once the leader's first pull is done.
const loadLiveStreams = createModuleLoader(() => import('./live-streams.js'));

/** What changed in a thread, told to the views showing it. */
export interface ThreadChange {
  /** Comments this tab just fetched or posted: merge them at once. */
  comments?: readonly ThreadComment[];
  /** Another tab stored changes: re-read the thread's cached comments. */
  isCacheChanged?: boolean;
  /** The thread's queued writes changed: re-read them. */
  isOutboxChanged?: boolean;
  status?: SyncStatus;
  lastSyncedAtMs?: number;
  /** What the latest page of changes said: whether a moderator locked the thread. */
  isLocked?: boolean;
  /** What the latest page of changes said: whether the site emails reply notifications. */
  canNotify?: boolean;
}

export type ThreadListener = (change: ThreadChange) => void;

/**
 * The network side of one endpoint in one tab: pulls threads, has the outbox pushed, and
 * keeps the tabs that share the endpoint in step.
 *
 * Invariants:
 * - Only the leader (the tab holding the endpoint's Web Lock) talks to the network; other
 *   tabs ask it over BroadcastChannel and re-read the store when it says something changed.
 *   A store the tabs do not share (memory, where IndexedDB is unavailable) makes every tab
 *   lead itself.
 * - One pull per thread runs at a time; asking again joins the run.
 * - A write is stored in the outbox before anything is shown or sent; the OutboxPusher,
 *   loaded the first time there is something to send, delivers it.
 * - The leader holds one LiveStream per thread it pulls (its own and its followers'); a
 *   live `change` pulls after the pull running, which may have read the feed before it.
 */
export class EndpointSync {
  /** Absolute endpoint URL ending in '/'. */
  readonly endpoint: string;
  /** The local store: IndexedDB, or memory where that is unavailable (see openLocalStore). */
  readonly store: Promise<LocalStore>;

  #listeners = new Map<string, Set<ThreadListener>>();
  #followerThreads = new Set<string>();
  /** The pull running per thread; it resolves true when it brought comments. */
  #pulls = new Map<string, Promise<boolean>>();
  /** The leader's streams, once their module loaded (see `#follow`); null when it failed to load. */
  #live: Promise<LiveStreams | null> | null = null;
  #liveTiming: Partial<LiveTiming> | undefined;
  #pusher: Promise<OutboxPusher> | null = null;
  #isLeader = false;
  #abort = new AbortController();
  #channel: TabChannel;
  #leadership: HeldLock | null = null;
  /** The Web Lock name this tab's leadership and interests are named after. */
  #lockName: string;
  /** Shared locks that tell the leader which threads this tab shows (see LiveStream's `interestLock`). */
  #interests = new Map<string, HeldLock>();
  /** What the pulls of this sync's threads report to (see thread-pull.ts). */
  #pullHost: PullHost;
  /** Threads whose last pull found the endpoint unavailable to this page (see SyncStatus): no stream for them. */
  #unavailable = new Set<string>();

  /** `liveTiming` is for tests: it shortens the live streams' waits. */
  constructor(endpoint: string, databaseName: string, liveTiming?: Partial<LiveTiming>) {
    this.endpoint = endpoint;
    this.store = openLocalStore(databaseName);
    this.#pullHost = {
      endpoint,
      store: this.store,
      signal: this.#abort.signal,
      notify: (thread, change) => this.#notify(thread, change),
      announce: (thread, change) => {
        if (change.status) this.#unavailable[isUnavailable(change.status) ? 'add' : 'delete'](thread);
        this.#announce(thread, change);
      },
      tellTabs: (thread, change) => this.#channel.post({ type: 'changed', thread, ...change }),
    };
    this.#liveTiming = liveTiming;
    const name = tabChannelName(databaseName, endpoint);
    this.#lockName = name;
    this.#channel = openTabChannel(name, this.#handleMessage);
    // Asked for while the store opens, not after: a first visit's pull waits for both.
    const isGranted = new Promise<void>((resolve) => (this.#leadership = claimLeadership(name, resolve)));
    void this.store.then(async (store) => {
      if (!store.isShared) {
        // Without a shared store every tab leads itself, and must not keep the others from leading.
        this.#leadership?.release();
        this.#leadership = null;
      } else await isGranted;
      this.#becomeLeader();
    });
    globalThis.addEventListener?.('online', this.#handleOnline);
  }

  /** Whether this tab does the endpoint's network work. */
  get isLeader(): boolean {
    return this.#isLeader;
  }

  /** Tells `listener` about changes to `thread` until the returned function is called. */
  subscribe(thread: string, listener: ThreadListener): () => void {
    let listeners = this.#listeners.get(thread);
    if (!listeners) {
      this.#listeners.set(thread, (listeners = new Set()));
      // Held while this tab shows the thread, and let go by the browser if the tab dies.
      this.#interests.set(thread, holdLock(this.#interestName(thread), 'shared'));
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || this.#listeners.get(thread) !== listeners) return;
      this.#listeners.delete(thread);
      this.#interests.get(thread)?.release();
      this.#interests.delete(thread);
      if (!this.#followerThreads.has(thread)) void this.#live?.then((live) => live?.stop(thread));
    };
  }

  #interestName(thread: string): string {
    return `${this.#lockName}:thread:${thread}`;
  }

  /** Brings `thread` up to date: here when leading, else by asking the leader. */
  requestPull(thread: string): Promise<unknown> {
    // The running pull itself, so concurrent callers share one promise.
    if (this.#isLeader) return this.#pullThread(thread);
    this.#channel.post({ type: 'pull', thread });
    return Promise.resolve();
  }

  /** Sends what is due in the outbox: here when leading, else by asking the leader. */
  async requestPush(): Promise<void> {
    if (!this.#isLeader) {
      this.#channel.post({ type: 'outbox' });
      return;
    }
    if (!this.#pusher && (await this.listWrites()).length === 0) return;
    await (await this.loadPusher()).push();
  }

  /** Forgets backoff: every waiting write is due now, and every shown thread is pulled. */
  async retryNow(): Promise<void> {
    if (!this.#isLeader) return this.#askLeader();
    await Promise.all([...this.#threadsToPull()].map((thread) => this.#pullAfterRunning(thread)));
    await this.#retryWrites();
  }

  async #retryWrites(): Promise<void> {
    if (this.#pusher || (await this.listWrites()).length > 0) await (await this.loadPusher()).retryNow();
  }

  /** Tells this tab's views of `thread`, and the other tabs, to re-read the reader's writes and votes. */
  announceVotes(thread: string): void {
    this.#announce(thread, { isOutboxChanged: true });
  }

  /** The ids of a thread's comments this browser wrote as a guest (it holds their author tokens). */
  async listAuthoredIds(thread: string): Promise<string[]> {
    return (await this.store).listAuthoredIds(this.endpoint, thread);
  }

  /** Every queued write of this endpoint, oldest first. */
  async listWrites(): Promise<OutboxRecord[]> {
    return (await this.store).listWrites(this.endpoint);
  }

  /** Stops timers, listeners and requests, and gives up leadership. */
  close(): void {
    this.#abort.abort();
    void this.#live?.then((live) => live?.close());
    this.#leadership?.release();
    for (const interest of this.#interests.values()) interest.release();
    this.#interests.clear();
    globalThis.removeEventListener?.('online', this.#handleOnline);
    // A page just fetched is still being cached: let that finish, and tell the other views,
    // before closing (a new element of this page has a channel of its own).
    void Promise.allSettled(this.#pulls.values())
      .then(() => {
        this.#channel.close();
        return this.store;
      })
      .then((store) => store.close());
  }

  #becomeLeader = (): void => {
    if (this.#abort.signal.aborted) return;
    this.#isLeader = true;
    this.#channel.post({ type: 'leader' });
    for (const thread of this.#threadsToPull()) void this.#pullThread(thread);
    // A new page or a new leader tries every waiting write at once, backoff or not.
    void this.#retryWrites();
  };

  #handleMessage = (message: TabMessage): void => {
    if (this.#abort.signal.aborted) return;
    switch (message.type) {
      case 'changed':
        this.#notify(message.thread, {
          isCacheChanged: true,
          isOutboxChanged: true,
          ...(message.status ? { status: message.status } : {}),
          ...(message.lastSyncedAtMs ? { lastSyncedAtMs: message.lastSyncedAtMs } : {}),
        });
        return;
      case 'pull':
        if (!this.#isLeader) return;
        this.#followerThreads.add(message.thread);
        void this.#pullThread(message.thread);
        return;
      case 'outbox':
        if (this.#isLeader) void this.requestPush();
        return;
      case 'leader':
        // A new leader: repeat what this tab is waiting for.
        this.#askLeader();
        return;
    }
  };

  /** Asks the leading tab to pull every thread shown here and to push the outbox. */
  #askLeader(): void {
    for (const thread of this.#listeners.keys()) this.#channel.post({ type: 'pull', thread });
    this.#channel.post({ type: 'outbox' });
  }

  #handleOnline = (): void => {
    void this.retryNow();
  };

  /**
   * The endpoint's outbox pusher, its chunk loaded on first use: it queues, changes and
   * discards the reader's writes, hands them fresh SSO tokens, and delivers them.
   */
  loadPusher(): Promise<OutboxPusher> {
    this.#pusher ??= import('./outbox-pusher.js').then(
      ({ OutboxPusher }) =>
        new OutboxPusher({
          endpoint: this.endpoint,
          store: this.store,
          signal: this.#abort.signal,
          listWrites: () => this.listWrites(),
          announce: (thread, change) => this.#announce(thread, change),
        }),
    );
    return this.#pusher;
  }

  #threadsToPull(): Set<string> {
    return new Set([...this.#listeners.keys(), ...this.#followerThreads]);
  }

  /** Tells this tab's views, and (after storing) the other tabs. */
  #announce(thread: string, change: ThreadChange): void {
    this.#notify(thread, change);
    const { status, lastSyncedAtMs } = change;
    this.#channel.post({
      type: 'changed',
      thread,
      ...(status ? { status } : {}),
      ...(lastSyncedAtMs ? { lastSyncedAtMs } : {}),
    });
  }

  #notify(thread: string, change: ThreadChange): void {
    for (const listener of this.#listeners.get(thread) ?? []) listener(change);
  }

  #pullThread(thread: string): Promise<boolean> {
    let pull = this.#pulls.get(thread);
    if (!pull) {
      pull = pullPages(this.#pullHost, thread).finally(() => this.#pulls.delete(thread));
      this.#pulls.set(thread, pull);
      if (this.#isLeader && !this.#abort.signal.aborted) this.#follow(thread, pull);
    }
    return pull;
  }

  /**
   * Has the thread's stream opened once `pulled` settles (see LiveStreams). Streams are told
   * in call order, so a stop or close after this call always lands after it.
   */
  #follow(thread: string, pulled: Promise<unknown>): void {
    // Only waits for the pull: whoever asked for it hears how it failed.
    this.#live ??= pulled
      .catch(() => undefined)
      .then(loadLiveStreams)
      .then(
        ({ LiveStreams }) =>
          new LiveStreams({
            endpoint: this.endpoint,
            readCursor: async (thread) => (await (await this.store).readCursor(this.endpoint, thread)).cursor,
            pull: (thread) => this.#pullAfterRunning(thread),
            isShownHere: (thread) => this.#listeners.has(thread),
            canStream: (thread) => !this.#unavailable.has(thread),
            interestLock: (thread) => this.#interestName(thread),
            onUnwanted: (thread) => this.#followerThreads.delete(thread),
            ...(this.#liveTiming ? { timing: this.#liveTiming } : {}),
          }),
        () => null,
      );
    const loading = this.#live;
    void loading.then((live) => {
      if (live) live.follow(thread, pulled);
      // Offline with a cold cache: the next pull loads it again.
      else if (this.#live === loading) this.#live = null;
    });
  }

  /**
   * Pulls `thread` once the pull running, if any, has finished: that one may have read the
   * feed already (it may be storing what it read), so joining it would ask nothing new.
   * Resolves true when the pull brought comments.
   */
  async #pullAfterRunning(thread: string): Promise<boolean> {
    // Only waits: whoever asked for the running pull hears how it failed.
    await this.#pulls.get(thread)?.catch(() => undefined);
    return this.#pullThread(thread);
  }
}

const shared = new Map<string, { sync: EndpointSync; users: number }>();

/** The page's EndpointSync for an endpoint and database, shared by every element using them. */
export function acquireEndpointSync(endpoint: string, databaseName: string): EndpointSync {
  const key = JSON.stringify([endpoint, databaseName]);
  let entry = shared.get(key);
  if (!entry) shared.set(key, (entry = { sync: new EndpointSync(endpoint, databaseName), users: 0 }));
  entry.users += 1;
  return entry.sync;
}

/** Gives back an EndpointSync; the last user's release closes it. */
export function releaseEndpointSync(sync: EndpointSync): void {
  for (const [key, entry] of shared) {
    if (entry.sync !== sync) continue;
    entry.users -= 1;
    if (entry.users === 0) {
      shared.delete(key);
      sync.close();
    }
    return;
  }
}
