import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { ThreadSummary } from '../../server/src/store/admin-views.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore } from './store-contract.js';

/** What the admin page reads: a site's threads, the moderation queue's size, comments by id. */
export function runAdminViewContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);

  it('lists a site’s threads with counts, last activity and locks, newest activity first', async () => {
    const store = current.get();
    await insertCreated(store, '/a', { at: nowMs });
    await insertCreated(store, '/a', { at: nowMs + 10, status: 'held' });
    const deleted = await insertCreated(store, '/a', { at: nowMs + 20 });
    await store.updateComment(deleted.id, { status: 'deleted' }, nowMs + 500);
    const voted = await insertCreated(store, '/b', { at: nowMs + 30 });
    // A vote and a pin are no new comment: neither moves /b above /c.
    await store.setVote({ site, commentId: voted.id, voterKey: 'anon:x', isUp: true, nowMs: nowMs + 600 });
    await store.updateComment(voted.id, { pinned: true }, nowMs + 700);
    await insertCreated(store, '/c', { at: nowMs + 40, status: 'held' });
    await insertCreated(store, '/other-site', { at: nowMs + 50, site: 'blog' });
    await store.setThreadLocked(site, '/b', true);
    // Locked before its first comment: listed after every thread with one.
    await store.setThreadLocked(site, '/quiet', true);
    await store.setThreadLocked('blog', '/blog-only', true);

    const threads = await store.listThreads(site, { limit: 10 });
    assert.deepEqual(threads, [
      { thread: '/c', published: 0, held: 1, lastActivityMs: nowMs + 40, locked: false },
      { thread: '/b', published: 1, held: 0, lastActivityMs: nowMs + 30, locked: true },
      { thread: '/a', published: 1, held: 1, lastActivityMs: nowMs + 20, locked: false },
      { thread: '/quiet', published: 0, held: 0, lastActivityMs: null, locked: true },
    ] satisfies ThreadSummary[]);

    await store.setThreadLocked(site, '/b', false);
    await store.setThreadLocked(site, '/quiet', false);
    assert.deepEqual(
      (await store.listThreads(site, { limit: 10 })).map(({ thread, locked }) => [thread, locked]),
      [
        ['/c', false],
        ['/b', false],
        ['/a', false],
      ],
    );
    assert.deepEqual(await store.listThreads('nowhere', { limit: 10 }), []);
  });

  it('pages threads after a cursor, ties broken by key in byte order, without gaps or repeats', async () => {
    const store = current.get();
    // Same time for four keys: the key decides, by UTF-8 bytes ('Z' < 'a' < 'é' < '😀').
    for (const thread of ['/😀', '/a', '/é', '/Z']) await insertCreated(store, thread, { at: nowMs + 5 });
    await insertCreated(store, '/newest', { at: nowMs + 9 });
    await insertCreated(store, '/oldest', { at: nowMs });
    await store.setThreadLocked(site, '/locked-b', true);
    await store.setThreadLocked(site, '/locked-a', true);
    const expected = ['/newest', '/Z', '/a', '/é', '/😀', '/oldest', '/locked-a', '/locked-b'];

    const all = await store.listThreads(site, { limit: 100 });
    assert.deepEqual(
      all.map((summary) => summary.thread),
      expected,
    );
    const seen: string[] = [];
    let before: ThreadSummary | undefined;
    for (let page = 0; page < 10; page += 1) {
      const threads = await store.listThreads(site, { limit: 3, ...(before ? { before } : {}) });
      seen.push(...threads.map((summary) => summary.thread));
      before = threads.at(-1);
      if (threads.length < 3) break;
    }
    assert.deepEqual(seen, expected);
    assert.deepEqual(await store.listThreads(site, { limit: 0 }), []);
  });

  it('counts held comments and held edits, per site or everywhere', async () => {
    const store = current.get();
    assert.deepEqual(await store.countModerationQueue(), { held: 0, pendingEdits: 0 });
    await insertCreated(store, '/a', { status: 'held' });
    await insertCreated(store, '/a', { status: 'held', site: 'blog' });
    const rejected = await insertCreated(store, '/a', { status: 'held' });
    await store.updateComment(rejected.id, { status: 'deleted' }, nowMs + 1);
    const edited = await insertCreated(store, '/a');
    await store.holdEdit(edited.id, 'A held edit', nowMs + 2);
    const editedThenDeleted = await insertCreated(store, '/b', { site: 'blog' });
    await store.holdEdit(editedThenDeleted.id, 'Another', nowMs + 3);
    await insertCreated(store, '/a');

    assert.deepEqual(await store.countModerationQueue(site), { held: 1, pendingEdits: 1 });
    assert.deepEqual(await store.countModerationQueue('blog'), { held: 1, pendingEdits: 1 });
    assert.deepEqual(await store.countModerationQueue(), { held: 2, pendingEdits: 2 });
    await store.updateComment(editedThenDeleted.id, { status: 'deleted' }, nowMs + 4);
    assert.deepEqual(await store.countModerationQueue('blog'), { held: 1, pendingEdits: 0 });
    assert.deepEqual(await store.countModerationQueue('nowhere'), { held: 0, pendingEdits: 0 });
  });

  it('reads the comments that exist among many ids, once each', async () => {
    const store = current.get();
    const first = await insertCreated(store, '/a', { status: 'held' });
    const second = await insertCreated(store, '/b', { site: 'blog' });
    const ids = [first.id, randomUUID(), second.id, first.id, ...Array.from({ length: 500 }, randomUUID)];
    const records = await store.getComments(ids);
    assert.deepEqual(
      records.map((record) => [record.site, record.comment.id, record.comment.status]).sort(),
      [
        [site, first.id, 'held'],
        ['blog', second.id, 'published'],
      ].sort(),
    );
    assert.deepEqual(await store.getComments([]), []);
    assert.deepEqual(
      await store.getComment(first.id),
      records.find((r) => r.comment.id === first.id),
    );
  });
}
