import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Comment } from '../../../src/protocol/index.js';
import type {
  AuditEntry,
  Ban,
  ChangePage,
  ChangeSpan,
  CommentInsert,
  CommentQuery,
  CommentRecord,
  ChangedThreads,
  CommentStore,
  CommentUpdate,
  InsertResult,
  VoteRequest,
  VoteResult,
} from './comment-store.js';
import { toBodyTreeColumn, toFeedComment } from './body-tree.js';
import { migrateSqlite } from './migrations/sqlite.js';
import {
  answerStoredId,
  checkVote,
  hasPendingEditFilter,
  isParentOf,
  toInsertRow,
  toQueryConditions,
} from './row-store-rules.js';
import { createSqliteAbuseState } from './sqlite-abuse-state.js';
import { createSqliteAdminViews } from './sqlite-admin-views.js';
import { createSqliteJobQueue } from './sqlite-job-queue.js';
import { createSqliteNotifications } from './sqlite-notifications.js';
import { createSqliteTransfer } from './sqlite-transfer.js';
import {
  banColumns,
  commentColumns as columns,
  toAuditEntry,
  toBan,
  toComment,
  toRecord,
  toRow,
  type AuditRow,
  type BanMatch,
  type BanRow,
  type CommentRow,
} from './sql-rows.js';
import { applyUpdate, canonicalEmailSql, canonicalizeEmail, spanOf } from './store-rules.js';

const params = columns.replace(/(\w+)/g, '@$1');

/**
 * Gives the rows written before bodies' trees were kept (schema 6) their `body_tree`, once,
 * in one transaction: the feed then sends their trees too. Another process filling the same
 * rows at once writes the same values.
 */
function fillBodyTrees(db: Database.Database): void {
  const missing = db.prepare<[], { id: string; body: string }>(
    'SELECT id, body FROM comments WHERE body_tree IS NULL',
  );
  const fill = db.prepare<[string, string]>(
    'UPDATE comments SET body_tree = ? WHERE id = ? AND body_tree IS NULL',
  );
  db.transaction(() => {
    for (const { id, body } of missing.all()) fill.run(toBodyTreeColumn(body), id);
  }).immediate();
}

/**
 * A store in one SQLite file (created with its directory if missing), migrated on open.
 * WAL lets readers run during a write; `synchronous = FULL` makes every acknowledged write
 * survive a kill -9 or power loss; each comment write is one `BEGIN IMMEDIATE` transaction
 * that takes the next change_seq, so several processes can share the file and still get
 * distinct, increasing seqs. `:memory:` opens a private in-memory database.
 */
export function createSqliteStore(file: string): CommentStore {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    // busy_timeout first: switching to WAL itself waits on a lock another process may hold.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db);
    fillBodyTrees(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const selectById = db.prepare<[string], CommentRow>(`SELECT ${columns} FROM comments WHERE id = ?`);
  const selectLatest = db.prepare<[string, number], CommentRow>(
    `SELECT ${columns} FROM comments WHERE site = ? AND status = 'published'
     ORDER BY created_at_ms DESC, id DESC LIMIT ?`,
  );
  const selectLatestInThread = db.prepare<[string, string, number], CommentRow>(
    `SELECT ${columns} FROM comments WHERE site = ? AND thread = ? AND status = 'published'
     ORDER BY created_at_ms DESC, id DESC LIMIT ?`,
  );
  // Held rows are skipped but keep their seq: approval gives them a new one the cursor has not passed.
  const selectChanges = db.prepare<[string, string, number, number], CommentRow>(
    `SELECT ${columns} FROM comments WHERE site = ? AND thread = ? AND seq > ? AND status != 'held'
     ORDER BY seq LIMIT ?`,
  );
  const selectChangeSeqs = db
    .prepare<[string, string, number, number], number>(
      `SELECT seq FROM comments WHERE site = ? AND thread = ? AND seq > ? AND status != 'held'
       ORDER BY seq LIMIT ?`,
    )
    .pluck();
  const nextSeq = db.prepare<[], { value: number }>(
    'UPDATE change_seq SET value = value + 1 RETURNING value',
  );
  const insertRow = db.prepare<[CommentRow]>(`INSERT INTO comments (${columns}) VALUES (${params})`);
  const updateRow = db.prepare<[CommentRow]>(
    `UPDATE comments SET ${columns
      .split(', ')
      .filter((column) => column !== 'id')
      .map((column) => `${column} = @${column}`)
      .join(', ')} WHERE id = @id`,
  );
  const publishedBy = (column: 'user_id' | 'email' | 'ip_hash') =>
    db
      .prepare<[string, string], number>(
        `SELECT EXISTS (SELECT 1 FROM comments WHERE ${column} = ? AND site = ? AND status = 'published')`,
      )
      .pluck();
  const hasPublished = {
    userId: publishedBy('user_id'),
    email: publishedBy('email'),
    ipHash: publishedBy('ip_hash'),
  };
  const selectDuplicate = db
    .prepare<[string, number, string, string], number>(
      `SELECT EXISTS (SELECT 1 FROM comments
       WHERE ip_hash = ? AND created_at_ms >= ? AND site = ? AND body = ?)`,
    )
    .pluck();
  // json_each takes the whole list as one parameter, however many threads are asked.
  const selectCounts = db.prepare<[string, string], { thread: string; count: number }>(
    `SELECT thread, COUNT(*) AS count FROM comments
     WHERE site = ? AND thread IN (SELECT value FROM json_each(?)) AND status = 'published'
     GROUP BY thread`,
  );
  const insertVote = db.prepare<[string, string, string, number, string | null]>(
    `INSERT INTO votes (site, comment_id, voter_key, created_at_ms, network_key) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (comment_id, voter_key) DO NOTHING`,
  );
  const selectVoteExists = db
    .prepare<[string, string], number>(
      'SELECT EXISTS (SELECT 1 FROM votes WHERE comment_id = ? AND voter_key = ?)',
    )
    .pluck();
  const selectNetworkVoted = db
    .prepare<[string, string], number>(
      'SELECT EXISTS (SELECT 1 FROM votes WHERE comment_id = ? AND network_key = ?)',
    )
    .pluck();
  const updatePendingEdit = db.prepare<[string, number, string], CommentRow>(
    `UPDATE comments SET pending_body = ?, pending_at_ms = ? WHERE id = ? AND status = 'published'
     RETURNING ${columns}`,
  );
  const deleteVote = db.prepare<[string, string]>('DELETE FROM votes WHERE comment_id = ? AND voter_key = ?');
  const selectChangedThreads = db.prepare<[number], { site: string; thread: string; seq: number }>(
    'SELECT site, thread, MAX(seq) AS seq FROM comments WHERE seq > ? GROUP BY site, thread',
  );
  const selectLastSeq = db.prepare<[], number>('SELECT COALESCE(MAX(seq), 0) FROM comments').pluck();
  const selectSiteIds = db.prepare<[], string>('SELECT DISTINCT site FROM comments').pluck();
  const selectVotedIds = db
    .prepare<[string, string, string, number], string>(
      `SELECT v.comment_id FROM votes v JOIN comments c ON c.id = v.comment_id
       WHERE v.voter_key = ? AND v.site = ? AND c.thread = ? AND c.status = 'published'
       ORDER BY v.created_at_ms DESC, v.comment_id COLLATE BINARY DESC LIMIT ?`,
    )
    .pluck();
  const moveVotes = db.prepare<[number, number, string], CommentRow>(
    `UPDATE comments SET votes = votes + ?, seq = ? WHERE id = ? RETURNING ${columns}`,
  );
  const selectLocked = db
    .prepare<[string, string], number>('SELECT locked FROM threads WHERE site = ? AND thread = ?')
    .pluck();
  const lockThread = db.prepare<[string, string]>(
    `INSERT INTO threads (site, thread, locked) VALUES (?, ?, 1)
     ON CONFLICT (site, thread) DO UPDATE SET locked = 1`,
  );
  const unlockThread = db.prepare<[string, string]>('DELETE FROM threads WHERE site = ? AND thread = ?');
  const insertBan = db.prepare<[Omit<BanRow, 'id'>], BanRow>(
    `INSERT INTO bans (site, kind, value, reason, created_at_ms, created_by)
     VALUES (@site, @kind, @value, @reason, @created_at_ms, @created_by) RETURNING ${banColumns}`,
  );
  const deleteBan = db.prepare<[number]>('DELETE FROM bans WHERE id = ?');
  const selectBans = db.prepare<[string], BanRow>(
    `SELECT ${banColumns} FROM bans WHERE site = ? ORDER BY id`,
  );
  // A null never equals anything, so a missing identifier matches no ban.
  const selectBan = db.prepare<[BanMatch], BanRow>(
    `SELECT ${banColumns} FROM bans WHERE site = @site AND (
       (kind = 'user' AND value = @userId) OR (kind = 'email' AND ${canonicalEmailSql('instr')} = @email)
       OR (kind = 'ip' AND value = @ipHash)
     ) ORDER BY id LIMIT 1`,
  );
  const insertAudit = db.prepare<[Omit<AuditRow, 'id'>]>(
    `INSERT INTO audit (at_ms, actor, action, site, target, detail)
     VALUES (@at_ms, @actor, @action, @site, @target, @detail)`,
  );
  const selectAudit = db.prepare<[number], AuditRow>(
    'SELECT id, at_ms, actor, action, site, target, detail FROM audit ORDER BY id DESC LIMIT ?',
  );
  // OR IGNORE then SELECT: when two processes race, both read the one value that won.
  const insertSecret = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)',
  );
  const selectSecret = db.prepare<[string], string>('SELECT value FROM secrets WHERE name = ?').pluck();

  function takeSeq(): number {
    const seq = nextSeq.get()?.value;
    if (seq === undefined) throw new Error('The change_seq row is missing; the database is damaged.');
    return seq;
  }

  const insert = db.transaction((request: CommentInsert): InsertResult => {
    const stored = selectById.get(request.input.id);
    if (stored) return answerStoredId(stored, request);
    const parentId = request.input.parentId ?? null;
    if (parentId !== null && !isParentOf(selectById.get(parentId), request))
      return { kind: 'unknown-parent' };
    const row = toInsertRow(request, takeSeq());
    insertRow.run(row);
    return { kind: 'created', comment: toComment(row) };
  });

  const update = db.transaction((id: string, change: CommentUpdate, nowMs: number): Comment | null => {
    const stored = selectById.get(id);
    if (!stored) return null;
    const next = applyUpdate(toRecord(stored), change, nowMs, takeSeq());
    const row = toRow({ site: stored.site, ...next });
    updateRow.run(row);
    return toComment(row);
  });

  const vote = db.transaction((request: VoteRequest): VoteResult => {
    const { site, commentId, voterKey, isUp, nowMs } = request;
    const networkKey = request.networkKey ?? null;
    const check = checkVote(selectById.get(commentId), site);
    if (check.kind === 'refused') return check.result;
    // The voter's own vote first: a retried vote that counted answers unchanged, not limited.
    if (
      isUp &&
      networkKey !== null &&
      selectVoteExists.get(commentId, voterKey) === 0 &&
      selectNetworkVoted.get(commentId, networkKey) === 1
    ) {
      return { kind: 'network-limited', comment: toComment(check.row) };
    }
    const changes = isUp
      ? insertVote.run(site, commentId, voterKey, nowMs, networkKey).changes
      : deleteVote.run(commentId, voterKey).changes;
    if (changes === 0) return { kind: 'unchanged', comment: toComment(check.row) };
    const row = moveVotes.get(isUp ? 1 : -1, takeSeq(), commentId);
    if (!row) throw new Error(`The comment ${commentId} vanished during a vote.`);
    return { kind: 'changed', comment: toComment(row) };
  });

  const appendSecret = db.transaction((name: string): string => {
    insertSecret.run(name, randomBytes(32).toString('base64url'));
    const value = selectSecret.get(name);
    if (value === undefined) throw new Error(`The secret ${name} could not be stored.`);
    return value;
  });

  return {
    async listChanges(site, thread, sinceSeq, limit): Promise<ChangePage> {
      const count = Math.max(0, limit);
      // One row past the limit tells whether another page follows.
      const rows = selectChanges.all(site, thread, sinceSeq, count + 1);
      const comments = rows.slice(0, count).map((row) => toFeedComment(toComment(row), row.body_tree));
      return { comments, lastSeq: comments.at(-1)?.seq ?? sinceSeq, more: rows.length > count };
    },

    async peekChanges(site, thread, sinceSeq, limit): Promise<ChangeSpan> {
      return spanOf(selectChangeSeqs.all(site, thread, sinceSeq, Math.max(0, limit) + 1), sinceSeq, limit);
    },

    async insertComment(request): Promise<InsertResult> {
      // IMMEDIATE takes the write lock up front, so the existence checks and the seq bump
      // see the same database state even with another process writing the file.
      return insert.immediate(request);
    },

    async getComment(id): Promise<CommentRecord | null> {
      const row = selectById.get(id);
      return row ? toRecord(row) : null;
    },

    async updateComment(id, change, nowMs): Promise<Comment | null> {
      return update.immediate(id, change, nowMs);
    },

    async holdEdit(id, body, nowMs): Promise<CommentRecord | null> {
      const row = updatePendingEdit.get(body, nowMs, id);
      return row ? toRecord(row) : null;
    },

    async queryComments(query: CommentQuery): Promise<CommentRecord[]> {
      const conditions = toQueryConditions(query);
      const where = [
        ...conditions.map(({ column, operator }) => `${column} ${operator} ?`),
        ...hasPendingEditFilter(query),
      ];
      const values = conditions.map((condition) => condition.value);
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const rows = db
        .prepare<Array<string | number>, CommentRow>(
          `SELECT ${columns} FROM comments ${filter} ORDER BY seq DESC LIMIT ?`,
        )
        .all(...values, Math.max(0, query.limit));
      return rows.map(toRecord);
    },

    async listLatestComments(site, thread, limit): Promise<Comment[]> {
      const rows =
        thread === null
          ? selectLatest.all(site, Math.max(0, limit))
          : selectLatestInThread.all(site, thread, Math.max(0, limit));
      return rows.map(toComment);
    },

    async hasPublishedComment(site, author): Promise<boolean> {
      return (['userId', 'email', 'ipHash'] as const).some((key) => {
        const value = author[key];
        return value !== null && hasPublished[key].get(value, site) === 1;
      });
    },

    async hasRecentDuplicate(site, body, ipHash, sinceMs): Promise<boolean> {
      return selectDuplicate.get(ipHash, sinceMs, site, body) === 1;
    },

    async countComments(site, threads): Promise<Map<string, number>> {
      const counts = new Map(threads.map((thread) => [thread, 0]));
      for (const row of selectCounts.all(site, JSON.stringify(threads))) counts.set(row.thread, row.count);
      return counts;
    },

    async setVote(request): Promise<VoteResult> {
      return vote.immediate(request);
    },

    async listChangedThreads(sinceSeq): Promise<ChangedThreads> {
      // One read transaction: the threads and lastSeq agree.
      return db.transaction(() => ({
        threads: selectChangedThreads.all(sinceSeq),
        lastSeq: selectLastSeq.get() ?? 0,
      }))();
    },

    async listSiteIds(): Promise<string[]> {
      return selectSiteIds.all().sort();
    },

    async listVotedIds(site, thread, voterKey, limit): Promise<string[]> {
      return selectVotedIds.all(voterKey, site, thread, limit);
    },

    async getThreadState(site, thread) {
      return { locked: selectLocked.get(site, thread) === 1 };
    },

    async setThreadLocked(site, thread, locked): Promise<void> {
      (locked ? lockThread : unlockThread).run(site, thread);
    },

    async addBan(ban, nowMs): Promise<Ban> {
      const row = insertBan.get({
        site: ban.site,
        kind: ban.kind,
        value: ban.value,
        reason: ban.reason,
        created_at_ms: nowMs,
        created_by: ban.createdBy,
      });
      if (!row) throw new Error('The ban was not stored.');
      return toBan(row);
    },

    async removeBan(id): Promise<boolean> {
      return deleteBan.run(id).changes > 0;
    },

    async listBans(site): Promise<Ban[]> {
      return selectBans.all(site).map(toBan);
    },

    async findBan(site, match): Promise<Ban | null> {
      const email = match.email === null ? null : canonicalizeEmail(match.email);
      const row = selectBan.get({ site, userId: match.userId, email, ipHash: match.ipHash });
      return row ? toBan(row) : null;
    },

    async appendAudit(entry, nowMs): Promise<void> {
      insertAudit.run({
        at_ms: nowMs,
        actor: entry.actor,
        action: entry.action,
        site: entry.site,
        target: entry.target,
        detail: entry.detail,
      });
    },

    async listAudit(limit): Promise<AuditEntry[]> {
      return selectAudit.all(Math.max(0, limit)).map(toAuditEntry);
    },

    async readSecret(name): Promise<string> {
      return selectSecret.get(name) ?? appendSecret.immediate(name);
    },

    ...createSqliteAbuseState(db),
    ...createSqliteAdminViews(db),
    ...createSqliteJobQueue(db),
    ...createSqliteNotifications(db),
    ...createSqliteTransfer(db),

    async close(): Promise<void> {
      if (db.open) db.close();
    },
  };
}
