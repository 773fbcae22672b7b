import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { generateThread } from '../../bench/fixtures/generate-thread.js';
import { openHearthDb } from '../../src/storage/db.js';
import { storeChanges } from '../../src/storage/store-changes.js';
import { mountComments, parts, useElementTest } from '../helpers/mount.js';

const thread = '/posts/window-chunk';

/** Whether the page has fetched the module that windows big threads and follows permalinks. */
function isWindowChunkFetched(): boolean {
  return performance
    .getEntriesByType('resource')
    .some((entry) => /thread-window-(kit|logic)\b/.test(entry.name));
}

// One file, one test: the module stays loaded in a page once any test fetched it.
describe('<hearth-comments> without the window chunk', function () {
  this.timeout(30_000);
  const test = useElementTest();

  it('paints a cached thread of 300 comments whole, fetching nothing but its own code', async () => {
    const comments = generateThread({ thread, count: 300, bodyChars: 40 });
    test.fake.comments.push(...comments);
    const db = (await openHearthDb(test.databaseName))!;
    await storeChanges(db, {
      endpoint: test.fake.url,
      thread,
      comments,
      cursor: String(comments.at(-1)!.seq),
      nowMs: Date.now(),
    });
    db.close();
    const element = await mountComments({ endpoint: test.fake.url, thread, databaseName: test.databaseName });
    await waitUntil(() => parts(element, 'comment').length === 300, 'the cached thread, whole');
    await test.fake.waitForRequests(1);
    // A complete thread under 1,000 comments, no permalink: no window, so no window chunk.
    expect(isWindowChunkFetched()).to.equal(false);
  });
});
