import type { CommentStore } from '../store/comment-store.js';
import type { ChangeNotifier } from './change-notifier.js';
import { createListenerRegistry } from './local-change-notifier.js';
import { LogLevel, logProblem } from '../log/log-line.js';

/** What `createPollingChangeNotifier` needs besides the store. */
export interface PollingChangeNotifierOptions {
  /** How often the store is asked what changed, in ms; default 250. */
  intervalMs?: number;
  /** Where a failed poll is reported; default `console.error`. */
  logError?: (message: string, error: unknown) => void;
}

/**
 * Carries thread changes between processes that share one SQLite file, which has no
 * LISTEN/NOTIFY: every `intervalMs` each process asks the store which threads changed since
 * the highest seq it has seen (`listChangedThreads`, an indexed read) and tells their
 * subscribers. A comment written through another process so reaches a reader here within
 * about `intervalMs`; one written here is told at once, as by the local notifier.
 *
 * Invariants:
 * - A publish of this process reaches its own subscribers once: the poll that later finds
 *   the same seq in the file leaves it out.
 * - A lock or unlock takes no seq, so other processes do not hear it; their readers see it on
 *   their next pull (as after any lost notice: the change feed is the truth).
 * - A failed poll is reported once until one succeeds, and the next poll tries again.
 */
export async function createPollingChangeNotifier(
  store: Pick<CommentStore, 'listChangedThreads'>,
  options: PollingChangeNotifierOptions = {},
): Promise<ChangeNotifier> {
  const intervalMs = options.intervalMs ?? 250;
  const logError =
    options.logError ??
    ((message, error) =>
      logProblem(LogLevel.error, { event: 'change_listener_error', msg: `Hearth: ${message}`, error }));
  const registry = createListenerRegistry();
  // Past every seq: lists nothing, only where to start.
  let lastSeq = (await store.listChangedThreads(Number.MAX_SAFE_INTEGER)).lastSeq;
  /** Seqs this process published and told its subscribers already. */
  const published = new Set<number>();
  let isPolling = false;
  let isFailing = false;
  let isClosed = false;

  const poll = async (): Promise<void> => {
    if (isPolling || isClosed) return;
    isPolling = true;
    try {
      const changed = await store.listChangedThreads(lastSeq);
      if (isClosed) return;
      for (const notice of changed.threads) {
        if (!published.has(notice.seq)) registry.deliver(notice);
      }
      lastSeq = Math.max(lastSeq, changed.lastSeq);
      for (const seq of published) if (seq <= lastSeq) published.delete(seq);
      isFailing = false;
    } catch (error) {
      if (!isFailing && !isClosed) logError('cannot read the changes of other processes', error);
      isFailing = true;
    } finally {
      isPolling = false;
    }
  };
  const timer = setInterval(() => void poll(), intervalMs);
  // Polling alone must not keep the process alive.
  timer.unref();

  return {
    publish(notice) {
      if (notice.seq > lastSeq) published.add(notice.seq);
      registry.deliver(notice);
    },
    subscribe: (site, thread, listener, onClose) => registry.subscribe(site, thread, listener, onClose),
    async close() {
      isClosed = true;
      clearInterval(timer);
      registry.clear();
    },
  };
}
