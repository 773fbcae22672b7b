import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ImportSyntaxError, type ImportItem } from '../../server/src/import/import-item.js';
import { looksLikeIssoDb, readIssoDb } from '../../server/src/import/readers/isso-db.js';
import { looksLikeIssoJson, readIssoJson } from '../../server/src/import/readers/isso-json.js';
import { makeTempDir } from './helpers/fixtures.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/import/${name}`, import.meta.url));

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const all: ImportItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The syntax error reading `items` ends with, and the items that came before it. */
async function syntaxError(
  items: AsyncIterable<ImportItem>,
): Promise<{ error: ImportSyntaxError; before: ImportItem[] }> {
  const before: ImportItem[] = [];
  try {
    for await (const item of items) before.push(item);
  } catch (error) {
    assert.ok(error instanceof ImportSyntaxError, `expected an ImportSyntaxError, got ${String(error)}`);
    return { error, before };
  }
  assert.fail('expected the file to be refused');
}

const comment = {
  type: 'comment',
  editedAtMs: null,
  pinned: false,
  state: 'published',
  votes: 0,
} as const;

describe('Isso database reader', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let issoDb: string;

  before(async () => {
    temp = await makeTempDir('hearth-isso-');
    issoDb = path.join(temp.dir, 'comments.db');
    const db = new Database(issoDb);
    db.exec(await readFile(fixture('isso.sql'), 'utf8'));
    db.close();
  });
  after(async () => {
    await temp.remove();
  });

  it('yields threads, then comments with their threading, modes, likes and edits, dropping IPs', async () => {
    const at = (id: number) => ({ line: id, column: 0 });
    assert.deepEqual(await collect(readIssoDb(issoDb)), [
      { type: 'thread', ref: '1', url: '/posts/hello/', locked: false, position: at(1) },
      {
        type: 'thread',
        ref: '2',
        url: '/posts/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/?lang=ru',
        locked: false,
        position: at(2),
      },
      { type: 'thread', ref: '3', url: null, key: 'article-42', locked: false, position: at(3) },
      {
        ...comment,
        threadRef: '1',
        sourceId: '1',
        parentSourceId: null,
        authorName: 'Ada',
        email: 'Ada@Example.org',
        body: { format: 'markdown', text: 'Hello **world** & <em>friends</em>: `a < b` &amp; "quotes"' },
        createdAtMs: 1_700_000_000_250,
        votes: 3,
        position: at(1),
      },
      {
        ...comment,
        threadRef: '1',
        sourceId: '2',
        parentSourceId: '1',
        authorName: '',
        email: null,
        body: { format: 'markdown', text: '' },
        createdAtMs: 1_700_000_100_000,
        state: 'deleted',
        position: at(2),
      },
      {
        ...comment,
        threadRef: '1',
        sourceId: '3',
        parentSourceId: '2',
        authorName: 'Борис',
        email: null,
        body: { format: 'markdown', text: 'Ответ на удалённый комментарий' },
        createdAtMs: 1_700_000_200_000,
        editedAtMs: 1_700_000_260_500,
        position: at(3),
      },
      {
        ...comment,
        threadRef: '2',
        sourceId: '4',
        parentSourceId: '6',
        authorName: 'مريم',
        email: null,
        body: { format: 'markdown', text: 'شكرا جزيلا 🌙' },
        createdAtMs: 1_700_000_400_000,
        position: at(4),
      },
      { type: 'problem', message: 'comment 5: mode 3 is not 1, 2 or 4', position: at(5) },
      {
        ...comment,
        threadRef: '2',
        sourceId: '6',
        parentSourceId: null,
        authorName: 'Zoë',
        email: 'zoe@example.net',
        body: { format: 'markdown', text: 'Parent, written first 🎉' },
        createdAtMs: 1_700_000_300_000,
        votes: 12,
        position: at(6),
      },
      {
        ...comment,
        threadRef: '3',
        sourceId: '7',
        parentSourceId: null,
        authorName: '',
        email: null,
        body: { format: 'markdown', text: 'Awaiting <script>alert(1)</script> review' },
        createdAtMs: 1_700_000_500_000,
        state: 'held',
        position: at(7),
      },
    ]);
  });

  it('leaves the database as it found it', async () => {
    const bytes = await readFile(issoDb);
    await collect(readIssoDb(issoDb));
    assert.deepEqual(await readFile(issoDb), bytes);
  });

  it('refuses a SQLite database without Isso’s tables, naming what is missing', async () => {
    const other = path.join(temp.dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256))');
    db.close();
    const { error, before } = await syntaxError(readIssoDb(other));
    assert.equal(error.message, 'line 0, column 0: not an Isso database: it has no table "comments"');
    assert.deepEqual(error.position, { line: 0, column: 0 });
    assert.deepEqual(before, []);
  });

  it('refuses a comments table that lacks Isso’s columns', async () => {
    const other = path.join(temp.dir, 'columns.db');
    const db = new Database(other);
    db.exec('CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256))');
    db.exec('CREATE TABLE comments (tid INTEGER, id INTEGER PRIMARY KEY, text VARCHAR)');
    db.close();
    const { error } = await syntaxError(readIssoDb(other));
    assert.match(
      error.message,
      /table "comments" lacks parent, created, modified, mode, author, email, likes$/,
    );
  });

  it('refuses a file that is not SQLite at all', async () => {
    const { error } = await syntaxError(readIssoDb(fixture('isso.sql')));
    assert.match(error.message, /^line 0, column 0: not an Isso database: /);
  });

  it('is sniffed from a SQLite header and nothing else', async () => {
    const head = async (file: string) => (await readFile(file)).subarray(0, 64 * 1024);
    assert.equal(looksLikeIssoDb(await head(issoDb)), true);
    assert.equal(looksLikeIssoDb(await head(fixture('isso.sql'))), false);
    assert.equal(looksLikeIssoDb(await head(fixture('isso-generic.json'))), false);
  });
});

describe('Isso generic JSON reader', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  before(async () => {
    temp = await makeTempDir('hearth-isso-json-');
  });
  after(async () => {
    await temp.remove();
  });

  const expected: ImportItem[] = [
    {
      ...comment,
      threadRef: '0',
      sourceId: '1',
      parentSourceId: null,
      authorName: 'James',
      email: 'James@Example.com',
      body: { format: 'markdown', text: 'Great article! <b>Bold</b> &amp; "quoted" -- `x < y`' },
      createdAtMs: Date.UTC(2018, 10, 28, 17, 24, 23),
      position: { line: 6, column: 7 },
    },
    {
      ...comment,
      threadRef: '0',
      sourceId: '3',
      parentSourceId: '2',
      authorName: 'Harold',
      email: null,
      body: { format: 'markdown', text: 'Replying before the comment I answer.' },
      createdAtMs: Date.UTC(2018, 10, 28, 17, 58, 3),
      position: { line: 15, column: 7 },
    },
    {
      ...comment,
      threadRef: '0',
      sourceId: '2',
      parentSourceId: null,
      authorName: 'Ирина',
      email: null,
      body: { format: 'markdown', text: 'Спасибо за статью!' },
      createdAtMs: Date.UTC(2018, 10, 29, 9, 5, 0),
      position: { line: 25, column: 7 },
    },
    { type: 'thread', ref: '0', url: '/blog/article1/', locked: false, position: { line: 2, column: 3 } },
    {
      ...comment,
      threadRef: '1',
      sourceId: '1',
      parentSourceId: null,
      authorName: 'سارة',
      email: null,
      body: { format: 'markdown', text: 'مقال رائع 👍🏽' },
      createdAtMs: Date.UTC(2019, 0, 2, 3, 4, 5),
      position: { line: 38, column: 7 },
    },
    {
      type: 'problem',
      message: 'comment 2: created "2019-02-30 10:00:00" is not a date',
      position: { line: 45, column: 7 },
    },
    { type: 'problem', message: 'not an Isso comment: no id', position: { line: 51, column: 7 } },
    {
      ...comment,
      threadRef: '1',
      sourceId: '4',
      parentSourceId: null,
      authorName: '',
      email: null,
      body: { format: 'markdown', text: 'Anonymous, with an RFC 3339 time.' },
      createdAtMs: Date.UTC(2019, 2, 2, 10, 0, 0),
      position: { line: 56, column: 7 },
    },
    {
      type: 'thread',
      ref: '1',
      url: '/blog/article2/?page=2',
      locked: false,
      position: { line: 36, column: 3 },
    },
    {
      type: 'thread',
      ref: '2',
      url: null,
      key: 'article-42',
      locked: false,
      position: { line: 66, column: 3 },
    },
    {
      ...comment,
      threadRef: '3',
      sourceId: '1',
      parentSourceId: null,
      authorName: 'Orphan',
      email: null,
      body: { format: 'markdown', text: 'Nowhere to go.' },
      createdAtMs: Date.UTC(2020, 4, 5, 5, 5, 5),
      position: { line: 74, column: 7 },
    },
    { type: 'problem', message: "thread 3 has no id (its page's path)", position: { line: 71, column: 3 } },
    { type: 'thread', ref: '3', url: null, locked: false, position: { line: 71, column: 3 } },
  ];

  it('yields each thread after its comments, keyed by its index, with problems where records are bad', async () => {
    assert.deepEqual(await collect(readIssoJson(fixture('isso-generic.json'))), expected);
  });

  it('reads the same file gzipped', async () => {
    const gzipped = path.join(temp.dir, 'isso-generic.json.gz');
    await writeFile(gzipped, gzipSync(await readFile(fixture('isso-generic.json'))));
    assert.deepEqual(await collect(readIssoJson(gzipped)), expected);
    assert.equal(looksLikeIssoJson(await readFile(gzipped)), true);
  });

  it('streams: the records before a syntax error come out, then the error with its line and column', async () => {
    const { error, before } = await syntaxError(readIssoJson(fixture('isso-generic.broken-json')));
    assert.equal(error.message, "line 10, column 9: not valid JSON: expected ','");
    assert.deepEqual(error.position, { line: 10, column: 9 });
    assert.deepEqual(before, []);

    const cut = path.join(temp.dir, 'cut.json');
    const whole = await readFile(fixture('isso-generic.json'), 'utf8');
    await writeFile(cut, whole.slice(0, whole.indexOf('"Id after comments"')));
    const truncated = await syntaxError(readIssoJson(cut));
    assert.deepEqual(truncated.before, expected.slice(0, 8));
    assert.equal(
      truncated.error.message,
      'line 63, column 14: the file ends before its JSON document does (expected a value)',
    );
  });

  it('refuses a document that is not a list of threads', async () => {
    const file = path.join(temp.dir, 'object.json');
    await writeFile(file, '\n  {"id": "/x/", "comments": []}\n');
    const { error } = await syntaxError(readIssoJson(file));
    assert.equal(
      error.message,
      "line 2, column 3: not Isso's generic JSON: the document is not a list of threads",
    );
  });

  it('is sniffed from a list of objects', async () => {
    assert.equal(looksLikeIssoJson(await readFile(fixture('isso-generic.json'))), true);
    assert.equal(looksLikeIssoJson(Buffer.from('\uFEFF [ {"id": "/a/"')), true);
    assert.equal(looksLikeIssoJson(await readFile(fixture('commento-export.json'))), false);
    assert.equal(looksLikeIssoJson(await readFile(fixture('remark42-backup.jsonl'))), false);
    assert.equal(looksLikeIssoJson(Buffer.from('[1, 2]')), false);
  });
});
