import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { CommentSchema, PostedCommentSchema, limits, type Comment } from '../../src/protocol/index.js';
import { apiBackends, startMs, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { commentUrl, commentsUrl, makeAuthor, makeNewComment, testAdmin } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';
import { bearer, makeGuestToken, makeSite, sha256Hex } from './helpers/identity.js';

const minuteMs = 60_000;

for (const backend of apiBackends) {
  describe(`editing and deleting over ${backend.name}`, () => {
    const api = useApiHarness(backend);
    const client = (overrides: Record<string, unknown> = {}) =>
      makeClient(api.makeApp({ sites: [makeSite(overrides)] }));

    /** Posts a comment with a fresh author token at the harness's start time. */
    async function postWithToken(
      thread: string,
      body = 'Original text',
    ): Promise<{ comment: Comment; token: string }> {
      api.clockMs = startMs;
      const token = makeGuestToken();
      const comment = await client().postOk(thread, makeNewComment({ body }), bearer(token));
      return { comment, token };
    }

    it('stores only the SHA-256 of the author token', async () => {
      const { comment, token } = await postWithToken('/hash');
      const stored = await api.store.getComment(comment.id);
      assert.equal(stored?.author.authorTokenHash, sha256Hex(token));
      assert.equal(JSON.stringify(stored).includes(token), false);
    });

    it("edits with the author's token: new body, editedAt, a new seq, in the feed", async () => {
      const { comment, token } = await postWithToken('/edit');
      // Read first, so the feed's page is cached: the edit must still show.
      assert.deepEqual((await client().list('/edit')).comments, [comment]);
      api.clockMs = startMs + 5 * minuteMs;
      const response = await client().patch(
        '/edit',
        comment.id,
        { body: '  Fixed the typo\r\n' },
        bearer(token),
      );
      assert.equal(response.status, 200);
      const edited = CommentSchema.parse(await response.json());
      const at = new Date(startMs + 5 * minuteMs).toISOString();
      assert.deepEqual(edited, {
        ...comment,
        body: 'Fixed the typo',
        editedAt: at,
        updatedAt: at,
        seq: edited.seq,
      });
      assert.ok(edited.seq > comment.seq);
      assert.deepEqual((await client().list('/edit')).comments, [edited]);
      assert.equal((await api.store.getComment(comment.id))?.comment.body, 'Fixed the typo');
    });

    it("refuses another guest's token with 403 not_author and changes nothing", async () => {
      const { comment } = await postWithToken('/not-mine');
      const other = makeGuestToken();
      await assertError(
        await client().patch('/not-mine', comment.id, { body: 'Mine now' }, bearer(other)),
        403,
        'not_author',
      );
      await assertError(await client().delete('/not-mine', comment.id, bearer(other)), 403, 'not_author');
      assert.deepEqual((await api.store.getComment(comment.id))?.comment, comment);
    });

    it('refuses a comment posted without a token to every guest token', async () => {
      api.clockMs = startMs;
      const comment = await client().postOk('/tokenless', makeNewComment());
      await assertError(
        await client().patch('/tokenless', comment.id, { body: 'x' }, bearer(makeGuestToken())),
        403,
        'not_author',
      );
    });

    it('asks for a token with 401 auth_required', async () => {
      const { comment } = await postWithToken('/no-token');
      await assertError(await client().patch('/no-token', comment.id, { body: 'x' }), 401, 'auth_required');
      await assertError(await client().delete('/no-token', comment.id), 401, 'auth_required');
      assert.deepEqual((await api.store.getComment(comment.id))?.comment, comment);
    });

    it('closes the edit window after editWindowMinutes; admins and deleting are exempt', async () => {
      const { comment, token } = await postWithToken('/window');
      api.clockMs = startMs + 15 * minuteMs;
      const atLimit = await client().patch('/window', comment.id, { body: 'Just in time' }, bearer(token));
      assert.equal(atLimit.status, 200);

      api.clockMs = startMs + 15 * minuteMs + 1;
      await assertError(
        await client().patch('/window', comment.id, { body: 'Too late' }, bearer(token)),
        403,
        'edit_window_closed',
      );
      assert.equal((await api.store.getComment(comment.id))?.comment.body, 'Just in time');

      // A longer window on the site reopens it; the site's setting is what counts.
      const longer = await client({ editWindowMinutes: 60 }).patch(
        '/window',
        comment.id,
        { body: 'Later' },
        bearer(token),
      );
      assert.equal(longer.status, 200);

      const byAdmin = await client().patch(
        '/window',
        comment.id,
        { body: 'Moderated' },
        bearer(testAdmin.token),
      );
      assert.equal(byAdmin.status, 200);
      assert.equal(CommentSchema.parse(await byAdmin.json()).body, 'Moderated');
      const [audit] = await api.store.listAudit(1);
      assert.deepEqual(audit && { actor: audit.actor, action: audit.action, target: audit.target }, {
        actor: testAdmin.name,
        action: 'comment.edit',
        target: comment.id,
      });

      const deleted = await client().delete('/window', comment.id, bearer(token));
      assert.equal(deleted.status, 200);
    });

    it("tells the author until when they may edit, in the post's answer (retries too), never in the feed", async () => {
      api.clockMs = startMs;
      const input = makeNewComment();
      const posted = await client().post('/until', input, bearer(makeGuestToken()));
      assert.equal(posted.status, 201);
      const answer = PostedCommentSchema.parse(await posted.json());
      assert.equal(answer.editableUntil, new Date(startMs + 15 * minuteMs).toISOString());
      assert.equal(Date.parse(answer.editableUntil!), Date.parse(answer.createdAt) + 15 * minuteMs);

      // A retry (the first answer was lost) says the same, later, and for the site's window.
      api.clockMs = startMs + 5 * minuteMs;
      const retried = await client({ editWindowMinutes: 60 }).post('/until', input, bearer(makeGuestToken()));
      assert.equal(retried.status, 200);
      assert.equal(
        PostedCommentSchema.parse(await retried.json()).editableUntil,
        new Date(startMs + 60 * minuteMs).toISOString(),
      );

      const feed = await api.makeApp({ sites: [makeSite()] }).request(commentsUrl('/until'));
      const [inFeed] = ((await feed.json()) as { comments: Array<Record<string, unknown>> }).comments;
      assert.equal(inFeed?.id, answer.id);
      assert.equal('editableUntil' in inFeed!, false);

      // Editing off: the window closed as it opened. An admin's post has no window to tell.
      const off = await client({ editWindowMinutes: 0 }).post(
        '/until',
        makeNewComment(),
        bearer(makeGuestToken()),
      );
      const offAnswer = PostedCommentSchema.parse(await off.json());
      assert.equal(offAnswer.editableUntil, offAnswer.createdAt);
      const byAdmin = await client().post('/until', makeNewComment(), bearer(testAdmin.token));
      assert.equal('editableUntil' in (await byAdmin.json()), false);
    });

    it('never opens the window when editWindowMinutes is 0', async () => {
      const { comment, token } = await postWithToken('/no-window');
      await assertError(
        await client({ editWindowMinutes: 0 }).patch(
          '/no-window',
          comment.id,
          { body: 'Edit' },
          bearer(token),
        ),
        403,
        'edit_window_closed',
      );
    });

    it('answers a retried edit (same body) with the comment, even after the window, without a new seq', async () => {
      const { comment, token } = await postWithToken('/retry-edit');
      api.clockMs = startMs + minuteMs;
      const first = CommentSchema.parse(
        await (
          await client().patch('/retry-edit', comment.id, { body: 'Edited once' }, bearer(token))
        ).json(),
      );
      api.clockMs = startMs + 60 * minuteMs;
      const again = await client().patch('/retry-edit', comment.id, { body: 'Edited once\n' }, bearer(token));
      assert.equal(again.status, 200);
      assert.deepEqual(CommentSchema.parse(await again.json()), first);
    });

    it('deletes into a tombstone with a new seq; replies keep their place; twice is the same tombstone', async () => {
      const { comment, token } = await postWithToken('/delete', 'Regrettable');
      const reply = await client().postOk('/delete', makeNewComment({ parentId: comment.id, body: 'Reply' }));
      api.clockMs = startMs + 2 * minuteMs;
      const response = await client().delete('/delete', comment.id, bearer(token));
      assert.equal(response.status, 200);
      const tombstone = CommentSchema.parse(await response.json());
      assert.equal(tombstone.status, 'deleted');
      assert.equal(tombstone.body, '');
      assert.equal(tombstone.authorName, '');
      assert.ok(tombstone.seq > reply.seq);

      const feed = await client().list('/delete');
      assert.deepEqual(
        feed.comments.map((c) => [c.id, c.status, c.parentId]),
        [
          [reply.id, 'published', comment.id],
          [comment.id, 'deleted', null],
        ],
      );
      assert.equal(feed.cursor, String(tombstone.seq));

      const twice = await client().delete('/delete', comment.id, bearer(token));
      assert.equal(twice.status, 200);
      assert.deepEqual(CommentSchema.parse(await twice.json()), tombstone);
      assert.equal((await client().list('/delete')).cursor, String(tombstone.seq));

      await assertError(
        await client().patch('/delete', comment.id, { body: 'Back again' }, bearer(token)),
        409,
        'comment_deleted',
      );
      assert.deepEqual((await api.store.getComment(comment.id))?.comment, tombstone);
    });

    it('lets an admin delete any comment, and records it', async () => {
      api.clockMs = startMs;
      const comment = await client().postOk('/admin-delete', makeNewComment());
      const response = await client().delete('/admin-delete', comment.id, bearer(testAdmin.token));
      assert.equal(response.status, 200);
      const [audit] = await api.store.listAudit(1);
      assert.equal(audit?.action, 'comment.delete');
      assert.equal(audit?.actor, testAdmin.name);
    });

    it('lets the author edit a held comment, which stays held and out of the feed', async () => {
      api.clockMs = startMs;
      const token = makeGuestToken();
      const held = await client({ moderation: 'all' }).postOk('/held-edit', makeNewComment(), bearer(token));
      assert.equal(held.status, 'held');
      const response = await client().patch('/held-edit', held.id, { body: 'Better now' }, bearer(token));
      assert.equal(response.status, 200);
      const edited = CommentSchema.parse(await response.json());
      assert.equal(edited.status, 'held');
      assert.equal(edited.body, 'Better now');
      assert.deepEqual((await client().list('/held-edit')).comments, []);
    });

    it('answers 404 for a comment in another thread, on another site, or that does not exist', async () => {
      const { comment, token } = await postWithToken('/here');
      await assertError(
        await client().patch('/elsewhere', comment.id, { body: 'x' }, bearer(token)),
        404,
        'not_found',
      );
      await assertError(await client().delete('/elsewhere', comment.id, bearer(token)), 404, 'not_found');
      await assertError(
        await client().patch('/here', randomUUID(), { body: 'x' }, bearer(token)),
        404,
        'not_found',
      );
      await assertError(await client().delete('/here', 'not-a-uuid', bearer(token)), 404, 'not_found');
      // NUL, which PostgreSQL refuses outright, names no comment either.
      await assertError(await client().delete('/here', 'a\u0000b', bearer(token)), 404, 'not_found');
      await assertError(
        await client().patch('/here', `${comment.id}\u0000`, { body: 'x' }, bearer(token)),
        404,
        'not_found',
      );

      const foreign = makeNewComment();
      await api.store.insertComment({
        site: 'other',
        thread: '/here',
        input: foreign,
        author: makeAuthor({ authorTokenHash: sha256Hex(token) }),
        status: 'published',
        nowMs: startMs,
      });
      await assertError(
        await client().patch('/here', foreign.id, { body: 'x' }, bearer(token)),
        404,
        'not_found',
      );
      assert.equal((await api.store.getComment(foreign.id))?.comment.body, foreign.body);
      assert.equal((await api.store.getComment(comment.id))?.comment.body, comment.body);
    });

    it('refuses bad edit bodies like bad posts: 415, 413, 400', async () => {
      const { comment, token } = await postWithToken('/bad-edit');
      const app = api.makeApp({ sites: [makeSite()] });
      const send = (body: BodyInit, contentType = 'application/json') =>
        app.request(commentUrl('/bad-edit', comment.id), {
          method: 'PATCH',
          headers: { 'Content-Type': contentType, ...bearer(token) },
          body,
        });
      await assertError(await send('{"body":"x"}', 'text/plain'), 415, 'unsupported_media_type');
      await assertError(
        await send(JSON.stringify({ body: 'x'.repeat(limits.requestMaxBytes) })),
        413,
        'payload_too_large',
      );
      await assertError(await send('{"body":'), 400, 'invalid_json');
      await assertError(await send('[]'), 400, 'validation_failed');
      await assertError(await send('{}'), 400, 'validation_failed', 'body');
      await assertError(await send('{"body":"   "}'), 400, 'validation_failed', 'body');
      await assertError(
        await send(JSON.stringify({ body: 'x'.repeat(limits.bodyMaxChars + 1) })),
        400,
        'validation_failed',
        'body',
      );
      await assertError(await send('{"body":"bell\\u0007"}'), 400, 'validation_failed', 'body');
      assert.deepEqual((await api.store.getComment(comment.id))?.comment, comment);
    });

    it('answers other methods on a comment with 405 and Allow', async () => {
      const { comment } = await postWithToken('/methods');
      for (const method of ['PUT', 'POST', 'GET']) {
        const response = await api
          .makeApp({ sites: [makeSite()] })
          .request(commentUrl('/methods', comment.id), { method });
        assert.equal(response.headers.get('allow'), 'PATCH, DELETE, OPTIONS', method);
        await assertError(response, 405, 'method_not_allowed');
      }
    });
  });
}
