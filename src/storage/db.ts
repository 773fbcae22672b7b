import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ThreadComment } from '../internal/rich-text.js';
import type { EditComment, NewComment } from '../protocol/new-comment.js';
import { warnInDev } from '../internal/dev-warning.js';

/** A comment as cached: the wire object, its parsed body (see rich-text.ts) and its endpoint. */
export type CachedComment = ThreadComment & { endpoint: string };

/** Where a thread's cache stands against its endpoint's change feed. */
export interface ThreadRecord {
  endpoint: string;
  thread: string;
  /** The change cursor to send as `since`; null until the first pull completes. */
  cursor: string | null;
  syncedAtMs: number;
  readAtMs: number;
  /** The ETag of the last reply that brought nothing new, valid while `cursor` is unchanged. */
  etag?: string;
  /** True when the last page of changes said a moderator locked the thread (schema 4). */
  locked?: boolean;
  /** True when the last page of changes said the site emails reply notifications (`notify`). */
  notify?: boolean;
}

/** Where a queued write stands. */
export const WriteState = {
  /** Waiting for its turn, or for the network. */
  pending: 'pending',
  /** Refused by the server (4xx); kept until the reader edits or discards it. */
  failed: 'failed',
} as const;
export type WriteState = (typeof WriteState)[keyof typeof WriteState];

/** Why the server refused a write. */
export interface WriteError {
  status: number;
  code: string;
  message: string;
  field?: string;
}

/** What a queued write does to its comment. */
export const WriteOp = {
  /** Create it (`POST`). */
  post: 'post',
  /** Replace its body (`PATCH`). */
  edit: 'edit',
  /** Turn it into a tombstone (`DELETE`). */
  delete: 'delete',
  /** Record or take back the reader's upvote (`PUT …/vote`); its record id is `vote:<comment id>` (schema 5). */
  vote: 'vote',
} as const;
export type WriteOp = (typeof WriteOp)[keyof typeof WriteOp];

/** What every queued write carries, whatever it does. */
export interface OutboxRecordBase {
  /**
   * The comment's id: the outbox holds at most one write per comment (see outbox-merge.ts),
   * and besides it at most one vote, whose id is `vote:<comment id>`.
   */
  id: string;
  endpoint: string;
  thread: string;
  state: WriteState;
  createdAtMs: number;
  attempts: number;
  /** Not before this time, in ms since the epoch (backoff or Retry-After). */
  nextAttemptAtMs: number;
  lastError: WriteError | null;
  /**
   * The bearer token sent with the write: the guest's author token (`hga_…`, made when the
   * comment was posted) or the reader's SSO token. Absent on posts queued before schema 4.
   */
  token?: string;
  /** True when `token` is an SSO token, which a fresh one from the page replaces. */
  isSso?: boolean;
  /** Bumped whenever the reader changes the queued write, so a delivery completes only what it sent. */
  revision?: number;
}

/**
 * A write waiting in the outbox. Its id is the comment's id and, for a post, the idempotency
 * key the server deduplicates on, so however often it is sent it is stored once.
 */
export type OutboxRecord = PostRecord | EditRecord | DeleteRecord | VoteRecord;

/** A queued new comment: `payload` is what is posted. */
export type PostRecord = OutboxRecordBase & { op: typeof WriteOp.post; payload: NewComment };
/** A queued edit of a stored comment: `payload` is the `PATCH` body. */
export type EditRecord = OutboxRecordBase & { op: typeof WriteOp.edit; payload: EditComment };
/** A queued delete of a comment. */
export type DeleteRecord = OutboxRecordBase & { op: typeof WriteOp.delete; payload: null };
/** What a queued vote sends: the reader's vote on `commentId`, and the guest's anonymous voter id. */
export interface VotePayload {
  commentId: string;
  /** True for an upvote, false to take it back. */
  up: boolean;
  /** The anonymous voter id (a UUID kept in settings); an SSO token decides instead when present. */
  voter: string;
}
/** A queued vote: the reader's latest intent for one comment (a new click replaces it). */
export type VoteRecord = OutboxRecordBase & {
  op: typeof WriteOp.vote;
  payload: VotePayload;
  /** The comment's `votes` as the server last said when the reader clicked (see reader-votes.ts). */
  votesAtClick?: number;
};

/** The reader's vote on a comment as the server last stored it (schema 5). */
export interface VoteMark {
  endpoint: string;
  thread: string;
  commentId: string;
  isUp: boolean;
  votedAtMs: number;
}

/**
 * A comment the reader wrote as a guest, with the author token that lets them edit or delete
 * it. Written when the server stores the post; never evicted.
 */
export interface AuthorshipRecord {
  endpoint: string;
  /** The comment's id. */
  id: string;
  thread: string;
  /** The author token (`hga_` and 43 base64url characters) the comment was posted with. */
  token: string;
  createdAtMs: number;
  /** Until when the server lets the author edit it (the post's `editableUntil`); absent when it did not say. */
  editableUntilMs?: number;
}

/** Text being written in a composer, saved as the reader types. */
export interface DraftRecord {
  endpoint: string;
  thread: string;
  /** 'main', or the id of the comment being answered. */
  key: string;
  body: string;
  updatedAtMs: number;
}

/** A small remembered value, such as the reader's display name. */
export interface SettingRecord {
  key: string;
  value: string;
}

/**
 * The IndexedDB schema. Keys start with the endpoint so that one endpoint's cache never
 * mixes with another's. Version history:
 * - 1: comments, threads, settings.
 * - 2: outbox (queued writes, by endpoint), drafts.
 * - 3: comments carry `bodyTree`, their parsed markdown. Cached threads are dropped, cursors
 *   and all, so the next visit pulls them again and parses them once; outbox and drafts stay.
 * - 4: authorship (the reader's own comments and their author tokens, by thread). Outbox
 *   records may be edits and deletes and carry a bearer token; threads may be `locked`.
 *   Nothing is dropped.
 * - 5: votes (the reader's delivered upvotes, by thread); outbox records may be votes, and
 *   settings hold the anonymous voter id and the sort order per endpoint. Nothing is dropped.
 */
interface HearthSchema extends DBSchema {
  comments: { key: [string, string, string]; value: CachedComment };
  threads: { key: [string, string]; value: ThreadRecord };
  settings: { key: string; value: SettingRecord };
  outbox: { key: string; value: OutboxRecord; indexes: { 'by-endpoint': string } };
  drafts: { key: [string, string, string]; value: DraftRecord };
  authorship: {
    key: [string, string];
    value: AuthorshipRecord;
    indexes: { 'by-thread': [string, string] };
  };
  votes: { key: [string, string, string]; value: VoteMark };
}

export type HearthDb = IDBPDatabase<HearthSchema>;

/**
 * Every key of one thread in a store whose keys start [endpoint, thread] (comments, drafts, votes).
 * Arrays sort after strings in IndexedDB, so [] closes the range over every last part.
 */
export function threadKeyRange(endpoint: string, thread: string): IDBKeyRange {
  return IDBKeyRange.bound([endpoint, thread], [endpoint, thread, []]);
}

/** Current schema version; bump it and add a step to `upgradeSchema` for every change. */
export const dbVersion = 5;

/** The database name used unless an element is given its own. */
export const defaultDatabaseName = 'hearth';

/**
 * Opens (creating or upgrading) the cache database, or resolves null where IndexedDB is
 * unavailable or refuses (private modes, disabled storage), so callers degrade to network-only.
 */
export async function openHearthDb(name: string = defaultDatabaseName): Promise<HearthDb | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const db: HearthDb = await openDB<HearthSchema>(name, dbVersion, {
      // A newer Hearth in another tab wants to upgrade the schema: let it, rather than
      // leaving it blocked; this tab's writes then fail softly until it reloads.
      blocking() {
        db.close();
      },
      upgrade(db, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) {
          db.createObjectStore('comments', { keyPath: ['endpoint', 'thread', 'id'] });
          db.createObjectStore('threads', { keyPath: ['endpoint', 'thread'] });
          db.createObjectStore('settings', { keyPath: 'key' });
        }
        if (oldVersion < 2) {
          db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-endpoint', 'endpoint');
          db.createObjectStore('drafts', { keyPath: ['endpoint', 'thread', 'key'] });
        }
        if (oldVersion >= 1 && oldVersion < 3) {
          void transaction.objectStore('comments').clear();
          void transaction.objectStore('threads').clear();
        }
        if (oldVersion < 4) {
          db.createObjectStore('authorship', { keyPath: ['endpoint', 'id'] }).createIndex('by-thread', [
            'endpoint',
            'thread',
          ]);
        }
        if (oldVersion < 5) db.createObjectStore('votes', { keyPath: ['endpoint', 'thread', 'commentId'] });
      },
    });
    return db;
  } catch (error) {
    warnInDev('IndexedDB unavailable; keeping this page’s data in memory', error);
    return null;
  }
}
