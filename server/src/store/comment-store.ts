import { BanKind, type Ban } from '../../../src/protocol/admin.js';
import type { Comment, CommentStatus, FeedComment, NewComment } from '../../../src/protocol/index.js';
import type { AbuseStateStore } from './abuse-state.js';
import type { AdminViewStore } from './admin-views.js';
import type { JobQueueStore } from './job-queue.js';
import type { NotificationStore } from './notification-store.js';
import type { SiteTransferStore } from './site-transfer-store.js';

/** A page of a thread's public change feed, in change order. */
export interface ChangePage {
  /**
   * Published comments and tombstones; held comments never appear here. Each carries its body's
   * tree (`bodyTree`) when its body holds markdown and the row keeps one (body-tree.ts).
   */
  comments: FeedComment[];
  /** The change sequence of the last row the page covers, or `sinceSeq` when none. */
  lastSeq: number;
  /** True when more changes follow `lastSeq`. */
  more: boolean;
}

/** The extent of a page of changes without its comments (see `peekChanges`). */
export type ChangeSpan = Omit<ChangePage, 'comments'>;

/**
 * Who wrote a comment, as the server knows it. None of it is ever sent to readers except what
 * `Comment` carries (name, verified, avatar).
 */
export interface CommentAuthor {
  /** SHA-256 (hex) of the guest's author token; null for SSO authors and admin imports. */
  authorTokenHash: string | null;
  /** The SSO user id (`sub`), or null for guests. */
  userId: string | null;
  /** Lowercased email, or null. Never shown. */
  email: string | null;
  /** Salted hash of the client's IP address (see ip-hash), or null when unknown. */
  ipHash: string | null;
  verified: boolean;
  avatarUrl: string | null;
}

/**
 * An author's edit of a published comment that moderation held: the comment keeps its approved
 * text in public while this waits for a moderator (see `holdEdit`).
 */
export interface PendingEdit {
  /** The text the author asked for. */
  body: string;
  /** ISO 8601, server time: when the author sent it. */
  heldAt: string;
}

/** A comment with everything the server keeps about it. */
export interface CommentRecord {
  site: string;
  comment: Comment;
  author: CommentAuthor;
  /** The author's held edit, when one waits for a moderator; absent otherwise. */
  pendingEdit?: PendingEdit;
}

/** What `insertComment` is given: the validated input, who wrote it, and where it starts. */
export interface CommentInsert {
  site: string;
  thread: string;
  input: NewComment;
  author: CommentAuthor;
  /** `published` or `held`, as moderation decided. */
  status: typeof CommentStatus.published | typeof CommentStatus.held;
  nowMs: number;
}

/** What `insertComment` did: stored it, found the same comment already stored, or refused. */
export type InsertResult =
  | { kind: 'created'; comment: Comment }
  | { kind: 'existing'; comment: Comment }
  | { kind: 'conflict'; comment: Comment }
  | { kind: 'unknown-parent' };

/**
 * A change to one comment. Every update takes a new change sequence, so the feed carries it.
 * - `body` sets the text and `editedAt` (an author's edit).
 * - `status` moves it: held → published (approve), anything → deleted (a tombstone: body and
 *   name emptied, unpinned, email and avatar dropped; the token hash, user id and IP hash stay
 *   so the author can repeat the delete and a moderator can ban the author of a rejected one).
 * - `pinned` pins or unpins.
 * - `pendingEdit: null` drops a held edit (a moderator rejected it). A new `body` or a
 *   tombstone drops it too: the approved text moves on, or there is nothing left to edit.
 * A tombstone's content never changes again: later updates only take a seq (store-rules.ts).
 */
export interface CommentUpdate {
  body?: string;
  status?: CommentStatus;
  pinned?: boolean;
  pendingEdit?: null;
}

/** A thread's moderation state. */
export interface ThreadState {
  locked: boolean;
}

/** What a ban matches: an SSO user id, an email, or an IP hash. */
// A stored ban is what the admin API sends: one shape, src/protocol/admin.ts's.
export { BanKind, type Ban };

/** One line of the audit log: who did what to which thing. */
export interface AuditEntry {
  id: number;
  at: string;
  /** The admin's configured name. */
  actor: string;
  /** e.g. `comment.approve`, `comment.reject`, `comment.delete`, `comment.pin`, `thread.lock`, `ban.add`. */
  action: string;
  site: string;
  /** The comment id, thread key or ban id acted on. */
  target: string;
  /** Free-form detail (a reason, the new value). */
  detail: string;
}

/** One reader's upvote on a comment, as `setVote` is asked to record or take back. */
export interface VoteRequest {
  site: string;
  commentId: string;
  /**
   * Who votes: `user:<sso sub>` for a signed-in reader, `anon:<sha-256 hex of the voter id>`
   * for a guest's anonymous voter id (from IndexedDB). One vote per key per comment.
   */
  voterKey: string;
  /**
   * The network an anonymous vote comes from (the day's IP hash), or null: a signed-in
   * reader's vote, or an address unknown. One anonymous upvote per network per comment counts.
   */
  networkKey?: string | null;
  /** True records the upvote, false takes it back. */
  isUp: boolean;
  nowMs: number;
}

/**
 * What `setVote` did. `changed` took a new seq (so the change feed carries the new count);
 * `unchanged` found the vote already as asked (a retry) and took none.
 */
export type VoteResult =
  | { kind: 'changed'; comment: Comment }
  | { kind: 'unchanged'; comment: Comment }
  /** No comment with that id on that site. */
  | { kind: 'not-found' }
  /** The comment is held or deleted: it cannot be voted on. */
  | { kind: 'not-votable'; comment: Comment }
  /** Another anonymous voter of the same network already upvoted it: this one does not count. */
  | { kind: 'network-limited'; comment: Comment };

/** The threads whose comments changed after some seq, each with its latest seq (see `listChangedThreads`). */
export interface ChangedThreads {
  threads: { site: string; thread: string; seq: number }[];
  /** The highest seq any comment of the store holds now (the asked seq's floor, 0 when empty). */
  lastSeq: number;
}

/** Filters for the admin's lists of comments, newest first. */
export interface CommentQuery {
  site?: string;
  status?: CommentStatus;
  thread?: string;
  /** Only comments by this SSO user. */
  userId?: string;
  /** Only published comments with an author's edit waiting for a moderator. */
  hasPendingEdit?: boolean;
  /** Only comments with seq below this (paging backwards). */
  beforeSeq?: number;
  limit: number;
}

/**
 * Where the reference server keeps comments. Every backend (memory, SQLite, PostgreSQL)
 * passes the same contract suite in test/server/store-contract.ts.
 *
 * Invariants every backend keeps:
 * - Threads are per site: the same key on two sites is two threads.
 * - `seq` increases with every write (insert or update) and is never reused; a reader that
 *   has seen seq N never misses a change later given a seq greater than N.
 * - Writes are atomic: a comment is stored or changed whole, or not at all.
 * - An id is an idempotency key across all threads and sites: the same id with the same site,
 *   thread, parent, name and body is `existing`; anything else is `conflict`.
 * - A parent must exist in the same site and thread.
 * - Acknowledged writes are durable.
 */
export interface CommentStore
  extends AbuseStateStore, AdminViewStore, JobQueueStore, NotificationStore, SiteTransferStore {
  /** Public changes of one thread with seq greater than `sinceSeq`, at most `limit` of them. */
  listChanges(site: string, thread: string, sinceSeq: number, limit: number): Promise<ChangePage>;
  /**
   * Where `listChanges` with the same arguments would end (`lastSeq`, `more`) without reading
   * the comments: enough to answer a conditional request, whose ETag these pin.
   */
  peekChanges(site: string, thread: string, sinceSeq: number, limit: number): Promise<ChangeSpan>;
  /** Stores a validated new comment. */
  insertComment(insert: CommentInsert): Promise<InsertResult>;
  /** A comment with its private details, or null. */
  getComment(id: string): Promise<CommentRecord | null>;
  /** Applies an update with a new seq; null when the comment does not exist. */
  updateComment(id: string, update: CommentUpdate, nowMs: number): Promise<Comment | null>;
  /**
   * Holds an author's edit of a published comment for a moderator: the public comment, its
   * seq and the feed stay as they are. Replaces an edit already held. Null when no published
   * comment has the id (it was deleted meanwhile, or never existed).
   */
  holdEdit(id: string, body: string, nowMs: number): Promise<CommentRecord | null>;
  /** Comments for moderators, newest first. */
  queryComments(query: CommentQuery): Promise<CommentRecord[]>;
  /**
   * A site's latest published comments, in one thread or (thread null) all of them, newest
   * written first (then by id), at most `limit`: what its feeds show. Votes and edits do not
   * move a comment up.
   */
  listLatestComments(site: string, thread: string | null, limit: number): Promise<Comment[]>;
  /** Whether this author has a published comment on the site (for first-time moderation). */
  hasPublishedComment(
    site: string,
    author: Pick<CommentAuthor, 'userId' | 'email' | 'ipHash'>,
  ): Promise<boolean>;
  /** Whether the same body came from the same IP hash on the site at or after `sinceMs`. */
  hasRecentDuplicate(site: string, body: string, ipHash: string, sinceMs: number): Promise<boolean>;

  /**
   * Published comments per thread (held and deleted ones do not count), for `<hearth-count>`.
   * Every asked thread is in the map; one with no comments maps to 0.
   */
  countComments(site: string, threads: readonly string[]): Promise<Map<string, number>>;

  /**
   * Records or takes back one voter's upvote, atomically with the comment's `votes` count.
   * A change takes a new seq; the comment's `updatedAt` stays (a vote is not an edit).
   */
  setVote(request: VoteRequest): Promise<VoteResult>;

  /**
   * Every thread, on every site, with a comment whose seq is greater than `sinceSeq`, with its
   * greatest such seq; and the store's highest seq. Lets a process hear the writes other
   * processes made to a shared SQLite file (live/polling-change-notifier.ts). A `sinceSeq`
   * past every seq lists no threads: only `lastSeq`, where to start.
   */
  listChangedThreads(sinceSeq: number): Promise<ChangedThreads>;

  /**
   * Every site id that holds at least one comment (any status, tombstones too), sorted: lets
   * the server warn at start-up of comments kept under a site id its configuration lost.
   */
  listSiteIds(): Promise<string[]>;

  /**
   * The ids of one thread's published comments that `voterKey` upvoted, most recent vote
   * first (votes of the same millisecond by id, in UTF-8 byte order, descending), at most
   * `limit`: a signed-in reader's votes, shown pressed on any device.
   */
  listVotedIds(site: string, thread: string, voterKey: string, limit: number): Promise<string[]>;

  getThreadState(site: string, thread: string): Promise<ThreadState>;
  setThreadLocked(site: string, thread: string, locked: boolean): Promise<void>;

  addBan(ban: Omit<Ban, 'id' | 'createdAt'>, nowMs: number): Promise<Ban>;
  removeBan(id: number): Promise<boolean>;
  listBans(site: string): Promise<Ban[]>;
  /** The first ban on the site matching any of the given values, or null. */
  findBan(
    site: string,
    match: { userId: string | null; email: string | null; ipHash: string | null },
  ): Promise<Ban | null>;

  appendAudit(entry: Omit<AuditEntry, 'id' | 'at'>, nowMs: number): Promise<void>;
  /** The audit log, newest first. */
  listAudit(limit: number): Promise<AuditEntry[]>;

  /** A server secret kept in the store, created on first use, so restarts and processes agree. */
  readSecret(name: string): Promise<string>;

  /** Releases connections and file handles. */
  close(): Promise<void>;
}
