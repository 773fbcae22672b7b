import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  ExportCommentSchema,
  ExportHeaderSchema,
  ExportRecordSchema,
} from '../../src/protocol/export-format.js';
import { buildExportJsonSchema } from '../../server/src/export/export-json-schema.js';
import { ImportSyntaxError, type ImportItem } from '../../server/src/import/import-item.js';
import { looksLikeHearthExport, readHearthExport } from '../../server/src/import/readers/hearth.js';
import { makeTempDir } from './helpers/fixtures.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'import');
const fixture = (name: string) => path.join(fixtures, name);

async function readAll(file: string): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of readHearthExport(file)) items.push(item);
  return items;
}

/** Reads `text` as a file, and returns the ImportSyntaxError it must fail with. */
async function syntaxErrorOf(text: string): Promise<ImportSyntaxError> {
  const temp = await makeTempDir();
  try {
    const file = path.join(temp.dir, 'export.ndjson');
    await writeFile(file, text);
    const error = await readAll(file).then(
      () => assert.fail('the file was read'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ImportSyntaxError, String(error));
    return error;
  } finally {
    await temp.remove();
  }
}

const ada = '0b6f3c1e-2d4a-4b5c-9d6e-7f8091a2b3c4';
const sara = '1c7a4d2f-3e5b-4c6d-8e7f-8091a2b3c4d5';
const grace = '2d8b5e30-4f6c-4d7e-9f80-91a2b3c4d5e6';
const tombstone = '3e9c6f41-5071-4e8f-a091-a2b3c4d5e6f7';
const at = (line: number) => ({ line, column: 1 });

const publicComment = {
  type: 'comment',
  id: ada,
  thread: '/posts/closed',
  parentId: null,
  authorName: 'Ada',
  body: 'Hello',
  status: 'published',
  createdAt: '2025-05-01T10:00:00.000Z',
  updatedAt: '2025-05-01T10:00:00.000Z',
  editedAt: null,
  verified: false,
  avatarUrl: null,
  pinned: false,
  votes: 0,
};

describe('the export format’s schemas', () => {
  it('take a comment with or without its private fields, and keep fields they do not know out', () => {
    assert.deepEqual(ExportCommentSchema.parse(publicComment), publicComment);
    const withPrivate = { ...publicComment, email: 'ada@example.org', userId: null, authorTokenHash: null };
    assert.deepEqual(ExportCommentSchema.parse(withPrivate), withPrivate);
    assert.deepEqual(ExportRecordSchema.parse({ ...publicComment, mood: 'happy' }), publicComment);
  });

  it('refuse records a reader could not place or trust', () => {
    const refused = [
      { ...publicComment, id: 'not-a-uuid' },
      { ...publicComment, thread: '' },
      { ...publicComment, status: 'spam' },
      { ...publicComment, createdAt: 'yesterday' },
      { ...publicComment, votes: -1 },
      { ...publicComment, votes: 1.5 },
      { type: 'vote', commentId: ada, thread: '/x', createdAt: '2025-05-01T10:00:00.000Z' },
      {
        type: 'ban',
        kind: 'name',
        value: 'x',
        reason: '',
        createdAt: '2025-05-01T10:00:00Z',
        createdBy: 'A',
      },
      { type: 'reaction', commentId: ada },
    ];
    for (const record of refused) assert.equal(ExportRecordSchema.safeParse(record).success, false);
  });

  it('read the header', () => {
    const header = {
      format: 'hearth-export',
      version: 1,
      site: 'blog',
      exportedAt: '2025-06-02T08:00:00.000Z',
      includesPrivate: false,
    };
    assert.deepEqual(ExportHeaderSchema.parse(header), header);
    assert.equal(ExportHeaderSchema.safeParse({ ...header, format: 'remark42' }).success, false);
  });

  it('are what docs/export-format.schema.json publishes', async () => {
    const published: unknown = JSON.parse(await readFile('docs/export-format.schema.json', 'utf8'));
    assert.deepEqual(published, buildExportJsonSchema());
  });
});

describe('readHearthExport', () => {
  it('reads every record of a file, reporting each bad line and reading on after it', async () => {
    const items = await readAll(fixture('hearth-export.ndjson'));
    assert.deepEqual(
      items.map((item) => [item.type, item.position.line]),
      [
        ['thread', 2],
        ['comment', 3],
        // A thread without a record of its own comes in with its first comment, unlocked.
        ['thread', 4],
        ['comment', 4],
        ['problem', 5],
        ['problem', 6],
        ['problem', 7],
        ['comment', 9],
        ['comment', 10],
        ['vote', 11],
        ['vote', 12],
        ['ban', 13],
        ['problem', 14],
      ],
    );

    assert.deepEqual(items[0], {
      type: 'thread',
      ref: '/posts/closed',
      url: null,
      key: '/posts/closed',
      locked: true,
      position: at(2),
    });
    assert.deepEqual(items[1], {
      type: 'comment',
      threadRef: '/posts/closed',
      sourceId: ada,
      parentSourceId: null,
      authorName: 'Ада',
      email: 'ada@example.org',
      body: { format: 'hearth', text: 'Привет, **мир**!' },
      createdAtMs: Date.UTC(2025, 4, 1, 10),
      editedAtMs: null,
      state: 'published',
      pinned: true,
      votes: 2,
      hearth: {
        id: ada,
        updatedAtMs: Date.UTC(2025, 4, 1, 10),
        verified: true,
        avatarUrl: 'https://avatars.example/ada.png',
        userId: 'sso-ada',
        authorTokenHash: null,
        ipHash: 'h'.repeat(43),
      },
      position: at(3),
    });
    assert.deepEqual(items[2], {
      type: 'thread',
      ref: 'article-42',
      url: null,
      key: 'article-42',
      locked: false,
      position: at(4),
    });

    const comments = items.filter((item) => item.type === 'comment');
    // The reply comes before its parent, edited later: the reader keeps the file's order.
    assert.deepEqual(
      comments.map((c) => [c.sourceId, c.threadRef, c.parentSourceId, c.state, c.authorName, c.body.text]),
      [
        [ada, '/posts/closed', null, 'published', 'Ада', 'Привет, **мир**!'],
        [sara, 'article-42', grace, 'held', 'سارة', 'شكرا 🙏'],
        [grace, 'article-42', null, 'published', 'Grace', 'Edited later, so after its reply.'],
        [tombstone, '/posts/closed', ada, 'deleted', '', ''],
      ],
    );
    assert.equal(comments[2]!.editedAtMs, Date.UTC(2025, 4, 3, 12));
    assert.equal(comments[1]!.hearth!.authorTokenHash, 'f'.repeat(64));

    assert.deepEqual(items[9], {
      type: 'vote',
      threadRef: '/posts/closed',
      commentSourceId: ada,
      voter: 'user:sso-grace',
      createdAtMs: Date.UTC(2025, 4, 1, 11),
      position: at(11),
    });
    assert.deepEqual(items[11], {
      type: 'ban',
      kind: 'email',
      value: 'spammer@example.net',
      reason: 'Links to pills',
      createdAtMs: Date.UTC(2025, 4, 6),
      createdBy: 'Ada',
      position: at(13),
    });

    const problems = items.filter((item) => item.type === 'problem').map((item) => item.message);
    assert.match(problems[0]!, /^Invalid comment record: id: /);
    assert.match(problems[1]!, /^Not JSON/);
    assert.match(problems[2]!, /^Unknown record type "reaction"/);
    assert.match(problems[3]!, /thread record of "article-42" comes after/);
  });

  it('refuses a file from a newer Hearth at line 1, reading nothing', async () => {
    const items: ImportItem[] = [];
    const error = await (async () => {
      for await (const item of readHearthExport(fixture('hearth-export-v2.ndjson'))) items.push(item);
    })().then(
      () => assert.fail('a version 2 file was read'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ImportSyntaxError);
    assert.deepEqual(error.position, at(1));
    assert.match(error.message, /format version 2, made by a newer Hearth; this one reads version 1/);
    assert.deepEqual(items, []);
  });

  it('refuses a file that does not start with the header, at line 1', async () => {
    const notExports = [
      '',
      '{"type":"thread","key":"/a","locked":true}\n',
      '{"format":"remark42"}\n',
      '[{"format":"hearth-export","version":1}]\n',
      '{"format":"hearth-export","version":1,"site":"blog"}\n',
    ];
    for (const text of notExports) {
      const error = await syntaxErrorOf(text);
      assert.deepEqual(error.position, at(1), text);
    }
    assert.match((await syntaxErrorOf('{"format":"hearth-export","version":1}\n')).message, /header: site/);
  });

  it('reads CRLF line ends and a byte order mark', async () => {
    const temp = await makeTempDir();
    try {
      const file = path.join(temp.dir, 'export.ndjson');
      const header =
        '{"format":"hearth-export","version":1,"site":"blog","exportedAt":"2025-06-02T08:00:00Z","includesPrivate":false}';
      await writeFile(file, `\uFEFF${header}\r\n${JSON.stringify(publicComment)}\r\n`);
      const items = await readAll(file);
      assert.deepEqual(
        items.map((item) => item.type),
        ['thread', 'comment'],
      );
    } finally {
      await temp.remove();
    }
  });
});

describe('docs/export-format.md', () => {
  it('gives an example the reader reads without a problem', async () => {
    const doc = await readFile('docs/export-format.md', 'utf8');
    const example = /```ndjson\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example, 'the doc has an ndjson example');
    const temp = await makeTempDir();
    try {
      const file = path.join(temp.dir, 'example.ndjson');
      await writeFile(file, example);
      const items = await readAll(file);
      assert.deepEqual(
        items.filter((item) => item.type === 'problem'),
        [],
      );
      assert.deepEqual(
        items.map((item) => item.type),
        ['thread', 'comment', 'thread', 'comment', 'comment', 'comment', 'vote', 'vote', 'ban'],
      );
    } finally {
      await temp.remove();
    }
  });
});

describe('looksLikeHearthExport', () => {
  it('knows a Hearth export by its header, and nothing else', async () => {
    const head = (await readFile(fixture('hearth-export.ndjson'), 'utf8')).slice(0, 512);
    assert.equal(looksLikeHearthExport(head), true);
    assert.equal(looksLikeHearthExport(`\uFEFF${head}`), true);
    assert.equal(looksLikeHearthExport('{"version":1, "format" : "hearth-export"}'), true);
    assert.equal(
      looksLikeHearthExport('{"id":"1","pid":"","text":"<p>hi</p>","format":"remark42"}\n'),
      false,
    );
    assert.equal(looksLikeHearthExport('<?xml version="1.0"?><disqus></disqus>'), false);
    assert.equal(looksLikeHearthExport('{"site":"x"}\n{"format":"hearth-export"}\n'), false);
    assert.equal(looksLikeHearthExport('[{"format":"hearth-export"}]'), false);
  });
});
