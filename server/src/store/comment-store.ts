import type { Comment, NewComment } from '../../../src/protocol/index.js';

/** A page of a thread's change feed, in change order. */
export interface ChangePage {
  comments: Comment[];
  /** The change sequence of the last comment returned, or `sinceSeq` when none was. */
  lastSeq: number;
  /** True when more changes follow `lastSeq`. */
  more: boolean;
}

/** What `insertComment` did: stored it, found the same comment already stored, or refused. */
export type InsertResult =
  | { kind: 'created'; comment: Comment }
  | { kind: 'existing'; comment: Comment }
  | { kind: 'conflict'; comment: Comment }
  | { kind: 'unknown-parent' };

/**
 * Where the reference server keeps comments. Every backend (memory, SQLite, PostgreSQL)
 * passes the same contract suite in test/server/store-contract.ts.
 *
 * Invariants every backend keeps:
 * - `seq` increases with every write and is never reused; a reader that has seen seq N
 *   never misses a change later given a seq greater than N.
 * - `insertComment` is atomic: it stores the whole comment or nothing.
 * - An id is an idempotency key across all threads: the same id with the same thread,
 *   parent, name and body is `existing`; anything else is `conflict`.
 * - A parent must exist in the same thread.
 * - Acknowledged writes are durable.
 */
export interface CommentStore {
  /** Changes of one thread with seq greater than `sinceSeq`, at most `limit` of them. */
  listChanges(thread: string, sinceSeq: number, limit: number): Promise<ChangePage>;
  /** Stores a validated new comment; `nowMs` is the server's clock, in ms since the epoch. */
  insertComment(thread: string, input: NewComment, nowMs: number): Promise<InsertResult>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
