import type pg from 'pg';
import { withoutRepeatedIds, type SiteTransferStore } from './site-transfer-store.js';
import {
  fromPgRow,
  pgColumns as columns,
  pgCommentColumns,
  toPgParams,
  type PgCommentRow,
} from './postgres-rows.js';
import { lockChangeSeq, withTransaction } from './postgres-transaction.js';
import { toRecord, toRow } from './sql-rows.js';

/**
 * The PostgreSQL store's import and export (site-transfer-store.ts). An import batch is one
 * transaction holding the change_seq lock, as every comment write does (decision 0005): its
 * new comments take consecutive seqs and go in with one multi-row INSERT.
 */
export function createPostgresTransfer(pool: pg.Pool): SiteTransferStore {
  return {
    async importComments(comments, votes) {
      return withTransaction(pool, async (client) => {
        await lockChangeSeq(client);
        const stored = await client.query<{ id: string }>(
          'SELECT id FROM comments WHERE id = ANY ($1::text[])',
          [comments.map((imported) => imported.comment.id)],
        );
        const present = new Set(stored.rows.map((row) => row.id));
        const unique = withoutRepeatedIds(comments.filter((imported) => !present.has(imported.comment.id)));
        if (unique.length > 0) {
          const taken = await client.query<{ value: number }>(
            'UPDATE change_seq SET value = value + $1 WHERE only_row = 1 RETURNING value',
            [unique.length],
          );
          const lastSeq = taken.rows[0]?.value;
          if (lastSeq === undefined)
            throw new Error('The change_seq row is missing; the database is damaged.');
          const firstSeq = lastSeq - unique.length + 1;
          const values = unique.flatMap((imported, index) =>
            toPgParams(
              toRow(
                { ...imported, comment: { ...imported.comment, seq: firstSeq + index } },
                imported.bodyTree,
              ),
            ),
          );
          const width = pgCommentColumns.length;
          const rows = unique.map(
            (_, row) =>
              `(${pgCommentColumns.map((__, column) => `$${row * width + column + 1}`).join(', ')})`,
          );
          await client.query(`INSERT INTO comments (${columns}) VALUES ${rows.join(', ')}`, values);
        }
        if (votes.length > 0) {
          await client.query(
            `INSERT INTO votes (site, comment_id, voter_key, created_at_ms)
             SELECT c.site, c.id, v.voter_key, v.created_at_ms
             FROM unnest($1::text[], $2::text[], $3::bigint[]) AS v (comment_id, voter_key, created_at_ms)
             JOIN comments c ON c.id = v.comment_id
             ON CONFLICT (comment_id, voter_key) DO NOTHING`,
            [
              votes.map((vote) => vote.commentId),
              votes.map((vote) => vote.voterKey),
              votes.map((vote) => vote.createdAtMs),
            ],
          );
        }
        return { added: unique.length, present: comments.length - unique.length };
      });
    },

    async listSiteComments(site, afterSeq, limit) {
      const result = await pool.query<PgCommentRow>(
        `SELECT ${columns} FROM comments WHERE site = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [site, afterSeq, Math.max(0, limit)],
      );
      return result.rows.map((row) => toRecord(fromPgRow(row)));
    },

    async listSiteVotes(site, after, limit) {
      // COLLATE "C": byte order, as the other stores page.
      const result = await pool.query<{ comment_id: string; voter_key: string; created_at_ms: number }>(
        `SELECT comment_id, voter_key, created_at_ms FROM votes
         WHERE site = $1 AND ($2::text IS NULL
           OR (comment_id COLLATE "C", voter_key COLLATE "C") > ($2::text COLLATE "C", $3::text COLLATE "C"))
         ORDER BY comment_id COLLATE "C", voter_key COLLATE "C" LIMIT $4`,
        [site, after?.commentId ?? null, after?.voterKey ?? null, Math.max(0, limit)],
      );
      return result.rows.map((row) => ({
        commentId: row.comment_id,
        voterKey: row.voter_key,
        createdAtMs: row.created_at_ms,
      }));
    },

    async listLockedThreads(site) {
      const result = await pool.query<{ thread: string }>(
        'SELECT thread FROM threads WHERE site = $1 AND locked ORDER BY thread COLLATE "C"',
        [site],
      );
      return result.rows.map((row) => row.thread);
    },
  };
}
