import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { sqliteMigrations } from '../../server/src/store/migrations/sqlite.js';
import { openStore } from '../../server/src/store/open-store.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { makeAuthor, makeTempDir } from './helpers/fixtures.js';
import { openPostgresFixture, useTestPostgres } from './helpers/postgres.js';
import { tsxLoader } from './helpers/server-process.js';
import { makeInsert, runStoreContract } from './store-contract.js';

const testPg = await useTestPostgres();

// One entry per backend.
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

runStoreContract('sqlite :memory:', async () => {
  const store = createSqliteStore(':memory:');
  return { store, cleanup: () => store.close() };
});

if (testPg) {
  runStoreContract('postgres', () => openPostgresFixture(testPg));
}

const storeModule = pathToFileURL(path.resolve('server/src/store/sqlite-store.ts')).href;

/**
 * Runs `code` (an ES module with `createSqliteStore` in scope and `args` = the extra
 * arguments) in a child Node process and resolves with what it printed.
 */
function runChild(code: string, args: string[]): Promise<string> {
  const script = `const { createSqliteStore } = await import(${JSON.stringify(storeModule)});
    const args = process.argv.slice(1);
    ${code}`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', tsxLoader, '--input-type=module', '--eval', script, ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`child exited with ${code}`)),
    );
  });
}

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
      const names = indexes.map((row) => (row as { name: string }).name);
      for (const name of ['comments_site_thread_seq', 'comments_status_seq', 'comments_ip_created']) {
        assert.ok(names.includes(name), name);
      }
    } finally {
      db.close();
    }
  });

  it('keeps comments across reopen and continues the sequence', async () => {
    const file = path.join(temp.dir, 'reopen.db');
    const first = createSqliteStore(file);
    const a = await first.insertComment(makeInsert('/t', { at: 1 }));
    await first.close();

    const second = createSqliteStore(file);
    const b = await second.insertComment(makeInsert('/t', { at: 2 }));
    const page = await second.listChanges('demo', '/t', 0, 10);
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
      const result = await (i % 2 ? one : two).insertComment(makeInsert('/t', { at: i }));
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
    const writer = `
      const [file, count, thread] = args;
      const store = createSqliteStore(file);
      const author = { authorTokenHash: null, userId: null, email: null, ipHash: null, verified: false, avatarUrl: null };
      for (let i = 0; i < Number(count); i++) {
        const input = { id: crypto.randomUUID(), authorName: 'Ada', body: 'comment ' + i };
        const result = await store.insertComment({ site: 'demo', thread, input, author, status: 'published', nowMs: Date.now() });
        if (result.kind !== 'created') throw new Error('insert ' + i + ': ' + result.kind);
      }
      await store.close();`;
    const run = (thread: string) => runChild(writer, [file, '150', thread]);
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

  it('upgrades a database from schema 1: old rows belong to site demo with default new fields', async () => {
    const file = path.join(temp.dir, 'v1.db');
    const db = new Database(file);
    db.exec(sqliteMigrations[0]!);
    db.pragma('user_version = 1');
    db.prepare(
      `INSERT INTO comments (id, thread, parent_id, author_name, body, status, created_at_ms, updated_at_ms, seq)
       VALUES ('11111111-1111-4111-8111-111111111111', '/old', NULL, 'Ada', 'From before sites', 'published', 1000, 2000, 1)`,
    ).run();
    db.prepare('UPDATE change_seq SET value = 1').run();
    db.close();

    const store = createSqliteStore(file);
    try {
      const old = {
        id: '11111111-1111-4111-8111-111111111111',
        thread: '/old',
        parentId: null,
        authorName: 'Ada',
        body: 'From before sites',
        createdAt: new Date(1000).toISOString(),
        updatedAt: new Date(2000).toISOString(),
        status: 'published' as const,
        editedAt: null,
        verified: false,
        avatarUrl: null,
        pinned: false,
        votes: 0,
        seq: 1,
      };
      assert.deepEqual(await store.listChanges('demo', '/old', 0, 10), {
        comments: [old],
        lastSeq: 1,
        more: false,
      });
      assert.deepEqual((await store.listChanges('blog', '/old', 0, 10)).comments, []);
      assert.deepEqual(await store.getComment(old.id), {
        site: 'demo',
        comment: old,
        author: makeAuthor(),
      });
      const next = await store.insertComment(makeInsert('/old', { input: { parentId: old.id } }));
      assert.ok(next.kind === 'created' && next.comment.seq === 2, 'the sequence continues');
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      assert.equal(check.pragma('user_version', { simple: true }), sqliteMigrations.length);
    } finally {
      check.close();
    }
  });

  it('keeps a secret across reopening the file and between two stores on it', async () => {
    const file = path.join(temp.dir, 'secret.db');
    const first = createSqliteStore(file);
    const secret = await first.readSecret('server');
    await first.close();
    const [one, two] = [createSqliteStore(file), createSqliteStore(file)];
    try {
      assert.equal(await one.readSecret('server'), secret);
      const fresh = await two.readSecret('fresh');
      assert.equal(await one.readSecret('fresh'), fresh);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('gives two processes that create a secret at once the same value', async () => {
    const file = path.join(temp.dir, 'secret-race.db');
    await createSqliteStore(file).close();
    const reader = `
      const store = createSqliteStore(args[0]);
      const secrets = [];
      for (let i = 0; i < 20; i++) secrets.push(await store.readSecret('race-' + i));
      await store.close();
      process.stdout.write(JSON.stringify(secrets));`;
    const outputs = await Promise.all([runChild(reader, [file]), runChild(reader, [file])]);
    const [a, b] = outputs.map((output) => JSON.parse(output) as string[]);
    assert.equal(a!.length, 20);
    assert.deepEqual(a, b);
    const store = createSqliteStore(file);
    try {
      assert.equal(await store.readSecret('race-7'), a![7]);
    } finally {
      await store.close();
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
      const result = await store.insertComment(makeInsert('/t', { at: 0 }));
      assert.equal(result.kind, 'created', url);
      await store.close();
    }
  });

  it('opens postgres:// and postgresql:// URLs', { skip: testPg ? false : 'no PostgreSQL' }, async () => {
    const schema = await testPg!.createSchema();
    try {
      for (const url of [schema.url, schema.url.replace(/^postgres:/, 'postgresql:')]) {
        const store = await openStore(url);
        const result = await store.insertComment(makeInsert('/t', { at: 0 }));
        assert.equal(result.kind, 'created', url);
        await store.close();
      }
    } finally {
      await schema.drop();
    }
  });

  it('rejects an unreachable PostgreSQL without echoing the password', async () => {
    // Port 1 refuses at once on every machine the tests run on.
    await assert.rejects(openStore('postgres://hearth:secret@127.0.0.1:1/hearth'), (error: Error) => {
      assert.match(error.message, /ECONNREFUSED/);
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
