import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdminComment } from '../../server/src/admin/admin-comment.js';
import { useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';
import { assertError } from './helpers/http.js';

for (const backend of apiBackends) {
  describe(`admin API: held edits over ${backend.name}`, () => {
    const harness = useAdminHarness(backend);
    const { request, json, insert, feed, record, auditCount, assertAudited } = harness;

    /** A published comment on blog's `thread` with an author's edit held for a moderator. */
    async function insertHeldEdit(thread: string) {
      const comment = await insert({ thread, status: 'published', body: 'Approved text' });
      await harness.store.holdEdit(comment.id, 'Held text', harness.clockMs);
      return comment;
    }

    it('lists only published comments whose edit waits, with the held text', async () => {
      const waiting = await insertHeldEdit('/posts/edits');
      await insert({ thread: '/posts/edits', status: 'published' });
      await insert({ thread: '/posts/edits' });
      const page = await json<{ comments: AdminComment[] }>(
        await request('GET', '/comments?pendingEdit=true'),
        200,
      );
      assert.deepEqual(
        page.comments.map((comment) => [comment.id, comment.body, comment.pendingEdit?.body]),
        [[waiting.id, 'Approved text', 'Held text']],
      );
      await assertError(
        await request('GET', '/comments?pendingEdit=yes'),
        400,
        'validation_failed',
        'pendingEdit',
      );
    });

    it('approving a held edit publishes its text with a new seq, so the feed and readers get it', async () => {
      const comment = await insertHeldEdit('/posts/approve-edit');
      const approved = await json<AdminComment>(
        await request('POST', `/comments/${comment.id}/edit/approve`),
        200,
      );
      assert.equal(approved.body, 'Held text');
      assert.equal(approved.pendingEdit, undefined);
      assert.ok(approved.seq > comment.seq);
      assert.ok(approved.editedAt);
      const [shown] = (await feed('/posts/approve-edit')).comments;
      assert.deepEqual([shown?.body, shown?.seq], ['Held text', approved.seq]);
      await assertAudited('comment.edit.approve', 'blog', comment.id);
    });

    it('rejecting a held edit keeps the approved text, drops the edit and takes a seq', async () => {
      const comment = await insertHeldEdit('/posts/reject-edit');
      const rejected = await json<AdminComment>(
        await request('POST', `/comments/${comment.id}/edit/reject`),
        200,
      );
      assert.equal(rejected.body, 'Approved text');
      assert.equal(rejected.status, 'published');
      assert.equal(rejected.pendingEdit, undefined);
      assert.ok(rejected.seq > comment.seq);
      assert.equal((await record(comment.id)).pendingEdit, undefined);
      const [shown] = (await feed('/posts/reject-edit')).comments;
      assert.deepEqual([shown?.body, shown?.seq], ['Approved text', rejected.seq]);
      await assertAudited('comment.edit.reject', 'blog', comment.id);
    });

    it('answers a comment without a held edit as it is; a tombstone with 409; other methods 405', async () => {
      const comment = await insert({ status: 'published' });
      const entries = await auditCount();
      for (const action of ['approve', 'reject']) {
        const same = await json<AdminComment>(
          await request('POST', `/comments/${comment.id}/edit/${action}`),
          200,
        );
        assert.equal(same.seq, comment.seq);
      }
      assert.equal(await auditCount(), entries);
      await harness.store.updateComment(comment.id, { status: 'deleted' }, harness.clockMs);
      await assertError(
        await request('POST', `/comments/${comment.id}/edit/approve`),
        409,
        'comment_deleted',
      );
      await assertError(
        await request('GET', `/comments/${comment.id}/edit/reject`),
        405,
        'method_not_allowed',
      );
    });
  });
}
