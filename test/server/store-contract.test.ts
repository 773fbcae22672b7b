import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { sqliteMigrations } from '../../server/src/store/migrations/sqlite.js';
import { openStore } from '../../server/src/store/open-store.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { makeNewComment, makeTempDir } from './helpers/fixtures.js';
import { tsxLoader } from './helpers/server-process.js';
import { runStoreContract } from './store-contract.js';

// One entry per backend; PostgreSQL (issue #6) adds a factory that creates a fresh schema.
runStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { store, cleanup: () => store.close() };
});

runStoreContract('sqlite file', async () => {
  const temp = await makeTempDir();
  const store = createSqliteStore(path.join(temp.dir, 'nested', 'hearth.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await temp.remove();
    },
  };
});

describe('SQLite store specifics', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  before(async () => {
    temp = await makeTempDir();
  });
  after(async () => {
    await temp.remove();
  });

  it('creates the parent directory, migrates, and sets WAL and FULL sync', async () => {
    const file = path.join(temp.dir, 'a', 'b', 'fresh.db');
    const store = createSqliteStore(file);
    await store.close();
    assert.ok(existsSync(file));
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('user_version', { simple: true }), sqliteMigrations.length);
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comments'")
        .all();
      assert.ok(indexes.some((row) => (row as { name: string }).name === 'comments_thread_seq'));
    } finally {
      db.close();
    }
  });

  it('keeps comments across reopen and continues the sequence', async () => {
    const file = path.join(temp.dir, 'reopen.db');
    const first = createSqliteStore(file);
    const a = await first.insertComment('/t', makeNewComment(), 1);
    await first.close();

    const second = createSqliteStore(file);
    const b = await second.insertComment('/t', makeNewComment(), 2);
    const page = await second.listChanges('/t', 0, 10);
    await second.close();
    assert.ok(a.kind === 'created' && b.kind === 'created');
    assert.ok(b.comment.seq > a.comment.seq);
    assert.deepEqual(page.comments, [a.comment, b.comment]);
  });

  it('shares one sequence between two connections to the same file', async () => {
    const file = path.join(temp.dir, 'two.db');
    const one = createSqliteStore(file);
    const two = createSqliteStore(file);
    const seqs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await (i % 2 ? one : two).insertComment('/t', makeNewComment(), i);
      assert.ok(result.kind === 'created');
      seqs.push(result.comment.seq);
    }
    await Promise.all([one.close(), two.close()]);
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => x - y),
    );
    assert.equal(new Set(seqs).size, seqs.length);
  });

  it('gives distinct, gap-free seqs to two processes writing the same file at once', async () => {
    const file = path.join(temp.dir, 'processes.db');
    await createSqliteStore(file).close();
    const writer = fileURLToPath(new URL('./helpers/sqlite-writer.ts', import.meta.url));
    const run = (thread: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', tsxLoader, writer, file, '150', thread], {
          stdio: 'inherit',
        });
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`)),
        );
      });
    await Promise.all([run('/p1'), run('/p2')]);

    const db = new Database(file, { readonly: true });
    try {
      const seqs = db.prepare('SELECT seq FROM comments ORDER BY seq').pluck().all() as number[];
      assert.equal(seqs.length, 300);
      assert.deepEqual(
        seqs,
        [...Array(300).keys()].map((i) => i + 1),
      );
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer schema version', async () => {
    const file = path.join(temp.dir, 'future.db');
    const db = new Database(file);
    db.pragma(`user_version = ${sqliteMigrations.length + 1}`);
    db.close();
    assert.throws(() => createSqliteStore(file), /newer than this server knows/);
  });
});

describe('openStore', () => {
  it('opens sqlite: paths relative to the base directory', async () => {
    const temp = await makeTempDir();
    try {
      const store = await openStore('sqlite:data/relative.db', temp.dir);
      await store.close();
      assert.ok(existsSync(path.join(temp.dir, 'data', 'relative.db')));
    } finally {
      await temp.remove();
    }
  });

  it('opens memory: and sqlite::memory:', async () => {
    for (const url of ['memory:', 'sqlite::memory:']) {
      const store = await openStore(url);
      const result = await store.insertComment('/t', makeNewComment(), 0);
      assert.equal(result.kind, 'created', url);
      await store.close();
    }
  });

  it('explains that PostgreSQL is not there yet, without echoing the URL', async () => {
    await assert.rejects(openStore('postgres://hearth:secret@db/hearth'), (error: Error) => {
      assert.match(error.message, /PostgreSQL support arrives in issue #6/);
      assert.doesNotMatch(error.message, /secret/);
      return true;
    });
  });

  it('names DATABASE_URL for anything else', async () => {
    for (const url of ['mysql://u:secret@h/db', 'data/hearth.db', 'sqlite:']) {
      await assert.rejects(
        openStore(url),
        (error: Error) => {
          assert.match(error.message, /DATABASE_URL/);
          assert.doesNotMatch(error.message, /secret/);
          return true;
        },
        url,
      );
    }
  });
});
