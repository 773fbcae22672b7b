import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { makeComment } from '../helpers/fixtures.js';
import { useLiveChannel } from '../helpers/live-channel.js';
import { mountReady, parts, useElementTest } from '../helpers/mount.js';

const thread = '/posts/live-arrivals';

/** The element's visually hidden live region for announcements. */
function announcement(element: HearthComments): HTMLElement {
  const region = element.shadowRoot!.querySelector<HTMLElement>('.visually-hidden[role="status"]');
  if (!region) throw new Error('no announcement region rendered');
  return region;
}

// Scroll stability (scroll anchoring) is checked in test/e2e/live.test.ts: this runner may run a
// page in a background tab, where Chromium does not anchor and the check could not fail.
describe('<hearth-comments> receiving comments live', () => {
  const test = useElementTest();
  const live = useLiveChannel(() => test.fake);

  async function mountLive(count: number): Promise<HearthComments> {
    const element = await mountReady(
      { endpoint: live.endpoint, thread, databaseName: test.databaseName },
      count,
    );
    await live.waitForOpen(1, 'the element should follow the thread live');
    return element;
  }

  /** Stores `comments` on the fake server and tells the open streams. */
  async function arrive(...comments: ReturnType<typeof makeComment>[]): Promise<void> {
    test.fake.comments.push(...comments);
    await live.emitChange(comments.at(-1)!.seq);
  }

  it('shows comments by others as they arrive and announces them politely', async () => {
    test.fake.comments.push(...Array.from({ length: 3 }, () => makeComment({ thread })));
    const element = await mountLive(3);
    const region = announcement(element);
    expect(region.textContent?.trim(), 'the first load is not news').to.equal('');

    await arrive(makeComment({ thread, body: 'Hello from elsewhere' }));
    await waitUntil(() => parts(element, 'comment').length === 4, 'the new comment should show');
    await element.updateComplete;
    expect(region.textContent?.trim()).to.equal('1 new comment.');

    await arrive(makeComment({ thread }), makeComment({ thread }));
    await waitUntil(() => parts(element, 'comment').length === 6, 'both comments should show');
    await element.updateComplete;
    expect(region.textContent?.trim()).to.equal('2 new comments.');

    // The same words again still change the region, so screen readers speak them again.
    const said = region.textContent;
    await arrive(makeComment({ thread }), makeComment({ thread }));
    await waitUntil(() => parts(element, 'comment').length === 8, 'two more comments should show');
    await element.updateComplete;
    expect(region.textContent?.trim()).to.equal('2 new comments.');
    expect(region.textContent).not.to.equal(said);
  });
});
