import type { BanKind } from '../store/comment-store.js';

// What every format's reader yields, in file order: the source's threads, comments, votes and
// bans as the source states them, before any of Hearth's rules (thread keys, ids, bodies,
// tombstones) are applied by the import (import-run.ts). A reader never touches the store.

/** Where a record starts in the source file: 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A page the source keeps comments for. */
export interface ImportThread {
  type: 'thread';
  /** The source's id for the thread, unique within the file; comments name it in `threadRef`. */
  ref: string;
  /**
   * The page's address as the source has it: an absolute URL (`https://blog.example.org/x/`)
   * or a path (`/x/`). Null when the source has none: its comments cannot be placed.
   */
  url: string | null;
  /**
   * The thread key itself, used as it is instead of one made from `url`: a Hearth export's
   * keys need not be paths (`article-42`).
   */
  key?: string;
  /** Closed to new comments in the source (Disqus `isClosed`, WordPress `comment_status` closed). */
  locked: boolean;
  position: SourcePosition;
}

/** Where a comment stands in the source. */
export const ImportState = {
  published: 'published',
  /** Pending, unapproved: comes in held. */
  held: 'held',
  /** Deleted by its author or a moderator: a tombstone when replies hang on it, else skipped. */
  deleted: 'deleted',
  /** Marked as spam: treated as deleted. */
  spam: 'spam',
} as const;
export type ImportState = (typeof ImportState)[keyof typeof ImportState];

/** How a source body is written: what the import converts it from. */
export const BodyFormat = {
  /** HTML, as Disqus, WordPress, Remark42 and Commento keep what readers saw. */
  html: 'html',
  /** Markdown that may hold inline HTML, rendered by the source (Isso's misaka, Commento). */
  markdown: 'markdown',
  /** Hearth's own markdown subset, from a Hearth export: stored as it is. */
  hearth: 'hearth',
} as const;
export type BodyFormat = (typeof BodyFormat)[keyof typeof BodyFormat];

/** Fields only a Hearth export has: the comment as Hearth stored it. */
export interface HearthCommentFields {
  /** The comment's own id (a UUID), kept when importing into the site it was exported from. */
  id: string;
  updatedAtMs: number;
  verified: boolean;
  avatarUrl: string | null;
  /** Private fields: present only in an export made with `--include-private`. */
  userId: string | null;
  authorTokenHash: string | null;
  ipHash: string | null;
}

/** One comment as the source has it. */
export interface ImportComment {
  type: 'comment';
  /** The `ref` of its thread (which may come later in the file). */
  threadRef: string;
  /** The source's id of the comment; only unique within its thread is assumed. */
  sourceId: string;
  /** The source id of the comment it replies to, in the same thread, or null. */
  parentSourceId: string | null;
  /** As the source shows it; may be empty (then "Anonymous"). */
  authorName: string;
  /** As the source has it, any case, or null. */
  email: string | null;
  body: { format: BodyFormat; text: string };
  createdAtMs: number;
  /** When the author last edited it, or null. */
  editedAtMs: number | null;
  state: ImportState;
  pinned: boolean;
  /**
   * The upvote count the source states, or null to count the `vote` records naming this
   * comment. Sources with a score but no voters (Commento) give the count; downvotes never count.
   */
  votes: number | null;
  /** Only from a Hearth export. */
  hearth?: HearthCommentFields;
  position: SourcePosition;
}

/** One reader's upvote, where the source names who voted (Remark42, a Hearth export). */
export interface ImportVote {
  type: 'vote';
  threadRef: string;
  /** The source id of the comment voted on. */
  commentSourceId: string;
  /**
   * Who voted, as the source names them: a Hearth export's voter key (`user:…`, `anon:…`),
   * else the source's user id, which the import hashes (never an SSO identity).
   */
  voter: string;
  /** When, or null when the source does not say (the comment's time is used). */
  createdAtMs: number | null;
  position: SourcePosition;
}

/** A ban, from a Hearth export. */
export interface ImportBan {
  type: 'ban';
  kind: BanKind;
  value: string;
  reason: string;
  createdAtMs: number;
  createdBy: string;
  position: SourcePosition;
}

/**
 * A record the reader could not make sense of (a missing field, a bad date): the import stops
 * with nothing imported, unless `--skip-bad`, which reports it and goes on.
 */
export interface ImportProblem {
  type: 'problem';
  message: string;
  position: SourcePosition;
}

/**
 * A record the source has and Hearth deliberately leaves out (a WordPress pingback): counted in
 * the import's summary under `reason`, never an error.
 */
export interface ImportSkipped {
  type: 'skipped';
  /** Short and stable, as the summary groups by it: `pingback`, `trackback`. */
  reason: string;
  position: SourcePosition;
}

export type ImportItem =
  ImportThread | ImportComment | ImportVote | ImportBan | ImportProblem | ImportSkipped;

/**
 * The file cannot be read on (XML that is not well-formed, a JSON document that does not parse,
 * a file of another format): nothing is imported, even with `--skip-bad`. A bad line of a JSON
 * lines file is an {@link ImportProblem} instead: the lines after it still read.
 */
export class ImportSyntaxError extends Error {
  override name = 'ImportSyntaxError';
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(`line ${position.line}, column ${position.column}: ${message}`);
  }
}

/** Reads one format from a file, streaming: memory stays flat whatever the file's size. */
export type SourceReader = (file: string) => AsyncIterable<ImportItem>;
