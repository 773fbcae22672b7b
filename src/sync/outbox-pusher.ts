import { WriteState, type HearthDb, type OutboxRecord } from '../storage/db.js';
import { completeWrite, updateWrite } from '../storage/outbox-delivery.js';
import { enqueueWrite, removeWrite } from '../storage/outbox.js';
import type { ThreadChange } from './endpoint-sync.js';
import { nextDueAtMs, selectDueWrites } from './outbox-order.js';
import { retryDelayMs } from './retry-policy.js';
import { postComment } from './post-comment.js';

/** What the pusher needs from the endpoint's sync that owns it. */
export interface PusherHost {
  readonly endpoint: string;
  readonly db: Promise<HearthDb | null>;
  /** Aborted when the endpoint's sync closes. */
  readonly signal: AbortSignal;
  /** Writes kept in memory where IndexedDB is unavailable or full. */
  readonly memoryOutbox: Map<string, OutboxRecord>;
  listWrites(): Promise<OutboxRecord[]>;
  /** Tells this tab's views of the thread, and the other tabs. */
  announce(thread: string, change: ThreadChange): void;
}

/**
 * Queues writes and delivers the outbox of one endpoint (delivery only in the leading tab).
 * Loaded on demand, so a reader who only reads never downloads it.
 *
 * Invariants:
 * - One run at a time; a push asked for mid-run runs once more after it.
 * - Writes go oldest first, one at a time; a reply waits for its parent (selectDueWrites).
 * - A write leaves the outbox only in the transaction that caches the stored comment, and
 *   is retried with its own id until then, so the server stores it exactly once.
 * - Network errors and 5xx back off exponentially with jitter; 429 (or 503) waits for
 *   Retry-After; any other 4xx marks the write failed for the reader to edit or discard.
 */
export class OutboxPusher {
  #host: PusherHost;
  #run: Promise<void> | null = null;
  #isRunAgain = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: PusherHost) {
    this.#host = host;
    host.signal.addEventListener('abort', () => clearTimeout(this.#timer));
  }

  /** Queues a write durably (in memory where storage fails) and shows it as pending everywhere. */
  async enqueue(record: OutboxRecord): Promise<void> {
    const db = await this.#host.db;
    try {
      if (!db) throw new Error('no database');
      await enqueueWrite(db, record);
    } catch {
      // Without storage the write still goes out while this page stays open.
      this.#host.memoryOutbox.set(record.id, record);
    }
    this.#host.announce(record.thread, { isOutboxChanged: true });
  }

  /** Drops a queued write the reader no longer wants sent. */
  async discard(record: OutboxRecord): Promise<void> {
    this.#host.memoryOutbox.delete(record.id);
    const db = await this.#host.db;
    if (db) await removeWrite(db, record.id).catch(() => undefined);
    this.#host.announce(record.thread, { isOutboxChanged: true });
  }

  /** Sends every write that is due. */
  push(): Promise<void> {
    if (this.#run) {
      this.#isRunAgain = true;
      return this.#run;
    }
    this.#run = this.#runAll().finally(() => {
      this.#run = null;
    });
    return this.#run;
  }

  /** Forgets backoff and Retry-After: every waiting write is due now. */
  async retryNow(): Promise<void> {
    const nowMs = Date.now();
    for (const record of await this.#host.listWrites()) {
      if (record.state === WriteState.pending && record.nextAttemptAtMs > nowMs) {
        await this.#saveWrite({ ...record, nextAttemptAtMs: nowMs });
      }
    }
    await this.push();
  }

  async #runAll(): Promise<void> {
    do {
      this.#isRunAgain = false;
      await this.#pushDue();
    } while (this.#isRunAgain && !this.#host.signal.aborted);
  }

  async #pushDue(): Promise<void> {
    for (;;) {
      if (this.#host.signal.aborted) return;
      const records = await this.#host.listWrites();
      const [next] = selectDueWrites(records, Date.now());
      if (!next) return this.#schedule(records);
      if (!(await this.#deliver(next))) return this.#schedule(await this.#host.listWrites());
    }
  }

  /** Sends one write; returns false when the rest should wait (network down, rate limited). */
  async #deliver(record: OutboxRecord): Promise<boolean> {
    const { endpoint, signal } = this.#host;
    const result = await postComment(endpoint, record.thread, record.payload, signal).catch(() => null);
    if (!result || signal.aborted) return false;
    const nowMs = Date.now();
    const attempts = record.attempts + 1;
    if (result.kind === 'stored') {
      this.#host.memoryOutbox.delete(record.id);
      const db = await this.#host.db;
      if (db) await completeWrite(db, record, result.comment).catch(() => removeWrite(db, record.id));
      this.#host.announce(record.thread, { comments: [result.comment], isOutboxChanged: true });
      return true;
    }
    if (result.kind === 'unreachable') {
      await this.#saveWrite({ ...record, attempts, nextAttemptAtMs: nowMs + retryDelayMs(attempts) });
      return false;
    }
    const { status, code, message, field, retryAfterMs } = result;
    const lastError = { status, code, message, ...(field ? { field } : {}) };
    if (retryAfterMs !== undefined) {
      await this.#saveWrite({ ...record, attempts, lastError, nextAttemptAtMs: nowMs + retryAfterMs });
      return false;
    }
    await this.#saveWrite({ ...record, attempts, lastError, state: WriteState.failed });
    this.#host.announce(record.thread, { isOutboxChanged: true });
    return true;
  }

  async #saveWrite(record: OutboxRecord): Promise<void> {
    if (this.#host.memoryOutbox.has(record.id)) {
      this.#host.memoryOutbox.set(record.id, record);
      return;
    }
    const db = await this.#host.db;
    if (db) await updateWrite(db, record).catch(() => undefined);
  }

  #schedule(records: readonly OutboxRecord[]): void {
    clearTimeout(this.#timer);
    const dueAtMs = nextDueAtMs(records);
    if (dueAtMs === null || this.#host.signal.aborted) return;
    this.#timer = setTimeout(() => void this.push(), Math.max(0, dueAtMs - Date.now()));
  }
}
