import type { LiveTiming } from './live-policy.js';
import { LiveStream } from './live-stream.js';

/** What the leader's streams need from its EndpointSync. */
export interface LiveStreamsOptions {
  /** Absolute endpoint URL ending in '/'. */
  endpoint: string;
  /** The thread's stored cursor, or null. */
  readCursor: (thread: string) => Promise<string | null>;
  /** Pulls the thread after the pull running; resolves true when changes arrived. */
  pull: (thread: string) => Promise<boolean>;
  /** Whether this tab shows the thread. */
  isShownHere: (thread: string) => boolean;
  /**
   * Whether the thread's stream may open once its pull settled: false when the endpoint refused
   * this page's origin or is not a Hearth server, where a stream would fail the same way, again
   * and again. Default: always.
   */
  canStream?: (thread: string) => boolean;
  /** The Web Lock other tabs hold while they show the thread (see LiveStream's `interestLock`). */
  interestLock: (thread: string) => string;
  /** Called when a thread's stream closed because no tab shows the thread any more. */
  onUnwanted: (thread: string) => void;
  timing?: Partial<LiveTiming>;
}

/**
 * The leading tab's LiveStreams, at most one per thread. Loaded with the leader's first pull,
 * off the first paint's path (see EndpointSync).
 *
 * Invariants:
 * - A stream opens once the thread's pull has stored its cursor: the stream's `since` then
 *   covers every change the pull did not see.
 * - A thread stopped (or everything closed) before its pull settled never gets a stream, nor
 *   does one whose pull found the endpoint unavailable (`canStream`); a later `follow` may open it.
 * - A stream closes itself once no tab shows its thread (see LiveStream's `interestLock`).
 */
export class LiveStreams {
  #options: LiveStreamsOptions;
  #streams = new Map<string, LiveStream | null>();
  #isClosed = false;

  constructor(options: LiveStreamsOptions) {
    this.#options = options;
  }

  /** Opens the thread's stream after `pulled` settles, unless it has one or is opening it. */
  follow(thread: string, pulled: Promise<unknown> | undefined): void {
    if (this.#isClosed || this.#streams.has(thread)) return;
    this.#streams.set(thread, null);
    const { endpoint, readCursor, pull, isShownHere, canStream, interestLock, onUnwanted, timing } =
      this.#options;
    // Only waits for the pull: whoever asked for it hears how it failed.
    void Promise.resolve(pulled)
      .catch(() => undefined)
      .then(() => {
        if (!this.#streams.has(thread) || this.#streams.get(thread) || this.#isClosed) return;
        if (canStream?.(thread) === false) {
          this.#streams.delete(thread);
          return;
        }
        this.#streams.set(
          thread,
          new LiveStream({
            endpoint,
            thread,
            readCursor: () => readCursor(thread),
            pull: () => pull(thread),
            interestLock: interestLock(thread),
            isShownHere: () => isShownHere(thread),
            onUnwanted: () => {
              this.#streams.delete(thread);
              onUnwanted(thread);
            },
            ...(timing ? { timing } : {}),
          }),
        );
      });
  }

  /** Closes the thread's stream, or keeps it from opening. */
  stop(thread: string): void {
    this.#streams.get(thread)?.close();
    this.#streams.delete(thread);
  }

  /** Closes every stream for good. */
  close(): void {
    this.#isClosed = true;
    for (const thread of [...this.#streams.keys()]) this.stop(thread);
  }
}
