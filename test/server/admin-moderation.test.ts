import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '../../src/protocol/index.js';
import type { AdminComment } from '../../server/src/admin/admin-comment.js';
import { ipHash, useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';
import { assertError } from './helpers/http.js';

for (const backend of apiBackends) {
  describe(`admin API over ${backend.name}`, () => {
    const harness = useAdminHarness(backend);
    const { request, json, insert, feed, record, auditCount, assertAudited } = harness;

    describe('approve', () => {
      it('publishes a held comment with a new seq, so the public feed carries it', async () => {
        const thread = '/posts/approve';
        const held = await insert({ thread, author: { userId: 'sso-7', email: 'ada@example.org' } });
        assert.deepEqual((await feed(thread)).comments, []);

        const approved = await json<AdminComment>(await request('POST', `/comments/${held.id}/approve`), 200);
        assert.equal(approved.status, 'published');
        assert.ok(approved.seq > held.seq, 'approval takes a new seq');
        assert.deepEqual(
          { site: approved.site, email: approved.email, userId: approved.userId, ipHash: approved.ipHash },
          { site: 'blog', email: 'ada@example.org', userId: 'sso-7', ipHash },
        );
        assert.equal('authorTokenHash' in approved, false);

        const [shown] = (await feed(thread)).comments;
        assert.ok(shown);
        assert.equal(shown.id, held.id);
        assert.equal(shown.seq, approved.seq);
        assert.equal(shown.status, 'published');
        assert.equal(
          'email' in shown || 'ipHash' in shown,
          false,
          'the public feed carries no private details',
        );
        const entry = await assertAudited('comment.approve', 'blog', held.id);
        assert.match(entry.detail, /\/posts\/approve/);
      });

      it('approving a published comment answers it unchanged, with no new seq or audit entry', async () => {
        const comment = await insert({ status: 'published' });
        const entries = await auditCount();
        const again = await json<AdminComment>(await request('POST', `/comments/${comment.id}/approve`), 200);
        assert.equal(again.seq, comment.seq);
        assert.equal((await record(comment.id)).comment.seq, comment.seq);
        assert.equal(await auditCount(), entries);
      });

      it('refuses a deleted comment with 409 comment_deleted, and an unknown id with 404', async () => {
        const comment = await insert();
        await harness.store.updateComment(comment.id, { status: 'deleted' }, harness.clockMs);
        await assertError(await request('POST', `/comments/${comment.id}/approve`), 409, 'comment_deleted');
        assert.equal((await record(comment.id)).comment.status, 'deleted');
        // Also ids no comment could have: a NUL character, which PostgreSQL refuses outright.
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', `${comment.id}%00`]) {
          for (const [method, suffix] of [
            ['POST', '/approve'],
            ['POST', '/reject'],
            ['DELETE', ''],
          ] as const) {
            await assertError(await request(method, `/comments/${id}${suffix}`), 404, 'not_found');
          }
          await assertError(
            await request('POST', `/comments/${id}/pin`, { body: { pinned: true } }),
            404,
            'not_found',
          );
        }
      });
    });

    describe('reject and delete', () => {
      it('rejecting a held comment leaves a tombstone in the feed', async () => {
        const thread = '/posts/reject';
        const held = await insert({ thread, body: 'Buy cheap pills' });
        const rejected = await json<AdminComment>(await request('POST', `/comments/${held.id}/reject`), 200);
        assert.equal(rejected.status, 'deleted');
        assert.equal(rejected.body, '');
        const [tombstone] = (await feed(thread)).comments;
        assert.deepEqual(
          tombstone && {
            id: tombstone.id,
            status: tombstone.status,
            body: tombstone.body,
            name: tombstone.authorName,
          },
          { id: held.id, status: 'deleted', body: '', name: '' },
        );
        await assertAudited('comment.reject', 'blog', held.id);
        await assertError(await request('POST', `/comments/${held.id}/reject`), 409, 'comment_deleted');
      });

      it('rejecting a published comment removes it like a delete', async () => {
        const thread = '/posts/reject-published';
        const comment = await insert({ thread, status: 'published' });
        const rejected = await json<AdminComment>(
          await request('POST', `/comments/${comment.id}/reject`),
          200,
        );
        assert.equal(rejected.status, 'deleted');
        assert.deepEqual(
          (await feed(thread)).comments.map((each) => [each.id, each.status, each.body]),
          [[comment.id, 'deleted', '']],
        );
        const entry = await assertAudited('comment.reject', 'blog', comment.id);
        assert.match(entry.detail, /was published/);
      });

      it('DELETE tombstones any comment with a new seq; deleting again answers the same tombstone', async () => {
        const thread = '/posts/delete';
        const comment = await insert({ thread, status: 'published', author: { userId: 'sso-9' } });
        const deleted = await json<AdminComment>(await request('DELETE', `/comments/${comment.id}`), 200);
        assert.equal(deleted.status, 'deleted');
        assert.ok(deleted.seq > comment.seq);
        // A tombstone forgets the email, but keeps what a ban by commentId needs.
        assert.deepEqual(
          { email: deleted.email, userId: deleted.userId, ipHash: deleted.ipHash },
          { email: null, userId: 'sso-9', ipHash },
        );
        const [tombstone] = (await feed(thread)).comments;
        assert.equal(tombstone?.status, 'deleted');
        assert.equal(tombstone.seq, deleted.seq);
        await assertAudited('comment.delete', 'blog', comment.id);

        const entries = await auditCount();
        const again = await json<AdminComment>(await request('DELETE', `/comments/${comment.id}`), 200);
        assert.deepEqual(again, deleted);
        assert.equal(await auditCount(), entries);
      });
    });

    describe('pin', () => {
      it('pins and unpins a published comment; the feed shows it', async () => {
        const thread = '/posts/pin';
        const comment = await insert({ thread, status: 'published' });
        const pinned = await json<AdminComment>(
          await request('POST', `/comments/${comment.id}/pin`, { body: { pinned: true } }),
          200,
        );
        assert.equal(pinned.pinned, true);
        assert.ok(pinned.seq > comment.seq);
        assert.equal((await feed(thread)).comments[0]?.pinned, true);
        const entry = await assertAudited('comment.pin', 'blog', comment.id);
        assert.equal(entry.detail, 'thread /posts/pin', 'a pin names the thread, not a status');

        const unpinned = await json<AdminComment>(
          await request('POST', `/comments/${comment.id}/pin`, { body: { pinned: false } }),
          200,
        );
        assert.equal(unpinned.pinned, false);
        assert.equal((await feed(thread)).comments[0]?.pinned, false);
        assert.equal((await assertAudited('comment.unpin', 'blog', comment.id)).detail, 'thread /posts/pin');
      });

      it('refuses held (409 validation_failed, field pinned) and deleted (409 comment_deleted) comments', async () => {
        const held = await insert();
        await assertError(
          await request('POST', `/comments/${held.id}/pin`, { body: { pinned: true } }),
          409,
          'validation_failed',
          'pinned',
        );
        const gone = await insert({ status: 'published' });
        await harness.store.updateComment(gone.id, { status: 'deleted' }, harness.clockMs);
        await assertError(
          await request('POST', `/comments/${gone.id}/pin`, { body: { pinned: true } }),
          409,
          'comment_deleted',
        );
        assert.equal((await record(held.id)).comment.pinned, false);
      });

      it('refuses bad bodies with 400/413/415 and changes nothing', async () => {
        const comment = await insert({ status: 'published' });
        const path = `/comments/${comment.id}/pin`;
        const entries = await auditCount();
        await assertError(
          await request('POST', path, { body: { pinned: 'yes' } }),
          400,
          'validation_failed',
          'pinned',
        );
        await assertError(await request('POST', path, { body: {} }), 400, 'validation_failed', 'pinned');
        await assertError(
          await request('POST', path, { body: { pinned: true, pined: true } }),
          400,
          'validation_failed',
          'pined',
        );
        await assertError(await request('POST', path, { body: '[true]' }), 400, 'validation_failed');
        await assertError(await request('POST', path, { body: '{"pinned": tru' }), 400, 'invalid_json');
        await assertError(await request('POST', path), 415, 'unsupported_media_type');
        await assertError(
          await request('POST', path, { body: '{"pinned":true}', headers: { 'Content-Type': 'text/plain' } }),
          415,
          'unsupported_media_type',
        );
        const huge = JSON.stringify({ pinned: true, pad: 'x'.repeat(limits.requestMaxBytes) });
        await assertError(await request('POST', path, { body: huge }), 413, 'payload_too_large');
        const stored = await record(comment.id);
        assert.deepEqual([stored.comment.seq, stored.comment.pinned], [comment.seq, false]);
        assert.equal(await auditCount(), entries);
      });
    });

    describe('thread lock', () => {
      it('locks and unlocks one site’s thread; the feed says so', async () => {
        const thread = '/posts/lock';
        const locked = await json<unknown>(
          await request('POST', '/threads/lock', { body: { site: 'blog', thread, locked: true } }),
          200,
        );
        assert.deepEqual(locked, { site: 'blog', thread, locked: true });
        assert.equal((await harness.store.getThreadState('blog', thread)).locked, true);
        assert.equal(
          (await harness.store.getThreadState('docs', thread)).locked,
          false,
          'threads are per site',
        );
        assert.equal((await feed(thread)).locked, true);
        await assertAudited('thread.lock', 'blog', thread);

        await json(
          await request('POST', '/threads/lock', { body: { site: 'blog', thread, locked: false } }),
          200,
        );
        assert.equal((await feed(thread)).locked, false);
        await assertAudited('thread.unlock', 'blog', thread);
      });

      it('refuses an unknown site, a bad thread key or a missing flag, and changes nothing', async () => {
        const entries = await auditCount();
        const cases: [unknown, string][] = [
          [{ site: 'nope', thread: '/x', locked: true }, 'site'],
          [{ thread: '/x', locked: true }, 'site'],
          [{ site: 'blog', thread: '', locked: true }, 'thread'],
          [{ site: 'blog', thread: '..', locked: true }, 'thread'],
          [{ site: 'blog', thread: 'x'.repeat(limits.threadMaxChars + 1), locked: true }, 'thread'],
          [{ site: 'blog', thread: '/x' }, 'locked'],
          [{ site: 'blog', thread: '/x', locked: 'yes' }, 'locked'],
        ];
        for (const [body, field] of cases) {
          await assertError(
            await request('POST', '/threads/lock', { body }),
            400,
            'validation_failed',
            field,
          );
        }
        assert.equal((await harness.store.getThreadState('nope', '/x')).locked, false);
        assert.equal((await harness.store.getThreadState('blog', '/x')).locked, false);
        assert.equal(await auditCount(), entries);
      });
    });
  });
}
