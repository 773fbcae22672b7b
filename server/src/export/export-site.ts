import type { CommentStore } from '../store/comment-store.js';
import type { SiteTransferStore, VoteCursor } from '../store/site-transfer-store.js';
import {
  toExportBan,
  toExportComment,
  toExportHeader,
  toExportThread,
  toExportVote,
} from './export-records.js';

/** What an export reads of a store. */
export type ExportSource = Pick<
  SiteTransferStore,
  'listSiteComments' | 'listSiteVotes' | 'listLockedThreads'
> &
  Pick<CommentStore, 'listBans' | 'getComments'>;

/** How `exportSite` exports. */
export interface ExportOptions {
  /** Adds the authors' emails, user ids, token hashes and IP hashes, the votes and the bans. */
  includePrivate: boolean;
  /** The header's `exportedAt`, in ms since the epoch. */
  nowMs: number;
  /** Rows read from the store at a time; default 500. */
  pageSize?: number;
}

/** Rows read at a time: enough to keep round trips few, few enough to keep memory flat. */
const exportPageSize = 500;

/**
 * A site's export (docs/export-format.md), one NDJSON line at a time, each ending in `\n`: the
 * header, the locked threads, every comment in seq order, then, with `includePrivate`, the votes
 * and the bans. Reads the store a page at a time, and only as the lines are consumed, so memory
 * stays flat whatever the site's size.
 *
 * Not a snapshot: a comment changed while the export runs takes a new seq, so it may come twice,
 * the later line being its newer state (a comment is never missed).
 */
export async function* exportSite(
  store: ExportSource,
  site: string,
  options: ExportOptions,
): AsyncGenerator<string, void, undefined> {
  const { includePrivate, nowMs, pageSize = exportPageSize } = options;
  yield toLine(toExportHeader(site, nowMs, includePrivate));
  // Before the comments, so a reader knows a thread is locked the first time it meets it.
  for (const key of await store.listLockedThreads(site)) yield toLine(toExportThread(key));

  let afterSeq = 0;
  for (;;) {
    const page = await store.listSiteComments(site, afterSeq, pageSize);
    if (page.length === 0) break;
    for (const record of page) yield toLine(toExportComment(record, includePrivate));
    afterSeq = page[page.length - 1]!.comment.seq;
  }

  if (!includePrivate) return;
  yield* exportVotes(store, site, pageSize);
  for (const ban of await store.listBans(site)) yield toLine(toExportBan(ban));
}

/** Every vote of the site, each with its comment's thread, looked up a page at a time. */
async function* exportVotes(store: ExportSource, site: string, pageSize: number): AsyncGenerator<string> {
  let after: VoteCursor | null = null;
  for (;;) {
    const votes = await store.listSiteVotes(site, after, pageSize);
    if (votes.length === 0) break;
    const records = await store.getComments([...new Set(votes.map((vote) => vote.commentId))]);
    const threads = new Map(
      records
        .filter((record) => record.site === site)
        .map((record) => [record.comment.id, record.comment.thread]),
    );
    for (const vote of votes) {
      const thread = threads.get(vote.commentId);
      // Comments are never removed from a store, so this only drops a vote that names nothing.
      if (thread !== undefined) yield toLine(toExportVote(vote, thread));
    }
    const last = votes[votes.length - 1]!;
    after = { commentId: last.commentId, voterKey: last.voterKey };
  }
}

function toLine(record: object): string {
  return `${JSON.stringify(record)}\n`;
}
