import type { Comment } from '../../../src/protocol/index.js';
import type { CommentRecord } from './comment-store.js';

// What `hearth import` and `hearth export` need of a store beyond the live API: writing comments
// as they were (their own times, statuses, votes), and reading a whole site back in pages.

/** A comment to import: a record with everything but its change seq, which the store assigns. */
export interface ImportedComment extends Omit<CommentRecord, 'comment' | 'pendingEdit'> {
  comment: Omit<Comment, 'seq'>;
  /** The body's tree column (body-tree.ts's toBodyTreeColumn) when the importer made it already. */
  bodyTree?: string;
}

/** One voter's upvote of a comment, as stored (votes.ts's voter keys). */
export interface StoredVote {
  commentId: string;
  voterKey: string;
  createdAtMs: number;
}

/** What `importComments` did. */
export interface ImportWriteResult {
  /** Comments stored now, each with a new seq (so the change feed carries them). */
  added: number;
  /** Comments whose id was stored already (a repeated import): left as they are. */
  present: number;
}

/** Where `listSiteVotes` goes on from: the last vote of the page before. */
export type VoteCursor = Pick<StoredVote, 'commentId' | 'voterKey'>;

/** Every backend passes test/server/store-contract-transfer.ts. */
export interface SiteTransferStore {
  /**
   * Stores imported comments and their votes in one transaction. Comments come parents first: a
   * parent is stored already or earlier in `comments`. A comment whose id is stored already is
   * left as it is (and counted `present`); a vote already stored is skipped. The comments' own
   * `votes` counts are stored as given, not recounted from `votes`.
   */
  importComments(
    comments: readonly ImportedComment[],
    votes: readonly StoredVote[],
  ): Promise<ImportWriteResult>;
  /** A site's comments of every status, in seq order after `afterSeq`, at most `limit`. */
  listSiteComments(site: string, afterSeq: number, limit: number): Promise<CommentRecord[]>;
  /** A site's votes by comment id then voter key (byte order), after `after` when given, at most `limit`. */
  listSiteVotes(site: string, after: VoteCursor | null, limit: number): Promise<StoredVote[]>;
  /** A site's locked threads, by key. */
  listLockedThreads(site: string): Promise<string[]>;
}

/** `comments` with each id once: the first of a repeated id stays (an import stores it alone). */
export function withoutRepeatedIds(comments: readonly ImportedComment[]): ImportedComment[] {
  const seen = new Set<string>();
  return comments.filter(({ comment }) => !seen.has(comment.id) && Boolean(seen.add(comment.id)));
}
