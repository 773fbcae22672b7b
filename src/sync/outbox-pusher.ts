import { readSsoClaims } from '../internal/jwt-claims.js';
import type { ThreadComment } from '../internal/rich-text.js';
import { ErrorCode } from '../protocol/errors.js';
import {
  WriteOp,
  WriteState,
  type AuthorshipRecord,
  type HearthDb,
  type OutboxRecord,
} from '../storage/db.js';
import { readAuthorToken } from '../storage/authorship.js';
import { createAuthorship, readEditableUntilMs } from '../storage/authorship-record.js';
import { completeWithoutComment, completeWrite, updateWrite } from '../storage/outbox-delivery.js';
import { changeWrite, enqueueWrite, removeWrite, replaceSsoTokens } from '../storage/outbox-writes.js';
import type { ThreadChange } from './endpoint-sync.js';
import { isSameRevision, settleDelivered } from '../storage/outbox-merge.js';
import { nextDueAtMs, selectDueWrites } from './outbox-order.js';
import { getProofOfWork } from './proof-of-work.js';
import { retryDelayMs } from './retry-policy.js';
import { sendWrite } from './send-write.js';

/** What the pusher needs from the endpoint's sync that owns it. */
export interface PusherHost {
  readonly endpoint: string;
  readonly db: Promise<HearthDb | null>;
  /** Aborted when the endpoint's sync closes. */
  readonly signal: AbortSignal;
  /** Writes kept in memory where IndexedDB is unavailable or full. */
  readonly memoryOutbox: Map<string, OutboxRecord>;
  /** Authorship kept in memory where IndexedDB is unavailable, by comment id. */
  readonly memoryAuthorship: Map<string, AuthorshipRecord>;
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
 * - A write leaves the outbox only in the transaction that caches what the server answered,
 *   and is retried as it is until then, so the server applies it exactly once. A change the
 *   reader makes meanwhile bumps the write's revision and survives the delivery.
 * - Network errors and 5xx back off exponentially with jitter; 429 (or 503) waits for
 *   Retry-After; 401 `sso_token_expired` waits for a fresh token from the page; any other 4xx
 *   marks the write failed for the reader to edit or discard.
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

  /** Replaces the write queued for a comment with what `change` makes of it (see outbox-merge.ts). */
  async change(
    thread: string,
    id: string,
    change: (queued: OutboxRecord | undefined) => OutboxRecord,
  ): Promise<void> {
    const memory = this.#host.memoryOutbox;
    const db = await this.#host.db;
    let isStored = false;
    if (db && !memory.has(id)) {
      isStored = await changeWrite(db, id, change).then(
        () => true,
        () => false,
      );
    }
    if (!isStored) memory.set(id, change(memory.get(id)));
    this.#host.announce(thread, { isOutboxChanged: true });
  }

  /** Drops a queued write the reader no longer wants sent. */
  async discard(record: OutboxRecord): Promise<void> {
    this.#host.memoryOutbox.delete(record.id);
    const db = await this.#host.db;
    if (db) await removeWrite(db, record.id).catch(() => undefined);
    this.#host.announce(record.thread, { isOutboxChanged: true });
  }

  /**
   * Gives the queued SSO writes of the token's user the fresh token, so those waiting after a
   * 401 `sso_token_expired` go out again (the endpoint's sync then asks the leader to push).
   * Writes of another user keep theirs: a comment is never sent as someone other than who
   * wrote it.
   */
  async refreshSsoToken(token: string): Promise<void> {
    const sub = readSsoClaims(token)?.sub;
    if (!sub) return;
    const threads = new Set<string>();
    const refresh = (record: OutboxRecord): OutboxRecord | null => {
      if (!record.isSso || record.state !== WriteState.pending || record.token === token) return null;
      if (!record.token || readSsoClaims(record.token)?.sub !== sub) return null;
      threads.add(record.thread);
      return { ...record, token, lastError: null, nextAttemptAtMs: 0 };
    };
    for (const [id, record] of this.#host.memoryOutbox) {
      const refreshed = refresh(record);
      if (refreshed) this.#host.memoryOutbox.set(id, refreshed);
    }
    const db = await this.#host.db;
    if (db) await replaceSsoTokens(db, this.#host.endpoint, refresh).catch(() => 0);
    for (const thread of threads) this.#host.announce(thread, { isOutboxChanged: true });
  }

  /** The author token a comment was posted with from this browser, or null. */
  async readAuthorToken(id: string): Promise<string | null> {
    const memory = this.#host.memoryAuthorship.get(id)?.token;
    if (memory) return memory;
    const db = await this.#host.db;
    return db ? readAuthorToken(db, this.#host.endpoint, id).catch(() => null) : null;
  }

  /** Until when the reader may edit a comment posted from this browser, or null when unknown. */
  async readEditableUntilMs(id: string): Promise<number | null> {
    const memory = this.#host.memoryAuthorship.get(id);
    if (memory) return memory.editableUntilMs ?? null;
    const db = await this.#host.db;
    return db ? readEditableUntilMs(db, this.#host.endpoint, id).catch(() => null) : null;
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
      // Each guest post takes a fresh proof of work: prepared side by side, their compose waits
      // overlap, so a reader's comments written offline go out together rather than seconds apart.
      const guestPosts = records.filter(
        (record) => record.op === WriteOp.post && !record.isSso && record.state === WriteState.pending,
      ).length;
      if (guestPosts > 1) void getProofOfWork(this.#host.endpoint).prepare(guestPosts);
      if (!(await this.#deliver(next))) return this.#schedule(await this.#host.listWrites());
    }
  }

  /** Sends one write; returns false when the rest should wait (network down, rate limited). */
  async #deliver(record: OutboxRecord): Promise<boolean> {
    const { endpoint, signal } = this.#host;
    const result = await sendWrite(endpoint, record, signal).catch(() => null);
    if (!result || signal.aborted) return false;
    const nowMs = Date.now();
    const attempts = record.attempts + 1;
    if (result.kind === 'stored' || result.kind === 'gone') {
      const comment = result.kind === 'stored' ? result.comment : null;
      await this.#complete(
        record,
        comment,
        nowMs,
        result.kind === 'stored' ? result.editableUntilMs : undefined,
      );
      this.#host.announce(record.thread, {
        ...(comment ? { comments: [comment] } : {}),
        isOutboxChanged: true,
      });
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
      // The reader is told when it will go out (PendingWrite.retryAtMs).
      this.#host.announce(record.thread, { isOutboxChanged: true });
      return false;
    }
    // Still pending: the page is asked for a fresh token, and the write goes when it comes.
    const state =
      status === 401 && code === ErrorCode.ssoTokenExpired ? WriteState.pending : WriteState.failed;
    await this.#saveWrite({ ...record, attempts, lastError, state });
    this.#host.announce(record.thread, { isOutboxChanged: true });
    return true;
  }

  /** Records a delivered write: in IndexedDB (see completeWrite), else in memory alike. */
  async #complete(
    record: OutboxRecord,
    comment: ThreadComment | null,
    nowMs: number,
    editableUntilMs: number | undefined,
  ): Promise<void> {
    const memory = this.#host.memoryOutbox;
    const db = await this.#host.db;
    if (db && !memory.has(record.id)) {
      const isStored = await (
        comment
          ? completeWrite(db, record, comment, nowMs, editableUntilMs)
          : completeWithoutComment(db, record)
      ).then(
        () => true,
        () => false,
      );
      if (isStored) return;
      // Storage failed (full, closed): the write must not be sent again, and the token is
      // kept for this page at least.
      await removeWrite(db, record.id).catch(() => undefined);
    } else {
      const remaining = settleDelivered(memory.get(record.id), record);
      if (remaining) memory.set(record.id, remaining);
      else memory.delete(record.id);
    }
    if (record.op === WriteOp.post && record.token && !record.isSso) {
      const { endpoint, id, thread, token } = record;
      this.#host.memoryAuthorship.set(
        id,
        createAuthorship({ endpoint, id, thread, token }, nowMs, editableUntilMs),
      );
    }
  }

  async #saveWrite(record: OutboxRecord): Promise<void> {
    const memory = this.#host.memoryOutbox;
    if (memory.has(record.id)) {
      if (isSameRevision(memory.get(record.id), record)) memory.set(record.id, record);
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
