import { warnInDev } from '../internal/dev-warning.js';
import { readSsoClaims } from '../internal/jwt-claims.js';
import { ErrorCode } from '../protocol/errors.js';
import { WriteOp, WriteState, type OutboxRecord } from '../storage/db.js';
import type { LocalStore, OutboxStore } from '../storage/local-store.js';
import type { ThreadChange } from './endpoint-sync.js';
import { nextDueAtMs, selectDueWrites } from './outbox-order.js';
import { getProofOfWork } from './proof-of-work.js';
import { retryDelayMs } from './retry-policy.js';
import { sendWrite } from './send-write.js';

/** What the pusher needs from the endpoint's sync that owns it. */
export interface PusherHost {
  readonly endpoint: string;
  /** The local store, whose writing part (see LocalWriter) keeps the outbox. */
  readonly store: Promise<LocalStore>;
  /** Aborted when the endpoint's sync closes. */
  readonly signal: AbortSignal;
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

  /**
   * The outbox, which never loses a write while the page is open; its code is loaded again on
   * the next call when a load failed (offline with a cold cache).
   */
  get #outbox(): Promise<OutboxStore> {
    return this.#host.store.then((store) => store.loadWriter());
  }

  /** Queues a write and shows it as pending everywhere. */
  async enqueue(record: OutboxRecord): Promise<void> {
    await (await this.#outbox).enqueueWrite(record);
    this.#host.announce(record.thread, { isOutboxChanged: true });
  }

  /** Replaces the write queued for a comment with what `change` makes of it (see outbox-merge.ts). */
  async change(
    thread: string,
    id: string,
    change: (queued: OutboxRecord | undefined) => OutboxRecord,
  ): Promise<void> {
    await (await this.#outbox).changeWrite(id, change);
    this.#host.announce(thread, { isOutboxChanged: true });
  }

  /** Drops a queued write the reader no longer wants sent. */
  async discard(record: OutboxRecord): Promise<void> {
    await (await this.#outbox).removeWrite(record.id);
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
    await (
      await this.#outbox
    ).replaceSsoTokens(this.#host.endpoint, (record) => {
      if (!record.isSso || record.state !== WriteState.pending || record.token === token) return null;
      if (!record.token || readSsoClaims(record.token)?.sub !== sub) return null;
      threads.add(record.thread);
      return { ...record, token, lastError: null, nextAttemptAtMs: 0 };
    });
    for (const thread of threads) this.#host.announce(thread, { isOutboxChanged: true });
  }

  /** The author token a comment was posted with from this browser, or null. */
  async readAuthorToken(id: string): Promise<string | null> {
    return (await (await this.#outbox).readAuthorship(this.#host.endpoint, id))?.token ?? null;
  }

  /** Until when the reader may edit a comment posted from this browser, or null when unknown. */
  async readEditableUntilMs(id: string): Promise<number | null> {
    return (await (await this.#outbox).readAuthorship(this.#host.endpoint, id))?.editableUntilMs ?? null;
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
    const result = await sendWrite(endpoint, record, signal).catch(
      (error) => (warnInDev('write not sent', error), null),
    );
    if (!result || signal.aborted) return false;
    const nowMs = Date.now();
    const attempts = record.attempts + 1;
    if (result.kind === 'stored' || result.kind === 'gone') {
      const comment = result.kind === 'stored' ? result.comment : null;
      await (
        await this.#outbox
      ).completeWrite({
        record,
        comment,
        nowMs,
        editableUntilMs: result.kind === 'stored' ? result.editableUntilMs : undefined,
      });
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

  async #saveWrite(record: OutboxRecord): Promise<void> {
    await (await this.#outbox).updateWrite(record);
  }

  #schedule(records: readonly OutboxRecord[]): void {
    clearTimeout(this.#timer);
    const dueAtMs = nextDueAtMs(records);
    if (dueAtMs === null || this.#host.signal.aborted) return;
    this.#timer = setTimeout(() => void this.push(), Math.max(0, dueAtMs - Date.now()));
  }
}
