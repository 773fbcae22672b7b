import {
  computeNextPollDelayMs,
  computeSilenceLimitMs,
  defaultLiveTiming,
  readHeartbeatMs,
  type LiveTiming,
} from './live-policy.js';
import { isLockWanted } from './lock-query.js';
import { warnInDev } from '../internal/dev-warning.js';

/** What a LiveStream needs: where to listen, and how to pull. */
export interface LiveStreamOptions {
  /** Absolute endpoint URL ending in '/'. */
  endpoint: string;
  thread: string;
  /** The thread's cursor as this tab last stored it, or null; sent as `?since=` on a fresh stream. */
  readCursor: () => Promise<string | null>;
  /** Brings the thread up to date; resolves true when changes arrived. */
  pull: () => Promise<boolean>;
  /**
   * The Web Lock that tabs showing the thread hold (shared) while they show it. Every
   * `interestCheckMs` the stream asks whether this tab (`isShownHere`) or any tab holding the
   * lock still shows the thread; once none does, it closes itself and calls `onUnwanted`.
   * Without it the stream is always wanted.
   */
  interestLock?: string;
  isShownHere?: () => boolean;
  onUnwanted?: () => void;
  timing?: Partial<LiveTiming>;
}

/** The URL of a thread's event stream, with `since` when a cursor is known. */
function buildEventsUrl(endpoint: string, thread: string, since: string | null): string {
  const url = new URL(`api/v1/threads/${encodeURIComponent(thread)}/events`, endpoint);
  if (since) url.searchParams.set('since', since);
  return url.href;
}

/**
 * Keeps one thread current in the leading tab: an EventSource on the thread's event stream
 * pulls on every `change`; where streaming does not work, polling with backoff does.
 *
 * Invariants:
 * - At most one EventSource and one timer are alive; `close()` stops both for good.
 * - One pull for `change` events runs at a time; events during it make one pull after it.
 * - EventSource reconnects by itself with `Last-Event-ID`; a stream is given up on (for
 *   polling) after `maxFailedOpens` errors in a row before it opened, or when nothing (not
 *   even a heartbeat) arrived for two heartbeats: a proxy that buffers or cuts streams.
 * - Polling backs off from `minPollDelayMs` to `maxPollDelayMs`, starts over after news, on
 *   `online` and when the page becomes visible, and hands back to a stream after
 *   `streamRetryAfterMs`.
 * - A stream nobody wants any more (the follower tabs that showed the thread are gone) closes
 *   within `interestCheckMs`, so a leader never holds connections for closed tabs.
 */
export class LiveStream {
  #options: LiveStreamOptions;
  #timing: LiveTiming;
  #source: EventSource | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  #interestCheck: ReturnType<typeof setInterval> | undefined;
  #heartbeatMs: number;
  #failedOpens = 0;
  #hasOpened = false;
  #isPolling = false;
  #pollDelayMs: number;
  #pollingSinceMs = 0;
  #isClosed = false;
  #isPulling = false;
  #isPullDue = false;

  constructor(options: LiveStreamOptions) {
    this.#options = options;
    this.#timing = { ...defaultLiveTiming, ...options.timing };
    this.#heartbeatMs = this.#timing.heartbeatMs;
    this.#pollDelayMs = this.#timing.minPollDelayMs;
    globalThis.addEventListener?.('online', this.#handleWake);
    globalThis.document?.addEventListener('visibilitychange', this.#handleVisibility);
    if (options.interestLock) {
      this.#interestCheck = setInterval(() => void this.#checkInterest(), this.#timing.interestCheckMs);
    }
    if (typeof EventSource === 'undefined') this.#startPolling();
    else void this.#openStream();
  }

  /** Whether the thread is being polled because streaming did not work. */
  get isPolling(): boolean {
    return this.#isPolling;
  }

  /** Stops the stream, the polls and the listeners. */
  close(): void {
    this.#isClosed = true;
    this.#closeStream();
    clearTimeout(this.#timer);
    clearInterval(this.#interestCheck);
    globalThis.removeEventListener?.('online', this.#handleWake);
    globalThis.document?.removeEventListener('visibilitychange', this.#handleVisibility);
  }

  async #openStream(): Promise<void> {
    const { endpoint, thread, readCursor } = this.#options;
    const cursor = await readCursor().catch((error) => (warnInDev('cursor not read', error), null));
    if (this.#isClosed || this.#isPolling || this.#source) return;
    const source = new EventSource(buildEventsUrl(endpoint, thread, cursor));
    this.#source = source;
    this.#hasOpened = false;
    source.addEventListener('open', () => {
      this.#hasOpened = true;
      this.#failedOpens = 0;
      this.#feedWatchdog();
    });
    source.addEventListener('hello', (event) => {
      this.#heartbeatMs = readHeartbeatMs((event as MessageEvent<string>).data, this.#timing.heartbeatMs);
      this.#feedWatchdog();
    });
    source.addEventListener('heartbeat', () => this.#feedWatchdog());
    source.addEventListener('change', () => {
      this.#feedWatchdog();
      void this.#pullForChanges();
    });
    source.addEventListener('error', () => this.#handleError(source));
    // Armed before the stream opens too: a proxy that holds the whole response back never opens it.
    this.#feedWatchdog();
  }

  async #checkInterest(): Promise<void> {
    const { isShownHere, interestLock } = this.#options;
    const isWanted =
      isShownHere?.() ||
      (await isLockWanted(interestLock!).catch((error) => (warnInDev('lock query failed', error), true)));
    if (isWanted || this.#isClosed) return;
    this.close();
    this.#options.onUnwanted?.();
  }

  /** Pulls for `change` events; those arriving during a pull make one more pull after it. */
  async #pullForChanges(): Promise<void> {
    this.#isPullDue = true;
    if (this.#isPulling) return;
    this.#isPulling = true;
    while (this.#isPullDue && !this.#isClosed) {
      this.#isPullDue = false;
      await this.#options.pull().catch((error) => (warnInDev('pull failed', error), false));
    }
    this.#isPulling = false;
  }

  #handleError(source: EventSource): void {
    if (source !== this.#source) return;
    if (!this.#hasOpened) this.#failedOpens += 1;
    this.#hasOpened = false;
    if (this.#failedOpens >= this.#timing.maxFailedOpens) {
      this.#startPolling();
      return;
    }
    // CLOSED: the server answered something not a stream (an error status); EventSource will
    // not retry that, so try again here. CONNECTING: EventSource retries by itself.
    if (source.readyState === EventSource.CLOSED) {
      this.#closeStream();
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#openStream(), this.#timing.reopenDelayMs);
    }
  }

  #feedWatchdog(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => {
      // Changes may have come and gone while the stream was stuck: pull now, then poll.
      this.#startPolling();
      void this.#poll();
    }, computeSilenceLimitMs(this.#heartbeatMs));
  }

  #closeStream(): void {
    clearTimeout(this.#watchdog);
    this.#source?.close();
    this.#source = null;
  }

  #startPolling(): void {
    if (this.#isClosed) return;
    this.#closeStream();
    this.#isPolling = true;
    this.#pollingSinceMs = Date.now();
    this.#pollDelayMs = this.#timing.minPollDelayMs;
    this.#schedulePoll();
  }

  #schedulePoll(): void {
    clearTimeout(this.#timer);
    if (this.#isClosed) return;
    this.#timer = setTimeout(() => void this.#poll(), this.#pollDelayMs);
  }

  async #poll(): Promise<void> {
    if (this.#isClosed || !this.#isPolling) return;
    clearTimeout(this.#timer);
    const hadChanges = await this.#options.pull().catch((error) => (warnInDev('pull failed', error), false));
    if (this.#isClosed || !this.#isPolling) return;
    if (
      Date.now() - this.#pollingSinceMs >= this.#timing.streamRetryAfterMs &&
      typeof EventSource !== 'undefined'
    ) {
      this.#isPolling = false;
      this.#failedOpens = 0;
      void this.#openStream();
      return;
    }
    this.#pollDelayMs = computeNextPollDelayMs(this.#pollDelayMs, hadChanges, this.#timing);
    this.#schedulePoll();
  }

  // Only this (leading) tab's own visibility: the reader may be reading in a follower tab.
  #handleVisibility = (): void => {
    if (globalThis.document?.visibilityState === 'visible') this.#handleWake();
  };

  #handleWake = (): void => {
    if (this.#isClosed) return;
    if (this.#isPolling) {
      this.#pollDelayMs = this.#timing.minPollDelayMs;
      void this.#poll();
    } else if (!this.#source) {
      // Waiting to reopen after an error status: the network is back, try now.
      clearTimeout(this.#timer);
      void this.#openStream();
    }
  };
}
