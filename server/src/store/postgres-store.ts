import type pg from 'pg';
import type { Comment } from '../../../src/protocol/index.js';
import type {
  ChangePage,
  ChangeSpan,
  CommentInsert,
  CommentRecord,
  ChangedThreads,
  CommentStore,
  CommentUpdate,
  InsertResult,
  VoteRequest,
  VoteResult,
} from './comment-store.js';
import { toBodyTreeColumn, toFeedComment } from './body-tree.js';
import { migratePostgres } from './migrations/postgres.js';
import { createPostgresAbuseState } from './postgres-abuse-state.js';
import { createPostgresAdminViews } from './postgres-admin-views.js';
import { createPostgresJobQueue } from './postgres-job-queue.js';
import { createPostgresModeration } from './postgres-moderation.js';
import { createPostgresNotifications } from './postgres-notifications.js';
import { createPgPool } from './postgres-pool.js';
import { createPostgresTransfer } from './postgres-transfer.js';
import {
  fromPgRow,
  pgColumns as columns,
  pgCommentColumns,
  toPgParams,
  type PgCommentRow,
} from './postgres-rows.js';
import { lockChangeSeq, takeSeq, withTransaction } from './postgres-transaction.js';
import {
  answerStoredId,
  checkVote,
  hasPendingEditFilter,
  isParentOf,
  toInsertRow,
  toQueryConditions,
} from './row-store-rules.js';
import { toComment, toRecord, toRow, type CommentRow } from './sql-rows.js';
import { applyUpdate, spanOf } from './store-rules.js';

const placeholders = pgCommentColumns.map((_, index) => `$${index + 1}`).join(', ');
const assignments = pgCommentColumns
  .map((column, index) => `${column} = $${index + 1}`)
  .filter((assignment) => !assignment.startsWith('id ='))
  .join(', ');

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Most connections this process opens; default 10 (postgres-pool.ts). */
  poolSize?: number;
}

/** Rows filled per statement by {@link fillBodyTrees}. */
const fillBatchRows = 500;

/**
 * Gives the rows written before bodies' trees were kept (schema 4) their `body_tree`, a batch
 * at a time: the feed then sends their trees too. Processes starting together may fill the same
 * rows; they write the same values.
 */
async function fillBodyTrees(pool: pg.Pool): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ id: string; body: string }>(
      'SELECT id, body FROM comments WHERE body_tree IS NULL LIMIT $1',
      [fillBatchRows],
    );
    if (rows.length === 0) return;
    await pool.query(
      `UPDATE comments SET body_tree = filled.tree
       FROM unnest($1::text[], $2::text[]) AS filled (id, tree)
       WHERE comments.id = filled.id AND comments.body_tree IS NULL`,
      [rows.map((row) => row.id), rows.map((row) => toBodyTreeColumn(row.body))],
    );
  }
}

/**
 * A store in a PostgreSQL database, migrated on open (under an advisory lock, so processes
 * starting together migrate once). Every comment write is one transaction that first locks
 * the single change_seq row and holds it until commit, so seqs commit in the order they are
 * taken and a reader that has seen seq N has every smaller seq visible (decision 0005).
 */
export async function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<CommentStore> {
  const pool = createPgPool(url, { max: options.poolSize });
  try {
    await migratePostgres(pool);
    await fillBodyTrees(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  async function selectRow(client: pg.Pool | pg.PoolClient, id: string): Promise<CommentRow | null> {
    const result = await client.query<PgCommentRow>(`SELECT ${columns} FROM comments WHERE id = $1`, [id]);
    const row = result.rows[0];
    return row ? fromPgRow(row) : null;
  }

  async function selectRows(sql: string, values: unknown[]): Promise<CommentRow[]> {
    const result = await pool.query<PgCommentRow>(sql, values);
    return result.rows.map(fromPgRow);
  }

  async function insert(client: pg.PoolClient, request: CommentInsert): Promise<InsertResult> {
    const stored = await selectRow(client, request.input.id);
    if (stored) return answerStoredId(stored, request);
    const parentId = request.input.parentId ?? null;
    if (parentId !== null && !isParentOf(await selectRow(client, parentId), request)) {
      return { kind: 'unknown-parent' };
    }
    const row = toInsertRow(request, await takeSeq(client));
    await client.query(`INSERT INTO comments (${columns}) VALUES (${placeholders})`, toPgParams(row));
    return { kind: 'created', comment: toComment(row) };
  }

  async function vote(client: pg.PoolClient, request: VoteRequest): Promise<VoteResult> {
    const { site, commentId, voterKey, isUp, nowMs } = request;
    const networkKey = request.networkKey ?? null;
    const check = checkVote(await selectRow(client, commentId), site);
    if (check.kind === 'refused') return check.result;
    // The voter's own vote first: a retried vote that counted answers unchanged, not limited.
    if (isUp && networkKey !== null) {
      const found = await client.query<{ own: boolean; network: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM votes WHERE comment_id = $1 AND voter_key = $2) AS own,
                EXISTS (SELECT 1 FROM votes WHERE comment_id = $1 AND network_key = $3) AS network`,
        [commentId, voterKey, networkKey],
      );
      const row = found.rows[0];
      if (row && !row.own && row.network) return { kind: 'network-limited', comment: toComment(check.row) };
    }
    const changed = isUp
      ? await client.query(
          `INSERT INTO votes (site, comment_id, voter_key, created_at_ms, network_key)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (comment_id, voter_key) DO NOTHING`,
          [site, commentId, voterKey, nowMs, networkKey],
        )
      : await client.query('DELETE FROM votes WHERE comment_id = $1 AND voter_key = $2', [
          commentId,
          voterKey,
        ]);
    if (changed.rowCount === 0) return { kind: 'unchanged', comment: toComment(check.row) };
    const result = await client.query<PgCommentRow>(
      `UPDATE comments SET votes = votes + $1, seq = $2 WHERE id = $3 RETURNING ${columns}`,
      [isUp ? 1 : -1, await takeSeq(client), commentId],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`The comment ${commentId} vanished during a vote.`);
    return { kind: 'changed', comment: toComment(fromPgRow(row)) };
  }

  return {
    async listChanges(site, thread, sinceSeq, limit): Promise<ChangePage> {
      const count = Math.max(0, limit);
      // Held rows are skipped but keep their seq: approval gives them a new one. One row past
      // the limit tells whether another page follows.
      const rows = await selectRows(
        `SELECT ${columns} FROM comments
         WHERE site = $1 AND thread = $2 AND seq > $3 AND status <> 'held' ORDER BY seq LIMIT $4`,
        [site, thread, sinceSeq, count + 1],
      );
      const comments = rows.slice(0, count).map((row) => toFeedComment(toComment(row), row.body_tree));
      return { comments, lastSeq: comments.at(-1)?.seq ?? sinceSeq, more: rows.length > count };
    },

    async peekChanges(site, thread, sinceSeq, limit): Promise<ChangeSpan> {
      const result = await pool.query<{ seq: number }>(
        `SELECT seq FROM comments
         WHERE site = $1 AND thread = $2 AND seq > $3 AND status <> 'held' ORDER BY seq LIMIT $4`,
        [site, thread, sinceSeq, Math.max(0, limit) + 1],
      );
      return spanOf(
        result.rows.map((row) => row.seq),
        sinceSeq,
        limit,
      );
    },

    async insertComment(request): Promise<InsertResult> {
      return withTransaction(pool, async (client) => {
        await lockChangeSeq(client);
        return insert(client, request);
      });
    },

    async getComment(id): Promise<CommentRecord | null> {
      const row = await selectRow(pool, id);
      return row ? toRecord(row) : null;
    },

    async updateComment(id: string, change: CommentUpdate, nowMs: number): Promise<Comment | null> {
      return withTransaction(pool, async (client) => {
        await lockChangeSeq(client);
        const stored = await selectRow(client, id);
        if (!stored) return null;
        const next = applyUpdate(toRecord(stored), change, nowMs, await takeSeq(client));
        const row = toRow({ site: stored.site, ...next });
        await client.query(`UPDATE comments SET ${assignments} WHERE id = $1`, toPgParams(row));
        return toComment(row);
      });
    },

    async holdEdit(id, body, nowMs): Promise<CommentRecord | null> {
      const result = await pool.query<PgCommentRow>(
        `UPDATE comments SET pending_body = $1, pending_at_ms = $2 WHERE id = $3 AND status = 'published'
         RETURNING ${columns}`,
        [body, nowMs, id],
      );
      const row = result.rows[0];
      return row ? toRecord(fromPgRow(row)) : null;
    },

    async queryComments(query): Promise<CommentRecord[]> {
      const conditions = toQueryConditions(query);
      const where = [
        ...conditions.map(({ column, operator }, index) => `${column} ${operator} $${index + 1}`),
        ...hasPendingEditFilter(query),
      ];
      const values: unknown[] = [...conditions.map((condition) => condition.value), Math.max(0, query.limit)];
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const rows = await selectRows(
        `SELECT ${columns} FROM comments ${filter} ORDER BY seq DESC LIMIT $${values.length}`,
        values,
      );
      return rows.map(toRecord);
    },

    async listLatestComments(site, thread, limit): Promise<Comment[]> {
      const rows = await selectRows(
        `SELECT ${columns} FROM comments WHERE site = $1 AND ($2::text IS NULL OR thread = $2) AND status = 'published'
         ORDER BY created_at_ms DESC, id DESC LIMIT $3`,
        [site, thread, Math.max(0, limit)],
      );
      return rows.map(toComment);
    },

    async hasPublishedComment(site, author): Promise<boolean> {
      const result = await pool.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM comments WHERE site = $1 AND status = 'published'
           AND (user_id = $2 OR email = $3 OR ip_hash = $4)) AS found`,
        [site, author.userId, author.email, author.ipHash],
      );
      return result.rows[0]?.found === true;
    },

    async hasRecentDuplicate(site, body, ipHash, sinceMs): Promise<boolean> {
      const result = await pool.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM comments
           WHERE ip_hash = $1 AND created_at_ms >= $2 AND site = $3 AND body = $4) AS found`,
        [ipHash, sinceMs, site, body],
      );
      return result.rows[0]?.found === true;
    },

    async countComments(site, threads): Promise<Map<string, number>> {
      const counts = new Map(threads.map((thread) => [thread, 0]));
      const result = await pool.query<{ thread: string; count: number }>(
        `SELECT thread, COUNT(*) AS count FROM comments
         WHERE site = $1 AND thread = ANY ($2::text[]) AND status = 'published' GROUP BY thread`,
        [site, [...threads]],
      );
      for (const row of result.rows) counts.set(row.thread, row.count);
      return counts;
    },

    async setVote(request): Promise<VoteResult> {
      return withTransaction(pool, async (client) => {
        await lockChangeSeq(client);
        return vote(client, request);
      });
    },

    async listChangedThreads(sinceSeq): Promise<ChangedThreads> {
      // One statement, one snapshot: the threads and lastSeq agree.
      const result = await pool.query<{ site: string | null; thread: string | null; seq: string }>(
        `SELECT site, thread, MAX(seq)::text AS seq FROM comments WHERE seq > $1 GROUP BY site, thread
         UNION ALL SELECT NULL, NULL, COALESCE(MAX(seq), 0)::text FROM comments`,
        [sinceSeq],
      );
      const threads: ChangedThreads['threads'] = [];
      let lastSeq = 0;
      for (const row of result.rows) {
        if (row.site === null || row.thread === null) lastSeq = Number(row.seq);
        else threads.push({ site: row.site, thread: row.thread, seq: Number(row.seq) });
      }
      return { threads, lastSeq };
    },

    async listSiteIds(): Promise<string[]> {
      const result = await pool.query<{ site: string }>('SELECT DISTINCT site FROM comments');
      return result.rows.map((row) => row.site).sort();
    },

    async listVotedIds(site, thread, voterKey, limit): Promise<string[]> {
      const result = await pool.query<{ comment_id: string }>(
        `SELECT v.comment_id FROM votes v JOIN comments c ON c.id = v.comment_id
         WHERE v.voter_key = $1 AND v.site = $2 AND c.thread = $3 AND c.status = 'published'
         ORDER BY v.created_at_ms DESC, v.comment_id COLLATE "C" DESC LIMIT $4`,
        [voterKey, site, thread, limit],
      );
      return result.rows.map((row) => row.comment_id);
    },

    ...createPostgresModeration(pool),
    ...createPostgresAbuseState(pool),
    ...createPostgresAdminViews(pool),
    ...createPostgresJobQueue(pool),
    ...createPostgresNotifications(pool),
    ...createPostgresTransfer(pool),

    async close(): Promise<void> {
      if (!pool.ended && !pool.ending) await pool.end();
    },
  };
}
