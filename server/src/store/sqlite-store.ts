import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CommentStatus, type Comment, type NewComment } from '../../../src/protocol/index.js';
import type { ChangePage, CommentStore, InsertResult } from './comment-store.js';
import { sqliteMigrations } from './migrations/sqlite.js';
import { isSameComment } from './same-comment.js';

interface CommentRow {
  id: string;
  thread: string;
  parent_id: string | null;
  author_name: string;
  body: string;
  status: string;
  created_at_ms: number;
  updated_at_ms: number;
  seq: number;
}

const columns = 'id, thread, parent_id, author_name, body, status, created_at_ms, updated_at_ms, seq';

/**
 * A store in one SQLite file (created with its directory if missing), migrated on open.
 * WAL lets readers run during a write; `synchronous = FULL` makes every acknowledged write
 * survive a kill -9 or power loss; each insert is one `BEGIN IMMEDIATE` transaction, so
 * several processes can share the file and still get distinct, increasing seqs.
 * `:memory:` opens a private in-memory database.
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
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const selectById = db.prepare<[string], CommentRow>(`SELECT ${columns} FROM comments WHERE id = ?`);
  const selectChanges = db.prepare<[string, number, number], CommentRow>(
    `SELECT ${columns} FROM comments WHERE thread = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const nextSeq = db.prepare<[], { value: number }>(
    'UPDATE change_seq SET value = value + 1 RETURNING value',
  );
  const insertRow = db.prepare<[CommentRow]>(
    `INSERT INTO comments (${columns}) VALUES
     (@id, @thread, @parent_id, @author_name, @body, @status, @created_at_ms, @updated_at_ms, @seq)`,
  );

  const insert = db.transaction((thread: string, input: NewComment, nowMs: number): InsertResult => {
    const stored = selectById.get(input.id);
    if (stored) {
      const comment = toComment(stored);
      return { kind: isSameComment(comment, thread, input) ? 'existing' : 'conflict', comment };
    }
    const parentId = input.parentId ?? null;
    if (parentId !== null && selectById.get(parentId)?.thread !== thread) return { kind: 'unknown-parent' };

    const seq = nextSeq.get()?.value;
    if (seq === undefined) throw new Error('The change_seq row is missing; the database is damaged.');
    const row: CommentRow = {
      id: input.id,
      thread,
      parent_id: parentId,
      author_name: input.authorName,
      body: input.body,
      status: CommentStatus.published,
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
      seq,
    };
    insertRow.run(row);
    return { kind: 'created', comment: toComment(row) };
  });

  return {
    async listChanges(thread: string, sinceSeq: number, limit: number): Promise<ChangePage> {
      // One row past the limit tells whether another page follows.
      const rows = selectChanges.all(thread, sinceSeq, limit + 1);
      const comments = rows.slice(0, limit).map(toComment);
      return { comments, lastSeq: comments.at(-1)?.seq ?? sinceSeq, more: rows.length > limit };
    },

    async insertComment(thread: string, input: NewComment, nowMs: number): Promise<InsertResult> {
      // IMMEDIATE takes the write lock up front, so the existence checks and the seq bump
      // see the same database state even with another process writing the file.
      return insert.immediate(thread, input, nowMs);
    },

    async close(): Promise<void> {
      if (db.open) db.close();
    },
  };
}

/** Applies pending migrations, each in its own IMMEDIATE transaction with its version bump. */
function migrate(db: Database.Database): void {
  const step = db.transaction((): boolean => {
    // Read inside the transaction: another process may have migrated while we waited.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > sqliteMigrations.length) {
      throw new Error(
        `The database is at schema version ${version}, newer than this server knows (${sqliteMigrations.length}). Upgrade Hearth.`,
      );
    }
    const migration = sqliteMigrations[version];
    if (migration === undefined) return false;
    db.exec(migration);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // Each pass applies one migration.
  }
}

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    thread: row.thread,
    parentId: row.parent_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: new Date(row.created_at_ms).toISOString(),
    updatedAt: new Date(row.updated_at_ms).toISOString(),
    status: row.status as Comment['status'],
    seq: row.seq,
  };
}
