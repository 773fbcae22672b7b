import type Database from 'better-sqlite3';
import {
  withoutRepeatedIds,
  type ImportedComment,
  type SiteTransferStore,
  type StoredVote,
} from './site-transfer-store.js';
import { commentColumns as columns, toRecord, toRow, type CommentRow } from './sql-rows.js';

const params = columns.replace(/(\w+)/g, '@$1');

/**
 * WAL pages after which an import batch's commit checkpoints, in place of SQLite's 1,000. Each
 * batch dirties pages all over the indexes, so at 1,000 nearly every commit copied its pages to
 * the database file again; at 10,000 (about 40 MB of WAL) an import of 100,000 comments writes
 * in about two thirds of the time (docs/benchmarks.md).
 */
const importCheckpointPages = 10_000;

interface VoteRow {
  comment_id: string;
  voter_key: string;
  created_at_ms: number;
}

/**
 * The SQLite store's import and export (site-transfer-store.ts). An import batch is one
 * IMMEDIATE transaction; its new comments take the next change_seqs, in order, as every write does.
 */
export function createSqliteTransfer(db: Database.Database): SiteTransferStore {
  const takeSeqs = db
    .prepare<[number], number>('UPDATE change_seq SET value = value + ? RETURNING value')
    .pluck();
  // DO NOTHING on the id alone: a stored comment is left exactly as it is.
  const insertComment = db.prepare<[CommentRow]>(
    `INSERT INTO comments (${columns}) VALUES (${params}) ON CONFLICT (id) DO NOTHING`,
  );
  // The vote takes its comment's site; a vote on a comment not stored inserts nothing.
  const insertVote = db.prepare<[string, number, string]>(
    `INSERT INTO votes (site, comment_id, voter_key, created_at_ms)
     SELECT site, id, ?, ? FROM comments WHERE id = ?
     ON CONFLICT (comment_id, voter_key) DO NOTHING`,
  );
  const selectExists = db
    .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM comments WHERE id = ?)')
    .pluck();
  const selectComments = db.prepare<[string, number, number], CommentRow>(
    `SELECT ${columns} FROM comments WHERE site = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const selectVotes = db.prepare<[string, number], VoteRow>(
    `SELECT comment_id, voter_key, created_at_ms FROM votes WHERE site = ?
     ORDER BY comment_id, voter_key LIMIT ?`,
  );
  const selectVotesAfter = db.prepare<[string, string, string, number], VoteRow>(
    `SELECT comment_id, voter_key, created_at_ms FROM votes WHERE site = ? AND (comment_id, voter_key) > (?, ?)
     ORDER BY comment_id, voter_key LIMIT ?`,
  );
  const selectLocked = db
    .prepare<[string], string>('SELECT thread FROM threads WHERE site = ? AND locked = 1 ORDER BY thread')
    .pluck();

  const importBatch = db.transaction((comments: readonly ImportedComment[], votes: readonly StoredVote[]) => {
    // Checked first so a comment already stored takes no seq; the rest take theirs in one step.
    const unique = withoutRepeatedIds(
      comments.filter((imported) => selectExists.get(imported.comment.id) !== 1),
    );
    const lastSeq = takeSeqs.get(unique.length);
    if (lastSeq === undefined) throw new Error('The change_seq row is missing; the database is damaged.');
    let seq = lastSeq - unique.length;
    for (const imported of unique) {
      seq += 1;
      insertComment.run(toRow({ ...imported, comment: { ...imported.comment, seq } }, imported.bodyTree));
    }
    for (const vote of votes) insertVote.run(vote.voterKey, vote.createdAtMs, vote.commentId);
    return { added: unique.length, present: comments.length - unique.length };
  });

  return {
    async importComments(comments, votes) {
      // The connection's own setting comes back after the batch: live writes checkpoint as before.
      const checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      db.pragma(`wal_autocheckpoint = ${importCheckpointPages}`);
      try {
        return importBatch.immediate(comments, votes);
      } finally {
        db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
      }
    },

    async listSiteComments(site, afterSeq, limit) {
      return selectComments.all(site, afterSeq, Math.max(0, limit)).map(toRecord);
    },

    async listSiteVotes(site, after, limit) {
      const count = Math.max(0, limit);
      const rows =
        after === null
          ? selectVotes.all(site, count)
          : selectVotesAfter.all(site, after.commentId, after.voterKey, count);
      return rows.map((row) => ({
        commentId: row.comment_id,
        voterKey: row.voter_key,
        createdAtMs: row.created_at_ms,
      }));
    },

    async listLockedThreads(site) {
      return selectLocked.all(site);
    },
  };
}
