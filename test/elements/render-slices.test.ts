import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { generateThread } from '../../bench/fixtures/generate-thread.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { RenderSlices } from '../../src/elements/hearth-comments/render-slices.js';
import { initialSnapshot, type ThreadSnapshot } from '../../src/sync/thread-sync.js';
import { openHearthDb } from '../../src/storage/db.js';
import { makeComment } from '../helpers/fixtures.js';
import { mountComments, part, parts, useElementTest } from '../helpers/mount.js';

const thread = '/posts/test';

describe('<hearth-comments> drawing a first visit in slices', function () {
  this.timeout(30_000);
  const test = useElementTest();

  /**
   * Mounts the element and records how many comments each DOM change left drawn, and how many
   * requests the endpoint had received by then.
   */
  async function mountRecording(): Promise<{ element: HearthComments; drawn: number[]; requests: number[] }> {
    const element = await mountComments({ endpoint: test.fake.url, thread, databaseName: test.databaseName });
    const drawn: number[] = [];
    const requests: number[] = [];
    const observer = new MutationObserver(() => {
      const count = parts(element, 'comment').length;
      if (count === drawn.at(-1)) return;
      drawn.push(count);
      requests.push(test.fake.requests.length);
    });
    observer.observe(element.shadowRoot!, { childList: true, subtree: true });
    await waitUntil(
      () => /\d comments?$/.test(part(element, 'count').textContent ?? ''),
      'the heading should count',
      { capMs: 20_000 },
    );
    return { element, drawn, requests };
  }

  it('draws the first screen of a 1,000-comment thread first, then the rest, all in the end', async () => {
    test.fake.comments.push(...generateThread({ thread, count: 1000, bodyChars: 80 }));
    const { element, drawn } = await mountRecording();
    await waitUntil(() => parts(element, 'comment').length === 1000, 'every comment should be drawn', {
      capMs: 20_000,
    });
    // The heading counted the whole thread while only its first conversations were drawn.
    expect(drawn[0]).to.be.greaterThan(0);
    expect(drawn[0]).to.be.below(1000);
    expect(drawn.at(-1)).to.equal(1000);
    expect(part(element, 'count').textContent).to.equal('1,000 comments');
    const ids = parts(element, 'comment').map((article) => article.dataset.id);
    expect(new Set(ids).size).to.equal(1000);
  });

  it('draws a small thread whole at once', async () => {
    test.fake.comments.push(...Array.from({ length: 5 }, () => makeComment({ thread })));
    const { element, drawn } = await mountRecording();
    await waitUntil(() => parts(element, 'comment').length === 5, 'the comments should show', {
      capMs: 20_000,
    });
    expect(drawn.filter((count) => count > 0)).to.deep.equal([5]);
  });

  it('stores every comment and the cursor of a first visit, then paints a return visit whole from the cache before asking the network', async () => {
    test.fake.comments.push(...generateThread({ thread, count: 1000, bodyChars: 80 }));
    const first = await mountRecording();
    await waitUntil(() => parts(first.element, 'comment').length === 1000, 'every comment should be drawn', {
      capMs: 20_000,
    });
    const db = (await openHearthDb(test.databaseName))!;
    await waitUntil(
      async () => (await db.getAll('threads'))[0]?.cursor === '1000',
      'the cursor should be stored',
      {
        capMs: 20_000,
      },
    );
    expect(await db.count('comments')).to.equal(1000);
    db.close();
    first.element.remove();

    const asked = test.fake.requests.length;
    const again = await mountRecording();
    await waitUntil(() => parts(again.element, 'comment').length === 1000, 'the cached thread should show');
    // Whole in one render, and before this visit sent its first request.
    expect(again.drawn.filter((count) => count > 0)[0]).to.equal(1000);
    expect(again.requests[again.drawn.findIndex((count) => count > 0)]).to.equal(asked);
    await test.fake.waitForRequests(asked + 1);
  });
});

describe('RenderSlices', () => {
  const snapshot = (cachedCount: number): ThreadSnapshot => ({
    ...initialSnapshot,
    isCacheRead: true,
    cachedCount,
  });

  it('draws a thread the cache held whole at once, however late it is first asked', () => {
    const slices = new RenderSlices(() => undefined);
    expect(slices.count(400, snapshot(400))).to.equal(400);
  });

  it('draws a first visit in two slices, even when its words came after all its comments', async () => {
    let updates = 0;
    const slices = new RenderSlices(() => (updates += 1));
    // Asked first once 400 conversations are here (say, a German page's words came late).
    const first = slices.count(400, snapshot(0));
    expect(first).to.be.within(1, 399);
    expect(slices.count(400, snapshot(0))).to.equal(first);
    await waitUntil(() => updates === 1, 'the next slice should be asked for after a paint');
    expect(slices.count(400, snapshot(0))).to.equal(400);
  });
});
