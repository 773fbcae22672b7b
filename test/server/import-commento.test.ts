import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ImportSyntaxError, type ImportItem } from '../../server/src/import/import-item.js';
import { looksLikeCommento, readCommento } from '../../server/src/import/readers/commento.js';
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

const hello = 'blog.example.org/posts/hello/';
const second = 'blog.example.org/posts/second/';
const firstHex = 'a1f0c2d3e4b5a6978877665544332211a1f0c2d3e4b5a6978877665544332211';
const at = (line: number) => ({ line, column: 5 });
const comment = { type: 'comment', editedAtMs: null, pinned: false, state: 'published', votes: 0 } as const;

const expected: ImportItem[] = [
  // The commenters are read first: their problems come before any comment.
  { type: 'problem', message: 'not a Commento commenter: no commenterHex', position: at(147) },
  { type: 'thread', ref: hello, url: `https://${hello}`, locked: false, position: at(4) },
  {
    ...comment,
    threadRef: hello,
    sourceId: firstHex,
    parentSourceId: null,
    authorName: 'Ada',
    email: 'Ada@Example.org',
    body: {
      format: 'markdown',
      text: 'Hello **world** & <friends>: `a < b` &amp; [link](https://example.org/?a=1&b=2)',
    },
    createdAtMs: Date.UTC(2020, 0, 2, 3, 4, 5, 678),
    votes: 3,
    position: at(4),
  },
  {
    ...comment,
    threadRef: hello,
    sourceId: 'b3',
    parentSourceId: 'b2',
    authorName: 'Борис',
    email: 'boris@example.net',
    body: { format: 'markdown', text: 'Ответ раньше родителя.' },
    createdAtMs: Date.UTC(2020, 0, 2, 5, 0, 0),
    position: at(18),
  },
  {
    ...comment,
    threadRef: hello,
    sourceId: 'b2',
    parentSourceId: firstHex,
    authorName: '',
    email: null,
    body: { format: 'markdown', text: 'تعليق مجهول' },
    createdAtMs: Date.UTC(2020, 0, 2, 1, 0, 0),
    votes: 1,
    position: at(32),
  },
  {
    type: 'problem',
    message: 'not a Commento comment: commentHex: Too small: expected string to have >=1 characters',
    position: at(46),
  },
  {
    ...comment,
    threadRef: hello,
    sourceId: 'd4',
    parentSourceId: null,
    authorName: '',
    email: null,
    body: { format: 'html', text: '[deleted]' },
    createdAtMs: Date.UTC(2020, 0, 4),
    state: 'deleted',
    position: at(55),
  },
  { type: 'thread', ref: second, url: `https://${second}`, locked: false, position: at(69) },
  {
    ...comment,
    threadRef: second,
    sourceId: 'e5',
    parentSourceId: null,
    authorName: 'Борис',
    email: 'boris@example.net',
    body: { format: 'markdown', text: 'Flagged 🚩 and downvoted 👎🏿' },
    createdAtMs: Date.UTC(2020, 1, 1),
    state: 'held',
    position: at(69),
  },
  {
    ...comment,
    threadRef: second,
    sourceId: 'f6',
    parentSourceId: null,
    authorName: 'Ada',
    email: 'Ada@Example.org',
    body: { format: 'html', text: '<p>Waiting for a <em>moderator</em> &amp; more</p>\n' },
    createdAtMs: Date.UTC(2020, 1, 2),
    state: 'held',
    position: at(83),
  },
  { type: 'problem', message: 'comment g7: creationDate "last tuesday" is not a date', position: at(97) },
  {
    ...comment,
    threadRef: second,
    sourceId: 'h8',
    parentSourceId: null,
    authorName: '',
    email: null,
    body: { format: 'markdown', text: 'Its commenter is not in the export.' },
    createdAtMs: Date.UTC(2020, 1, 3),
    position: at(111),
  },
];

describe('Commento export reader', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let count = 0;
  const write = async (content: string | Buffer): Promise<string> => {
    const file = path.join(temp.dir, `commento-${++count}.json`);
    await writeFile(file, content);
    return file;
  };

  before(async () => {
    temp = await makeTempDir('hearth-commento-');
  });
  after(async () => {
    await temp.remove();
  });

  it('names authors from commenters listed after the comments, maps states, scores and threads', async () => {
    assert.deepEqual(await collect(readCommento(fixture('commento-export.json'))), expected);
  });

  it('places records by column in a one-line, gzipped export as Commento writes it', async () => {
    const oneLine = JSON.stringify(JSON.parse(await readFile(fixture('commento-export.json'), 'utf8')));
    const starts: number[] = [];
    for (let i = oneLine.indexOf('{"commentHex"'); i >= 0; i = oneLine.indexOf('{"commentHex"', i + 1)) {
      starts.push(i + 1);
    }
    const commenterStart = oneLine.indexOf('{"email":"nohex@example.net"') + 1;
    const commentColumns = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => starts[n - 1]);
    const byLine = new Map([4, 18, 32, 46, 55, 69, 83, 97, 111].map((line, i) => [line, commentColumns[i]]));
    const oneLineExpected = expected.map((item) => ({
      ...item,
      position: {
        line: 1,
        column: item.position.line === 147 ? commenterStart : byLine.get(item.position.line),
      },
    }));
    assert.deepEqual(await collect(readCommento(await write(gzipSync(oneLine)))), oneLineExpected);
  });

  it('refuses a document that does not parse, saying where', async () => {
    const error = await syntaxError(readCommento(fixture('commento-export.broken-json')));
    assert.equal(error.message, "line 13, column 5: not valid JSON: expected ','");
  });

  it('refuses JSON that is not a Commento export of version 1', async () => {
    const list = await syntaxError(readCommento(await write('[{"commentHex": "a1"}]')));
    assert.equal(list.message, 'line 1, column 1: not a Commento export: the document is not an object');

    const future = await syntaxError(
      readCommento(await write('{"version": 2, "comments": [], "commenters": []}')),
    );
    assert.equal(future.message, 'line 1, column 1: a Commento export of version 2, not 1');

    const unversioned = await syntaxError(readCommento(await write('{"comments": [], "commenters": []}')));
    assert.match(unversioned.message, /it has no version/);

    const notList = await syntaxError(readCommento(await write('{"version": 1,\n "comments": {"a": 1}}')));
    assert.equal(notList.message, 'line 2, column 14: not a Commento export: "comments" is not a list');
  });

  it('is sniffed from its opening keys, gzipped or not', async () => {
    const original = await readFile(fixture('commento-export.json'));
    assert.equal(looksLikeCommento(original), true);
    assert.equal(looksLikeCommento(gzipSync(original)), true);
    assert.equal(looksLikeCommento(await readFile(fixture('remark42-backup.jsonl'))), false);
    assert.equal(looksLikeCommento(await readFile(fixture('isso-generic.json'))), false);
  });
});
