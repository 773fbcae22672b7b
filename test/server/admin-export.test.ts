import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import {
  ExportHeaderSchema,
  ExportRecordSchema,
  type ExportComment,
  type ExportHeader,
  type ExportRecord,
} from '../../src/protocol/export-format.js';
import type { Comment } from '../../src/protocol/index.js';
import { createApp } from '../../server/src/app.js';
import { exportSite } from '../../server/src/export/export-site.js';
import type { ImportItem } from '../../server/src/import/import-item.js';
import { readHearthExport } from '../../server/src/import/readers/hearth.js';
import { adaToken, admin, admins, ipHash, sites, useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';
import { makeAuthor, makeNewComment, makeTempDir } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';

/** An export's lines, each checked against the format's schemas. */
function parseExport(text: string): { header: ExportHeader; records: ExportRecord[] } {
  assert.ok(text.endsWith('\n'), 'every line ends in a newline, the last too');
  const [first, ...rest] = text.slice(0, -1).split('\n');
  return {
    header: ExportHeaderSchema.parse(JSON.parse(first!)),
    records: rest.map((line) => ExportRecordSchema.parse(JSON.parse(line))),
  };
}

const ofType = <T extends ExportRecord['type']>(records: ExportRecord[], type: T) =>
  records.filter((record): record is Extract<ExportRecord, { type: T }> => record.type === type);

const privateFields = ['email', 'userId', 'authorTokenHash', 'ipHash'];

for (const backend of apiBackends) {
  describe(`admin API over ${backend.name}: GET /sites/{site}/export`, () => {
    const harness = useAdminHarness(backend);
    const { request, insert } = harness;
    let published: Comment;
    let held: Comment;
    let deleted: Comment;
    let edited: Comment;

    beforeEach(async () => {
      published = await insert({
        thread: '/posts/a',
        status: 'published',
        body: 'Привет, **мир** 🙂',
        author: { userId: 'sso-ada', email: 'ada@example.org', verified: true },
      });
      held = await insert({ thread: '/posts/a', body: 'Waiting for a moderator.' });
      const reply = await harness.store.insertComment({
        site: 'blog',
        thread: '/posts/a',
        input: makeNewComment({ parentId: published.id, authorName: 'Grace', body: 'A reply.' }),
        author: makeAuthor({ ipHash: 'i'.repeat(43), email: 'grace@example.org' }),
        status: 'published',
        nowMs: harness.clockMs,
      });
      assert.equal(reply.kind, 'created');
      deleted = (await harness.store.updateComment(
        reply.comment.id,
        { status: 'deleted' },
        harness.clockMs,
      ))!;
      edited = await insert({ thread: 'article-42', status: 'published', body: 'Approved text.' });
      await harness.store.holdEdit(edited.id, 'A held edit, not exported.', harness.clockMs);
      await insert({ site: 'docs', thread: '/docs/a', status: 'published', body: 'Another site.' });

      for (const voterKey of ['user:sso-grace', `anon:${'a'.repeat(64)}`]) {
        const vote = await harness.store.setVote({
          site: 'blog',
          commentId: published.id,
          voterKey,
          isUp: true,
          nowMs: harness.clockMs,
        });
        assert.equal(vote.kind, 'changed');
      }
      await harness.store.setThreadLocked('blog', '/posts/locked', true);
      await harness.store.addBan(
        { site: 'blog', kind: 'email', value: 'spammer@example.net', reason: 'Pills', createdBy: 'Ada' },
        harness.clockMs,
      );
      await harness.store.addBan(
        { site: 'docs', kind: 'ip', value: 'j'.repeat(43), reason: '', createdBy: 'Grace' },
        harness.clockMs,
      );
    });

    it('needs an admin token', async () => {
      await assertError(await request('GET', '/sites/blog/export', { token: null }), 401, 'unauthorized');
      await assertError(
        await request('GET', '/sites/blog/export', { token: 'w'.repeat(32) }),
        401,
        'unauthorized',
      );
    });

    it('says 404 for a site this server does not have, 400 for a bad private, 405 for a POST', async () => {
      await assertError(await request('GET', '/sites/nowhere/export'), 404, 'not_found');
      await assertError(
        await request('GET', '/sites/blog/export?private=yes'),
        400,
        'validation_failed',
        'private',
      );
      const post = await request('POST', '/sites/blog/export');
      assert.equal(post.headers.get('allow'), 'GET, HEAD');
      await assertError(post, 405, 'method_not_allowed');
    });

    it('downloads the site as NDJSON without private fields: every comment, the locks, no votes or bans', async () => {
      const response = await request('GET', '/sites/blog/export');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/x-ndjson');
      assert.equal(
        response.headers.get('content-disposition'),
        'attachment; filename="hearth-blog-2025-06-01.ndjson"',
      );
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const { header, records } = parseExport(await response.text());

      assert.deepEqual(header, {
        format: 'hearth-export',
        version: 1,
        site: 'blog',
        exportedAt: new Date(harness.clockMs).toISOString(),
        includesPrivate: false,
      });
      assert.deepEqual(records[0], { type: 'thread', key: '/posts/locked', locked: true });
      assert.deepEqual(ofType(records, 'thread').length, 1);
      assert.deepEqual(ofType(records, 'vote'), []);
      assert.deepEqual(ofType(records, 'ban'), []);

      const comments = ofType(records, 'comment');
      assert.deepEqual(
        comments.map((c) => [c.id, c.thread, c.status]),
        [
          // In the order the site stored its changes: the tombstone and the voted-on comment moved on.
          [held.id, '/posts/a', 'held'],
          [deleted.id, '/posts/a', 'deleted'],
          [edited.id, 'article-42', 'published'],
          [published.id, '/posts/a', 'published'],
        ],
      );
      for (const comment of comments) {
        for (const field of privateFields) assert.equal(field in comment, false, `${field} is left out`);
      }
      const ada = comments.find((c) => c.id === published.id)!;
      assert.deepEqual(ada, {
        type: 'comment',
        id: published.id,
        thread: '/posts/a',
        parentId: null,
        authorName: 'Ada',
        body: 'Привет, **мир** 🙂',
        status: 'published',
        createdAt: published.createdAt,
        updatedAt: published.updatedAt,
        editedAt: null,
        verified: true,
        avatarUrl: null,
        pinned: false,
        votes: 2,
      } satisfies ExportComment);
      const tombstone = comments.find((c) => c.id === deleted.id)!;
      assert.deepEqual([tombstone.parentId, tombstone.authorName, tombstone.body], [published.id, '', '']);
      assert.equal(comments.find((c) => c.id === edited.id)!.body, 'Approved text.');
      await harness.assertAudited('site.export', 'blog', 'blog');
      assert.equal((await harness.store.listAudit(1))[0]!.detail, 'without private fields');
    });

    it('adds the authors’ private fields, the votes and the bans with private=1', async () => {
      const response = await request('GET', '/sites/blog/export?private=1');
      assert.equal(response.status, 200);
      const { header, records } = parseExport(await response.text());
      assert.equal(header.includesPrivate, true);

      const comments = ofType(records, 'comment');
      for (const comment of comments) {
        for (const field of privateFields) assert.equal(field in comment, true, `${field} is there`);
      }
      const ada = comments.find((c) => c.id === published.id)!;
      assert.deepEqual(
        [ada.email, ada.userId, ada.authorTokenHash, ada.ipHash],
        ['ada@example.org', 'sso-ada', 'f'.repeat(64), ipHash],
      );
      // A tombstone keeps what lets a moderator ban its author, and nothing else.
      const tombstone = comments.find((c) => c.id === deleted.id)!;
      assert.equal(tombstone.ipHash, 'i'.repeat(43));

      assert.deepEqual(
        ofType(records, 'vote').map(({ commentId, thread, voterKey }) => ({ commentId, thread, voterKey })),
        [
          { commentId: published.id, thread: '/posts/a', voterKey: `anon:${'a'.repeat(64)}` },
          { commentId: published.id, thread: '/posts/a', voterKey: 'user:sso-grace' },
        ],
      );
      assert.deepEqual(
        ofType(records, 'ban').map(({ kind, value, reason, createdBy }) => ({
          kind,
          value,
          reason,
          createdBy,
        })),
        [{ kind: 'email', value: 'spammer@example.net', reason: 'Pills', createdBy: 'Ada' }],
      );
      // Threads, comments, votes, bans: each kind together, in that order.
      const kinds = records.map((record) => record.type).filter((type, i, all) => type !== all[i - 1]);
      assert.deepEqual(kinds, ['thread', 'comment', 'vote', 'ban']);
      assert.equal((await harness.store.listAudit(1))[0]!.detail, 'with private fields');
    });

    it('is read back by the Hearth export reader without a problem', async () => {
      const temp = await makeTempDir();
      try {
        const file = path.join(temp.dir, 'export.ndjson');
        await writeFile(file, await (await request('GET', '/sites/blog/export?private=1')).text());
        const items: ImportItem[] = [];
        for await (const item of readHearthExport(file)) items.push(item);
        assert.deepEqual(
          items.filter((item) => item.type === 'problem'),
          [],
        );
        assert.deepEqual(
          items.filter((item) => item.type === 'thread').map((item) => [item.key, item.locked]),
          [
            ['/posts/locked', true],
            ['/posts/a', false],
            ['article-42', false],
          ],
        );
        const comments = items.filter((item) => item.type === 'comment');
        assert.deepEqual(
          comments.map((c) => [c.sourceId, c.state, c.votes, c.email]),
          [
            [held.id, 'held', 0, 'reader@example.org'],
            [deleted.id, 'deleted', 0, null],
            [edited.id, 'published', 0, 'reader@example.org'],
            [published.id, 'published', 2, 'ada@example.org'],
          ],
        );
        assert.equal(items.filter((item) => item.type === 'vote').length, 2);
        assert.equal(items.filter((item) => item.type === 'ban').length, 1);
      } finally {
        await temp.remove();
      }
    });

    it('breaks the download off when the store fails midway, and logs why', async () => {
      const failure = new Error('disk gone');
      const failing = new Proxy(harness.store, {
        get(target, property) {
          if (property === 'listSiteComments') return () => Promise.reject(failure);
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const logged: unknown[] = [];
      const app = createApp(failing, {
        admins,
        sites,
        now: () => harness.clockMs,
        logError: (e) => logged.push(e),
      });
      const response = await app.request(`${admin}/sites/blog/export`, {
        headers: { Authorization: `Bearer ${adaToken}` },
      });
      assert.equal(response.status, 200);
      await assert.rejects(response.text(), /disk gone/);
      assert.deepEqual(logged, [failure]);
    });

    it('pages through the store: a page size of 1 exports the same lines', async () => {
      const lines = async (pageSize?: number) => {
        const all: string[] = [];
        const options = { includePrivate: true, nowMs: harness.clockMs, ...(pageSize ? { pageSize } : {}) };
        for await (const line of exportSite(harness.store, 'blog', options)) all.push(line);
        return all;
      };
      const paged = await lines(1);
      assert.deepEqual(paged, await lines());
      assert.equal(paged.length, 1 + 1 + 4 + 2 + 1);
      for (const line of paged) assert.match(line, /^\{.*\}\n$/);
    });
  });
}
