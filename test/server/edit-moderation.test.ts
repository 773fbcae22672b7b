import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { CommentSchema, type Comment } from '../../src/protocol/index.js';
import { apiBackends, startMs, useApiHarness } from './helpers/api-harness.js';
import { makeClient } from './helpers/app-client.js';
import { commentsUrl, makeNewComment, testAdmin } from './helpers/fixtures.js';
import { bearer, makeGuestToken, makeSite } from './helpers/identity.js';

const spam = Array.from({ length: 10 }, (_, index) => `https://spam.example/${index}`).join(' ');

for (const backend of apiBackends) {
  describe(`edits facing moderation over ${backend.name}`, () => {
    const api = useApiHarness(backend);
    const client = (overrides: Record<string, unknown> = {}) =>
      makeClient(api.makeApp({ sites: [makeSite(overrides)] }));

    /** A published comment by a guest, posted where nothing is held, with its author token. */
    async function postPublished(thread: string): Promise<{ comment: Comment; token: string }> {
      const token = makeGuestToken();
      const comment = await client().postOk(thread, makeNewComment({ body: 'Approved text' }), bearer(token));
      assert.equal(comment.status, 'published');
      return { comment, token };
    }

    /** PATCHes and answers the status and the parsed comment. */
    async function patch(
      overrides: Record<string, unknown>,
      thread: string,
      id: string,
      body: string,
      token: string,
    ): Promise<{ status: number; comment: Comment }> {
      const response = await client(overrides).patch(thread, id, { body }, bearer(token));
      const text = await response.text();
      return { status: response.status, comment: CommentSchema.parse(JSON.parse(text)) };
    }

    it('holds an edit into too many links: 202 with the edit pending, the feed keeps the approved text', async () => {
      const { comment, token } = await postPublished('/links');
      const before = await api.app.request(commentsUrl('/links'));
      const etag = before.headers.get('ETag');
      assert.ok(etag);

      const held = await patch({}, '/links', comment.id, spam, token);
      assert.equal(held.status, 202);
      assert.deepEqual(held.comment, {
        ...comment,
        pendingEdit: { body: spam, heldAt: new Date(startMs).toISOString() },
      });
      // Nothing changed in public: the same page, and the cached ETag still matches.
      assert.deepEqual((await client().list('/links')).comments, [comment]);
      const again = await api.app.request(commentsUrl('/links'), { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      assert.equal((await api.store.getComment(comment.id))?.pendingEdit?.body, spam);

      // The same edit again is a retry: the same answer.
      const retried = await patch({}, '/links', comment.id, spam, token);
      assert.equal(retried.status, 202);
      assert.deepEqual(retried.comment, held.comment);
    });

    it('holds an edit that adds a blocklisted word, and every edit in mode all', async () => {
      const { comment, token } = await postPublished('/words');
      const blocked = await patch({ blocklist: ['casino'] }, '/words', comment.id, 'Visit the casino', token);
      assert.equal(blocked.status, 202);
      assert.equal(blocked.comment.body, 'Approved text');
      assert.equal(blocked.comment.pendingEdit?.body, 'Visit the casino');

      const strict = await patch({ moderation: 'all' }, '/words', comment.id, 'A harmless fix', token);
      assert.equal(strict.status, 202);
      assert.equal(strict.comment.pendingEdit?.body, 'A harmless fix', 'a newer edit replaces the held one');
      assert.deepEqual((await client().list('/words')).comments, [comment]);
    });

    it('publishes an edit that passes, replacing a held one; going back to the approved text withdraws it', async () => {
      const { comment, token } = await postPublished('/passes');
      assert.equal((await patch({}, '/passes', comment.id, spam, token)).status, 202);
      const withdrawn = await patch({}, '/passes', comment.id, 'Approved text', token);
      assert.equal(withdrawn.status, 200);
      assert.equal(withdrawn.comment.body, 'Approved text');
      assert.equal(withdrawn.comment.pendingEdit, undefined);
      assert.ok(withdrawn.comment.seq > comment.seq, 'the author’s other devices hear of it');
      assert.equal((await api.store.getComment(comment.id))?.pendingEdit, undefined);

      assert.equal((await patch({}, '/passes', comment.id, spam, token)).status, 202);
      const fixed = await patch({}, '/passes', comment.id, 'One good link: https://example.org', token);
      assert.equal(fixed.status, 200);
      assert.equal(fixed.comment.body, 'One good link: https://example.org');
      assert.equal((await api.store.getComment(comment.id))?.pendingEdit, undefined);
      // The body holds a link: the feed sends its tree beside it.
      assert.deepEqual((await client().list('/passes')).comments, [
        { ...fixed.comment, bodyTree: parseMarkdown(fixed.comment.body) },
      ]);
    });

    it("keeps a held comment held with its new text, and publishes an admin's edit", async () => {
      const token = makeGuestToken();
      const held = await client({ moderation: 'all' }).postOk('/held', makeNewComment(), bearer(token));
      assert.equal(held.status, 'held');
      const edited = await patch({ moderation: 'all' }, '/held', held.id, spam, token);
      assert.equal(edited.status, 200);
      assert.equal(edited.comment.status, 'held');
      assert.equal(edited.comment.body, spam);
      assert.equal(edited.comment.pendingEdit, undefined);

      const { comment } = await postPublished('/admin');
      const byAdmin = await patch({ moderation: 'all' }, '/admin', comment.id, spam, testAdmin.token);
      assert.equal(byAdmin.status, 200);
      assert.equal(byAdmin.comment.body, spam);
      assert.deepEqual((await client().list('/admin')).comments, [
        { ...byAdmin.comment, bodyTree: parseMarkdown(spam) },
      ]);
    });

    it('refuses a held edit after the edit window like any edit, but answers its retry', async () => {
      const { comment, token } = await postPublished('/window');
      assert.equal((await patch({}, '/window', comment.id, spam, token)).status, 202);
      api.clockMs = startMs + 16 * 60_000;
      assert.equal((await patch({}, '/window', comment.id, spam, token)).status, 202);
      const late = await client().patch('/window', comment.id, { body: `${spam} more` }, bearer(token));
      assert.equal(late.status, 403);
      assert.equal((await api.store.getComment(comment.id))?.pendingEdit?.body, spam);
    });
  });
}
