import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ChangesResponseSchema,
  CommentSchema,
  limits,
  type ChangesResponse,
  type Comment,
} from '../../src/protocol/index.js';
import { apiBackends, startMs, useApiHarness } from './helpers/api-harness.js';
import { commentsUrl } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';
import { bearer, makeGuestToken, sha256Hex } from './helpers/identity.js';

const thread = '/posts/my-post';

for (const backend of apiBackends) {
  describe(`comments API over ${backend.name}`, () => {
    const api = useApiHarness(backend);

    it('posts a comment (201) and lists it', async () => {
      const id = randomUUID();
      const response = await api.post(thread, { id, authorName: '  Ada  ', body: 'First!\r\nSecond line  ' });
      assert.equal(response.status, 201);
      const comment = CommentSchema.parse(await response.json());
      assert.deepEqual(comment, {
        id,
        thread,
        parentId: null,
        authorName: 'Ada',
        body: 'First!\nSecond line',
        createdAt: new Date(startMs).toISOString(),
        updatedAt: new Date(startMs).toISOString(),
        status: 'published',
        editedAt: null,
        verified: false,
        avatarUrl: null,
        pinned: false,
        votes: 0,
        seq: comment.seq,
      });

      const listResponse = await api.app.request(commentsUrl(thread));
      assert.equal(listResponse.status, 200);
      assert.equal(listResponse.headers.get('cache-control'), 'no-cache');
      assert.match(listResponse.headers.get('etag') ?? '', /^W\/".+"$/);
      const list = ChangesResponseSchema.parse(await listResponse.json());
      assert.deepEqual(list, {
        comments: [comment],
        cursor: String(comment.seq),
        more: false,
        locked: false,
      });
    });

    it('posts a reply with parentId', async () => {
      const posted = await api.post(thread, { id: randomUUID(), authorName: 'Ada', body: 'First!' });
      const parent = CommentSchema.parse(await posted.json());
      const response = await api.post(thread, {
        id: randomUUID(),
        parentId: parent.id,
        authorName: 'Grace',
        body: 'Reply',
      });
      assert.equal(response.status, 201);
      const reply = CommentSchema.parse(await response.json());
      assert.equal(reply.parentId, parent.id);
      assert.deepEqual((await api.list(thread)).comments.at(-1), reply);
    });

    it('accepts application/json with a charset parameter', async () => {
      const response = await api.app.request(
        commentsUrl('/charset'),
        jsonPost(
          { id: randomUUID(), authorName: 'A', body: 'B' },
          { 'Content-Type': 'Application/JSON; charset=UTF-8' },
        ),
      );
      assert.equal(response.status, 201);
    });

    it('stores markdown and HTML-looking bodies verbatim: the server neither renders nor sanitises', async () => {
      const body = '**Bold** <script>alert(1)</script> [x](javascript:alert(1)) &amp; <b onclick="x()">b</b>';
      const authorName = '<img src=x onerror=alert(1)>';
      const response = await api.post('/verbatim', { id: randomUUID(), authorName, body });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('content-type'), 'application/json');
      const stored = CommentSchema.parse(await response.json());
      assert.equal(stored.body, body);
      assert.equal(stored.authorName, authorName);
      const [listed] = (await api.list('/verbatim')).comments;
      assert.equal(listed?.body, body);
      assert.equal(listed?.authorName, authorName);
    });

    it('accepts a body and a name exactly at their limits', async () => {
      const body = 'x'.repeat(limits.bodyMaxChars);
      const authorName = 'n'.repeat(limits.authorNameMaxChars);
      const response = await api.post('/limits', { id: randomUUID(), authorName, body });
      assert.equal(response.status, 201);
      assert.equal(CommentSchema.parse(await response.json()).body, body);
    });

    it('pages with since cursors when the page size is small', async () => {
      const paged = api.makeApp({ pageSize: 2 });
      const posted: Comment[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await paged.request(
          commentsUrl('/paged'),
          jsonPost({ id: randomUUID(), authorName: 'P', body: `#${i}` }),
        );
        posted.push(CommentSchema.parse(await response.json()));
      }
      const pages: ChangesResponse[] = [];
      let cursor: string | undefined;
      do {
        const response = await paged.request(commentsUrl('/paged', cursor));
        assert.equal(response.status, 200);
        const page = ChangesResponseSchema.parse(await response.json());
        pages.push(page);
        cursor = page.cursor;
      } while (pages.at(-1)?.more);
      assert.deepEqual(
        pages.map((page) => [page.comments.map((comment) => comment.body), page.more]),
        [
          [['#0', '#1'], true],
          [['#2', '#3'], true],
          [['#4'], false],
        ],
      );
      assert.equal(pages.at(-1)?.cursor, String(posted[4]!.seq));

      const caughtUp = ChangesResponseSchema.parse(
        await (await paged.request(commentsUrl('/paged', cursor))).json(),
      );
      assert.deepEqual(caughtUp, { comments: [], cursor, more: false, locked: false });
      assert.deepEqual(await api.list('/never-used'), {
        comments: [],
        cursor: '0',
        more: false,
        locked: false,
      });
    });

    it('answers 304 to a matching If-None-Match until the thread changes', async () => {
      const first = await api.app.request(commentsUrl('/etag'));
      const etag = first.headers.get('etag');
      assert.ok(etag);
      for (const ifNoneMatch of [etag, etag.slice(2), `"other", ${etag}`, '*']) {
        const cached = await api.app.request(commentsUrl('/etag'), {
          headers: { 'If-None-Match': ifNoneMatch },
        });
        assert.equal(cached.status, 304, ifNoneMatch);
        assert.equal(await cached.text(), '');
        assert.equal(cached.headers.get('etag'), etag);
        assert.equal(cached.headers.get('cache-control'), 'no-cache');
      }
      const otherCursor = await api.app.request(commentsUrl('/etag', '5'), {
        headers: { 'If-None-Match': etag },
      });
      assert.equal(otherCursor.status, 200);

      await api.post('/etag', { id: randomUUID(), authorName: 'E', body: 'changes the feed' });
      const changed = await api.app.request(commentsUrl('/etag'), { headers: { 'If-None-Match': etag } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      assert.equal(ChangesResponseSchema.parse(await changed.json()).comments.length, 1);
    });

    it('answers a repeated post with 200 and the stored comment', async () => {
      const body = { id: randomUUID(), authorName: 'Idem', body: 'Once only' };
      const created = await api.post('/idem', body);
      assert.equal(created.status, 201);
      const stored = await created.json();
      api.clockMs += 60_000;
      const again = await api.post('/idem', { ...body, authorName: ' Idem ', body: 'Once only\n' });
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), stored);
      assert.equal((await api.list('/idem')).comments.length, 1);
    });

    it('answers 409 id_conflict to the same id with other content or in another thread', async () => {
      const body = { id: randomUUID(), authorName: 'Con', body: 'Original' };
      assert.equal((await api.post('/conflict', body)).status, 201);
      const before = await api.list('/conflict');
      for (const [where, changed] of [
        ['/conflict', { ...body, body: 'Changed' }],
        ['/conflict', { ...body, authorName: 'Other' }],
        ['/conflict', { ...body, parentId: before.comments[0]!.id }],
        ['/conflict-elsewhere', body],
      ] as const) {
        await assertError(await api.post(where, changed), 409, 'id_conflict', 'id');
      }
      assert.deepEqual(await api.list('/conflict'), before);
      assert.deepEqual((await api.list('/conflict-elsewhere')).comments, []);
    });

    it('decodes thread keys with %2F, %25 and other escapes as one path segment', async () => {
      for (const key of [
        '/posts/my-post?draft=1#top',
        '100% sure',
        'a%2Fb',
        'ünïcødé / 日本語',
        'a/../b',
        '/',
      ]) {
        const response = await api.post(key, { id: randomUUID(), authorName: 'K', body: key });
        assert.equal(response.status, 201, key);
        assert.equal(CommentSchema.parse(await response.json()).thread, key);
        const page = await api.list(key);
        assert.deepEqual(
          page.comments.map((comment) => comment.thread),
          [key],
          key,
        );
      }
    });

    it("keeps a guest's email (lowercased) and token hash private to the server", async () => {
      const token = makeGuestToken();
      const id = randomUUID();
      const response = await api.post(
        '/private',
        { id, authorName: 'Ada', body: 'With email', email: '  Ada@Example.ORG ' },
        bearer(token),
      );
      assert.equal(response.status, 201);
      const text = await response.text();
      assert.equal(text.includes('example.org'), false, text);
      assert.equal(text.includes(sha256Hex(token)), false, text);
      const stored = await api.store.getComment(id);
      assert.equal(stored?.author.email, 'ada@example.org');
      assert.equal(stored?.author.authorTokenHash, sha256Hex(token));
      assert.equal(stored?.author.verified, false);
      const listed = JSON.stringify(await api.list('/private'));
      assert.equal(listed.includes('example.org'), false);

      const withoutEmail = randomUUID();
      await api.post('/private', { id: withoutEmail, authorName: 'Ada', body: 'No email', email: '' });
      assert.equal((await api.store.getComment(withoutEmail))?.author.email, null);
      assert.equal((await api.store.getComment(withoutEmail))?.author.authorTokenHash, null);
    });

    it('refuses an unknown bearer token with 401 auth_required and stores nothing', async () => {
      const id = randomUUID();
      const response = await api.post(
        '/unknown',
        { id, authorName: 'A', body: 'B' },
        bearer('wrong-admin-token-0123456789'),
      );
      await assertError(response, 401, 'auth_required');
      assert.equal(await api.store.getComment(id), null);
    });

    it('cannot address the thread keys "." and "..": URL parsing removes those path segments', async () => {
      for (const key of ['.', '..']) {
        await assertError(await api.app.request(commentsUrl(key)), 404, 'not_found');
      }
    });
  });
}
