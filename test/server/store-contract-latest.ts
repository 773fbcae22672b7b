import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore } from './store-contract.js';

/** A site's and a thread's latest published comments, as the feeds list them. */
export function runLatestCommentsContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);

  it('lists the latest published comments newest written first, by thread or site-wide', async () => {
    const store = current.get();
    const first = await insertCreated(store, '/a', { at: nowMs });
    const other = await insertCreated(store, '/b', { at: nowMs + 1 });
    const held = await insertCreated(store, '/a', { at: nowMs + 2, status: 'held' });
    const deleted = await insertCreated(store, '/a', { at: nowMs + 3 });
    await store.updateComment(deleted.id, { status: 'deleted' }, nowMs + 4);
    const latest = await insertCreated(store, '/a', { at: nowMs + 5 });
    await insertCreated(store, '/a', { at: nowMs + 6, site: 'blog' });
    // A vote and a pin take seqs; neither moves a comment in the feed.
    await store.setVote({ site, commentId: first.id, voterKey: 'anon:x', isUp: true, nowMs: nowMs + 7 });
    await store.updateComment(first.id, { pinned: true }, nowMs + 8);

    const ids = (comments: readonly { id: string }[]) => comments.map((comment) => comment.id);
    assert.deepEqual(ids(await store.listLatestComments(site, '/a', 10)), [latest.id, first.id]);
    assert.deepEqual(ids(await store.listLatestComments(site, null, 10)), [latest.id, other.id, first.id]);
    assert.deepEqual(ids(await store.listLatestComments(site, null, 2)), [latest.id, other.id]);
    assert.equal(
      (await store.listLatestComments(site, null, 10)).some((comment) => comment.id === held.id),
      false,
    );
    const [pinned] = await store.listLatestComments(site, '/a', 10).then((comments) => comments.slice(1));
    assert.deepEqual([pinned?.pinned, pinned?.votes], [true, 1]);
  });
}
