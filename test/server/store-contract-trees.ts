import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import type { StoreFixture } from './store-contract.js';
import { insertCreated, nowMs, site, useStore } from './store-contract.js';

/** The trees the feed sends beside bodies with markdown (docs/protocol.md, "Body trees"). */
export function runBodyTreeContract(makeStore: () => Promise<StoreFixture>): void {
  const current = useStore(makeStore);
  const listed = async (thread: string) => (await current.get().listChanges(site, thread, 0, 100)).comments;

  it("lists a body with markdown with the parser's tree, and a plain body without one", async () => {
    const store = current.get();
    const formatted = await insertCreated(store, '/trees', { input: { body: 'Some **bold** and `code`' } });
    const plain = await insertCreated(store, '/trees', { input: { body: 'Only words here.' } });

    assert.deepEqual(await listed('/trees'), [
      { ...formatted, bodyTree: parseMarkdown(formatted.body) },
      plain,
    ]);
    // Only the feed carries trees: the comment as stored and answered has none.
    assert.equal('bodyTree' in formatted, false);
    assert.equal('bodyTree' in (await store.getComment(formatted.id))!.comment, false);
  });

  it('keeps the tree with the body: a new one for an edit, the same for a pin, an empty one for a tombstone', async () => {
    const store = current.get();
    const { id } = await insertCreated(store, '/trees', { input: { body: 'Plain at first' } });
    await store.updateComment(id, { body: 'Now *emphasised*' }, nowMs + 1);
    assert.deepEqual((await listed('/trees'))[0]?.bodyTree, parseMarkdown('Now *emphasised*'));
    await store.updateComment(id, { pinned: true }, nowMs + 2);
    assert.deepEqual((await listed('/trees'))[0]?.bodyTree, parseMarkdown('Now *emphasised*'));
    await store.updateComment(id, { body: 'Plain again' }, nowMs + 3);
    assert.equal('bodyTree' in (await listed('/trees'))[0]!, false);
    await store.updateComment(id, { body: '> quoted' }, nowMs + 4);
    await store.updateComment(id, { status: 'deleted' }, nowMs + 5);
    const [tombstone] = await listed('/trees');
    assert.equal(tombstone?.body, '');
    assert.deepEqual(tombstone?.bodyTree, []);
  });
}
