import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ImportBan, ImportComment, ImportThread, ImportVote } from './import-item.js';

/** A source's comment as staged: its record with the converted body in place of its own. */
export interface StagedComment {
  item: Omit<ImportComment, 'body'>;
  /** The id it is stored under. */
  targetId: string;
  /** Hearth markdown, fitted to the limits; '' when the source body was empty or is dropped. */
  body: string;
  truncated: boolean;
}

/**
 * The import's scratch database: a SQLite file in a private temporary folder holding every
 * record of the source while the import decides what becomes of each, so memory stays flat
 * whatever the size of the file and replies may come before their parents. Nothing in it is
 * durable: journaling is off, and `close` deletes the folder.
 */
export function createImportStaging() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hearth-import-'));
  const db = new Database(path.join(dir, 'staging.db'));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE threads (
      ref TEXT PRIMARY KEY NOT NULL,
      url TEXT,
      exact_key TEXT,
      locked INTEGER NOT NULL,
      thread_key TEXT,
      refusal TEXT
    ) STRICT;
    CREATE TABLE comments (
      n INTEGER PRIMARY KEY,
      thread_ref TEXT NOT NULL,
      source_id TEXT NOT NULL,
      parent_source_id TEXT,
      target_id TEXT NOT NULL,
      state TEXT NOT NULL,
      line INTEGER NOT NULL,
      staged TEXT NOT NULL,
      has_body INTEGER NOT NULL,
      depth INTEGER,
      is_orphan INTEGER NOT NULL DEFAULT 0,
      keep INTEGER NOT NULL DEFAULT 0,
      UNIQUE (thread_ref, source_id)
    ) STRICT;
    CREATE INDEX comments_children ON comments (thread_ref, parent_source_id);
    CREATE TABLE votes (
      thread_ref TEXT NOT NULL,
      comment_source_id TEXT NOT NULL,
      voter TEXT NOT NULL,
      created_at_ms INTEGER,
      PRIMARY KEY (thread_ref, comment_source_id, voter)
    ) STRICT;
    CREATE TABLE bans (n INTEGER PRIMARY KEY, ban TEXT NOT NULL) STRICT;
    CREATE TABLE depths (n INTEGER PRIMARY KEY, depth INTEGER NOT NULL) STRICT;
  `);

  const insertThread = db.prepare<[string, string | null, string | null, number]>(
    `INSERT INTO threads (ref, url, exact_key, locked) VALUES (?, ?, ?, ?)
     ON CONFLICT (ref) DO UPDATE SET url = coalesce(threads.url, excluded.url),
       exact_key = coalesce(threads.exact_key, excluded.exact_key), locked = max(threads.locked, excluded.locked)`,
  );
  const insertComment = db.prepare<[string, string, string | null, string, string, number, string, number]>(
    `INSERT INTO comments (thread_ref, source_id, parent_source_id, target_id, state, line, staged, has_body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (thread_ref, source_id) DO NOTHING`,
  );
  // A Hearth export is not a snapshot: a comment changed while it ran comes again, newer.
  const replaceComment = db.prepare<[string, string, number, string, string]>(
    `UPDATE comments SET state = ?, staged = ?, has_body = ? WHERE thread_ref = ? AND source_id = ?`,
  );
  const selectFirstLine = db
    .prepare<[string, string], number>('SELECT line FROM comments WHERE thread_ref = ? AND source_id = ?')
    .pluck();
  const insertVote = db.prepare<[string, string, string, number | null]>(
    'INSERT INTO votes VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const insertBan = db.prepare<[string]>('INSERT INTO bans (ban) VALUES (?)');
  const selectVotes = db.prepare<[string, string], { voter: string; created_at_ms: number | null }>(
    'SELECT voter, created_at_ms FROM votes WHERE thread_ref = ? AND comment_source_id = ?',
  );

  // Staging writes go in one transaction per this many records: fast, and nothing is durable anyway.
  const recordsPerTransaction = 5000;
  let pending = 0;
  function count(): void {
    if (!db.inTransaction) db.exec('BEGIN');
    pending += 1;
    if (pending >= recordsPerTransaction) {
      db.exec('COMMIT');
      pending = 0;
    }
  }

  return {
    addThread(thread: ImportThread): void {
      count();
      insertThread.run(thread.ref, thread.url, thread.key ?? null, thread.locked ? 1 : 0);
    },

    /**
     * Stages a comment; returns the line of the record that holds its id already, or null. With
     * `isRepeatNewer`, a repeat replaces what was staged instead (and null is returned).
     */
    addComment(staged: StagedComment, isRepeatNewer = false): number | null {
      count();
      const { item } = staged;
      const result = insertComment.run(
        item.threadRef,
        item.sourceId,
        item.parentSourceId,
        staged.targetId,
        item.state,
        item.position.line,
        JSON.stringify(staged),
        staged.body === '' ? 0 : 1,
      );
      if (result.changes === 1) return null;
      if (!isRepeatNewer) return selectFirstLine.get(item.threadRef, item.sourceId) ?? 0;
      replaceComment.run(
        item.state,
        JSON.stringify(staged),
        staged.body === '' ? 0 : 1,
        item.threadRef,
        item.sourceId,
      );
      return null;
    },

    addVote(vote: ImportVote): void {
      count();
      insertVote.run(vote.threadRef, vote.commentSourceId, vote.voter, vote.createdAtMs);
    },

    addBan(ban: ImportBan): void {
      count();
      insertBan.run(JSON.stringify(ban));
    },

    /** Ends the staging writes. */
    finishStaging(): void {
      if (db.inTransaction) db.exec('COMMIT');
      pending = 0;
    },

    /** Every staged thread, for `assignThreadKeys`. */
    listThreads(): { ref: string; url: string | null; exactKey: string | null; locked: boolean }[] {
      return db
        .prepare<[], { ref: string; url: string | null; exact_key: string | null; locked: number }>(
          'SELECT ref, url, exact_key, locked FROM threads',
        )
        .all()
        .map((row) => ({ ref: row.ref, url: row.url, exactKey: row.exact_key, locked: row.locked === 1 }));
    },

    /** Records each thread's key, or why it has none (its comments are then skipped for it). */
    assignThreadKeys(keys: ReadonlyMap<string, { key: string | null; refusal: string | null }>): void {
      const update = db.prepare<[string | null, string | null, string]>(
        'UPDATE threads SET thread_key = ?, refusal = ? WHERE ref = ?',
      );
      db.transaction(() => {
        for (const [ref, { key, refusal }] of keys) update.run(key, refusal, ref);
      })();
    },

    db,
    /** Whether any vote was staged. */
    hasVotes: () => db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM votes)').pluck().get() === 1,
    listVotes: (threadRef: string, sourceId: string) => selectVotes.all(threadRef, sourceId),

    *listBans(): Generator<ImportBan> {
      for (const { ban } of db.prepare<[], { ban: string }>('SELECT ban FROM bans ORDER BY n').iterate()) {
        yield JSON.parse(ban) as ImportBan;
      }
    },

    close(): void {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ImportStaging = ReturnType<typeof createImportStaging>;
