import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ImportSyntaxError, type ImportItem } from '../../server/src/import/import-item.js';
import { looksLikeRemark42, readRemark42 } from '../../server/src/import/readers/remark42.js';
import { makeTempDir } from './helpers/fixtures.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/import/${name}`, import.meta.url));

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const all: ImportItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function syntaxError(items: AsyncIterable<ImportItem>): Promise<ImportSyntaxError> {
  try {
    for await (const item of items) void item;
  } catch (error) {
    assert.ok(error instanceof ImportSyntaxError, `expected an ImportSyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the file to be refused');
}

const openPage = 'https://blog.example.org/posts/open/';
const closedPage = 'https://blog.example.org/posts/closed/';
const line = (n: number) => ({ line: n, column: 1 });
const comment = {
  type: 'comment',
  editedAtMs: null,
  pinned: false,
  state: 'published',
  votes: null,
} as const;

const expected: ImportItem[] = [
  { type: 'thread', ref: openPage, url: openPage, locked: false, position: line(2) },
  {
    ...comment,
    threadRef: openPage,
    sourceId: '8f1c3b6e-0001',
    parentSourceId: null,
    authorName: 'Alice',
    email: 'Alice@Example.org',
    body: {
      format: 'html',
      text: '<p>Hello <strong>world</strong> &amp; &lt;friends&gt; — see <a href="https://example.org/?a=1&amp;b=2" rel="nofollow">this</a></p>\n',
    },
    // 2023-05-01T10:00:00.123456789+02:00: nanoseconds cut to milliseconds, the offset applied.
    createdAtMs: Date.UTC(2023, 4, 1, 8, 0, 0, 123),
    pinned: true,
    position: line(2),
  },
  {
    type: 'vote',
    threadRef: openPage,
    commentSourceId: '8f1c3b6e-0001',
    voter: 'google_77aa01',
    createdAtMs: null,
    position: line(2),
  },
  {
    type: 'vote',
    threadRef: openPage,
    commentSourceId: '8f1c3b6e-0001',
    voter: 'github_99',
    createdAtMs: null,
    position: line(2),
  },
  {
    ...comment,
    threadRef: openPage,
    sourceId: '8f1c3b6e-0003',
    parentSourceId: '8f1c3b6e-0002',
    authorName: 'Борис',
    email: null,
    body: { format: 'html', text: '<p>Ответ раньше родителя.</p>\n' },
    createdAtMs: Date.UTC(2023, 4, 1, 9, 30, 0),
    position: line(3),
  },
  {
    type: 'problem',
    message: 'not JSON: the line ends before its JSON does (expected a string value)',
    position: { line: 4, column: 54 },
  },
  {
    ...comment,
    threadRef: openPage,
    sourceId: '8f1c3b6e-0002',
    parentSourceId: '8f1c3b6e-0001',
    authorName: 'Layla',
    email: null,
    body: { format: 'html', text: '<p>مرحبا بالعالم</p>\n' },
    createdAtMs: Date.UTC(2023, 4, 1, 8, 0, 0),
    editedAtMs: Date.UTC(2023, 4, 1, 8, 10, 30, 500),
    position: line(5),
  },
  { type: 'problem', message: 'not a Remark42 comment: no locator', position: line(6) },
  { type: 'thread', ref: closedPage, url: closedPage, locked: true, position: line(7) },
  {
    ...comment,
    threadRef: closedPage,
    sourceId: '8f1c3b6e-0004',
    parentSourceId: null,
    authorName: 'deleted',
    email: null,
    body: { format: 'html', text: '' },
    createdAtMs: Date.UTC(2023, 3, 1, 12, 0, 0),
    state: 'deleted',
    position: line(7),
  },
  { type: 'problem', message: 'comment 8f1c3b6e-0006: time "yesterday" is not a date', position: line(8) },
  {
    ...comment,
    threadRef: closedPage,
    sourceId: '8f1c3b6e-0007',
    parentSourceId: '8f1c3b6e-0004',
    authorName: "Tom <3 & O'Brien",
    email: null,
    body: {
      format: 'html',
      text: '<p>Tom &lt;3 says: <em>emoji</em> 🎉👩🏽‍💻 &amp;&#160;<code>x &lt; y</code></p>\n<pre><code>if (a &lt; b) {}\n</code></pre>\n',
    },
    createdAtMs: Date.UTC(2023, 3, 1, 17, 30, 0),
    position: line(9),
  },
];

describe('Remark42 backup reader', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let count = 0;
  const write = async (content: string | Buffer): Promise<string> => {
    const file = path.join(temp.dir, `backup-${++count}`);
    await writeFile(file, content);
    return file;
  };

  before(async () => {
    temp = await makeTempDir('hearth-remark42-');
  });
  after(async () => {
    await temp.remove();
  });

  it('yields a thread per page as first seen, comments with their HTML, upvotes per voter, and a problem per bad line', async () => {
    assert.deepEqual(await collect(readRemark42(fixture('remark42-backup.jsonl'))), expected);
  });

  it('keeps no IP hash and no voter who voted down', async () => {
    const items = await collect(readRemark42(fixture('remark42-backup.jsonl')));
    const text = JSON.stringify(items);
    for (const hash of [
      '5c3bd9f2f9cd0ba2c2a0d3dc1bd2d25e6c7e3d0a',
      '1f2e3d4c5b6a79880716253443526170a9b8c7d6',
      '0bd4c1e1d2f3',
    ]) {
      assert.equal(text.includes(hash), false, hash);
    }
    assert.equal(text.includes('anonymous_3f2a'), false);
  });

  it('reads a gzipped backup, as Remark42 writes them, and a Windows-edited one', async () => {
    const original = await readFile(fixture('remark42-backup.jsonl'));
    const gzipped = await write(gzipSync(original));
    assert.deepEqual(await collect(readRemark42(gzipped)), expected);
    const crlf = await write(`\uFEFF${original.toString('utf8').replaceAll('\n', '\r\n')}`);
    assert.deepEqual(await collect(readRemark42(crlf)), expected);
  });

  it('takes a meta line whose lists Go wrote as null', async () => {
    const comments = (await readFile(fixture('remark42-backup.jsonl'), 'utf8')).split('\n').slice(1);
    const file = await write(['{"version":1,"users":null,"posts":null}', ...comments].join('\n'));
    const items = await collect(readRemark42(file));
    const unlocked = expected.map((item) => ({
      ...item,
      ...(item.type === 'thread' ? { locked: false } : {}),
      ...(item.type === 'comment' ? { email: null } : {}),
    }));
    assert.deepEqual(items, unlocked);
  });

  it('refuses a file whose first line is not the meta record', async () => {
    const comments = (await readFile(fixture('remark42-backup.jsonl'), 'utf8'))
      .split('\n')
      .slice(1)
      .join('\n');
    const headless = await syntaxError(readRemark42(await write(comments)));
    assert.equal(
      headless.message,
      'line 1, column 1: not a Remark42 backup: its first line is not the meta record',
    );

    const broken = await syntaxError(readRemark42(await write('{"version":1,"users":[}]}\n')));
    assert.deepEqual(broken.position, { line: 1, column: 23 });

    const future = await syntaxError(readRemark42(await write('{"version":7,"users":[],"posts":[]}\n')));
    assert.match(future.message, /version 7/);
  });

  it('is sniffed from its meta line, gzipped or not', async () => {
    const original = await readFile(fixture('remark42-backup.jsonl'));
    assert.equal(looksLikeRemark42(original), true);
    assert.equal(looksLikeRemark42(gzipSync(original)), true);
    assert.equal(looksLikeRemark42(await readFile(fixture('commento-export.json'))), false);
    assert.equal(looksLikeRemark42(await readFile(fixture('isso-generic.json'))), false);
  });
});
