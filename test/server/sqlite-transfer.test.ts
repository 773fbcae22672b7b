import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { migrateSqlite } from '../../server/src/store/migrations/sqlite.js';
import { createSqliteTransfer } from '../../server/src/store/sqlite-transfer.js';
import type { ImportedComment } from '../../server/src/store/site-transfer-store.js';
import { makeTempDir } from './helpers/fixtures.js';
import { imported } from './store-contract-transfer.js';

/** A comment of about 8 KB: 1,000 of them fill more than SQLite's 1,000 pages of WAL. */
function bigComment(index: number): ImportedComment {
  return imported(`/posts/${index % 7}/`, Date.UTC(2020, 0, 1, 0, index), {
    body: `Comment ${index}: ${'words '.repeat(1300)}`,
  });
}

it("SQLite import batches leave their pages in the WAL, and the connection's own writes checkpoint as before", async () => {
  const temp = await makeTempDir();
  const file = path.join(temp.dir, 'site.db');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    migrateSqlite(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const emptySize = statSync(file).size;

    const comments = Array.from({ length: 1000 }, (_, index) => bigComment(index));
    const result = await createSqliteTransfer(db).importComments(comments, []);

    assert.deepEqual(result, { added: 1000, present: 0 });
    assert.equal(db.prepare('SELECT COUNT(*) FROM comments').pluck().get(), 1000);
    // No checkpoint at the batch's commit: the database file holds none of its pages yet.
    assert.equal(statSync(file).size, emptySize);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
    // An ordinary write's commit checkpoints the WAL, now past 1,000 pages, into the file.
    db.prepare("UPDATE comments SET author_name = 'Renamed' WHERE id = ?").run(comments[0]!.comment.id);
    assert.ok(statSync(file).size > emptySize + 8_000_000, `${statSync(file).size} bytes`);
  } finally {
    db.close();
    await temp.remove();
  }
});
