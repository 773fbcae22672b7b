import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import { generateThread } from '../../bench/fixtures/generate-thread.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { hasFocus, mountComments, part, parts, useElementTest } from '../helpers/mount.js';

const thread = '/posts/test';

/** The live region's text: what screen readers were last told. */
function announcement(element: HearthComments): string {
  const regions = element.shadowRoot!.querySelectorAll('.visually-hidden[role="status"]');
  return [...regions].map((region) => region.textContent).join(' ');
}

function commentIds(element: HearthComments): string[] {
  return parts(element, 'comment').map((article) => article.dataset.id!);
}

describe('<hearth-comments> with a big thread', function () {
  this.timeout(180_000);
  const test = useElementTest();

  async function mountThread(count: number): Promise<HearthComments> {
    test.fake.comments.push(...generateThread({ thread, count, bodyChars: 80 }));
    return mountComments({ endpoint: test.fake.url, thread, databaseName: test.databaseName });
  }

  async function waitForCount(element: HearthComments, text: string): Promise<void> {
    await waitUntil(() => part(element, 'count').textContent === text, `expected "${text}"`, {
      capMs: 90_000,
    });
  }

  it('renders a first page of a 10,000-comment thread, counting all 10,000', async () => {
    const element = await mountThread(10_000);
    await waitForCount(element, '10,000 comments');
    // The heading may count them while the window's chunk still loads.
    await waitUntil(() => parts(element, 'comment').length > 0, 'expected the first page drawn');
    const shown = parts(element, 'comment').length;
    expect(shown).to.be.within(50, 250);
    const more = part(element, 'show-more-button');
    expect(more.textContent!.trim()).to.match(/^Show more comments \([\d,]+ more\)$/);
    expect(parts(element, 'show-replies-button').length).to.be.greaterThan(0);
    await expect(element).to.be.accessible();
  });

  it('paints the first page of changes before the next pages arrive', async () => {
    const element = await mountThread(10_000);
    await test.fake.waitForRequests(1);
    const release = test.fake.hold();
    try {
      // A first visit asks for pages of 1,000 (the protocol's largest), and shows a window of them.
      await waitForCount(element, '1,000 comments');
      expect(parts(element, 'comment').length).to.be.within(1, 250);
      expect(parts(element, 'show-more-button')).to.have.length(1);
    } finally {
      release();
    }
    await waitForCount(element, '10,000 comments');
  });

  it('"Show more comments" adds the next page, focuses its first comment and announces it', async () => {
    const element = await mountThread(10_000);
    await waitForCount(element, '10,000 comments');
    const before = commentIds(element);
    part(element, 'show-more-button').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => commentIds(element).length > before.length, 'expected more comments');
    const after = commentIds(element);
    expect(after.slice(0, before.length)).to.deep.equal(before);
    const firstNew = parts(element, 'comment').find((article) => !before.includes(article.dataset.id!));
    await waitUntil(() => hasFocus(element, firstNew), 'expected focus on the first new comment');
    expect(announcement(element)).to.match(/[\d,]+ more comments shown\./);
    expect(parts(element, 'show-more-button')).to.have.length(1);
    expect(part(element, 'count').textContent).to.equal('10,000 comments');
  });

  it('"Show N more replies" opens a collapsed reply list and focuses its first hidden reply', async () => {
    const element = await mountThread(10_000);
    await waitForCount(element, '10,000 comments');
    const button = part(element, 'show-replies-button');
    const hidden = Number(/Show ([\d,]+) more repl/.exec(button.textContent!)![1]!.replace(/,/g, ''));
    const before = commentIds(element);
    button.click();
    await waitUntil(() => commentIds(element).length >= before.length + 1, 'expected the replies');
    const firstNew = parts(element, 'comment').find((article) => !before.includes(article.dataset.id!));
    expect(firstNew).to.not.equal(undefined);
    await waitUntil(() => hasFocus(element, firstNew), 'expected focus on the first shown reply');
    expect(commentIds(element).length - before.length).to.be.within(1, hidden);
  });

  it("shows the reader's own new comment, which lands past the first page", async () => {
    const element = await mountThread(10_000);
    await waitForCount(element, '10,000 comments');
    await waitUntil(() => parts(element, 'composer').length > 0, 'expected the composer');
    const name = part<HTMLInputElement>(element, 'name-input');
    name.focus();
    await sendKeys({ type: 'Ada' });
    part(element, 'body-input').focus();
    await sendKeys({ type: 'Mine, at the very end' });
    part(element, 'submit-button').click();
    await waitForCount(element, '10,001 comments');
    const mine = () =>
      parts(element, 'comment-body').find((body) => body.textContent!.includes('Mine, at the very end'));
    await waitUntil(() => mine() !== undefined, 'expected the new comment shown');
    await waitUntil(
      () => test.fake.comments.some((comment) => comment.body === 'Mine, at the very end'),
      'expected it delivered',
    );
    await waitUntil(
      () => mine()?.closest('[part~="comment"]')?.getAttribute('data-state') === 'published',
      'expected it still shown once stored',
    );
  });

  it('renders a thread of 1,000 comments whole', async () => {
    const element = await mountThread(1_000);
    await waitForCount(element, '1,000 comments');
    await waitUntil(() => parts(element, 'comment').length === 1_000, 'expected all 1,000 comments');
    expect(parts(element, 'show-more-button')).to.have.length(0);
    expect(parts(element, 'show-replies-button')).to.have.length(0);
  });
});
