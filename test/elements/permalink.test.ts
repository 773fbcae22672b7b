import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { generateThread } from '../../bench/fixtures/generate-thread.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { parseCommentHash } from '../../src/internal/permalink.js';
import type { Comment } from '../../src/protocol/comment.js';
import { hasFocus, mountComments, part, parts, useElementTest } from '../helpers/mount.js';

const thread = '/posts/test';

function articleOf(element: HearthComments, id: string): HTMLElement | undefined {
  return parts(element, 'comment').find((article) => article.dataset.id === id);
}

function isInViewport(target: Element): boolean {
  const rect = target.getBoundingClientRect();
  return rect.bottom > 0 && rect.top < innerHeight;
}

function highlightedIds(element: HearthComments): string[] {
  return parts(element, 'comment')
    .filter((article) => article.hasAttribute('data-highlighted'))
    .map((article) => article.dataset.id!);
}

describe('<hearth-comments> permalinks', function () {
  this.timeout(180_000);
  const test = useElementTest();
  let comments: Comment[];

  beforeEach(() => {
    comments = generateThread({ thread, count: 10_000, bodyChars: 80 });
    test.fake.comments.push(...comments);
  });

  afterEach(() => {
    history.replaceState(null, '', location.pathname + location.search);
  });

  async function mountAt(hash: string): Promise<HearthComments> {
    history.replaceState(null, '', hash);
    return mountComments({ endpoint: test.fake.url, thread, databaseName: test.databaseName });
  }

  async function waitForShown(element: HearthComments, id: string): Promise<HTMLElement> {
    await waitUntil(
      () => {
        const article = articleOf(element, id);
        return (
          article?.hasAttribute('data-highlighted') && hasFocus(element, article) && isInViewport(article)
        );
      },
      `expected comment ${id} highlighted, focused and on screen`,
      { capMs: 90_000 },
    );
    return articleOf(element, id)!;
  }

  it('shows the 9,000th comment of 10,000: rendered, scrolled to, highlighted and focused', async () => {
    const target = comments[8_999]!;
    const element = await mountAt(`#comment-${target.id}`);
    const article = await waitForShown(element, target.id);
    expect(highlightedIds(element)).to.deep.equal([target.id]);
    expect(parts(element, 'highlighted').map((comment) => comment.dataset.id)).to.deep.equal([target.id]);
    expect(parts(element, 'comment').length).to.be.lessThan(1_000);
    expect(getComputedStyle(article).borderInlineStartWidth).to.equal('3px');
    await waitUntil(() => part(element, 'count').textContent === '10,000 comments', 'all pages', {
      capMs: 90_000,
    });
    await expect(element).to.be.accessible();
  });

  it('follows a hashchange to another comment', async () => {
    const first = comments[8_999]!;
    const second = comments[4_321]!;
    const element = await mountAt(`#comment-${first.id}`);
    await waitForShown(element, first.id);
    location.hash = `#comment-${second.id}`;
    await waitForShown(element, second.id);
    expect(highlightedIds(element)).to.deep.equal([second.id]);
  });

  it('follows a comment’s rendered permalink: its href parses to that comment, and a click highlights and focuses it', async () => {
    const element = await mountAt('#top');
    await waitUntil(() => parts(element, 'permalink').length > 3, 'expected permalinks');
    for (const article of parts(element, 'comment')) {
      const href = part<HTMLAnchorElement>(element, 'permalink', article).getAttribute('href')!;
      expect(href).to.equal(`#comment-${article.dataset.id}`);
      expect(parseCommentHash(href), href).to.equal(article.dataset.id);
      expect(article.id).to.equal(`comment-${article.dataset.id}`);
    }
    for (const article of parts(element, 'comment').slice(2, 4)) {
      const link = part<HTMLAnchorElement>(element, 'permalink', article);
      link.click();
      expect(location.hash).to.equal(link.getAttribute('href'));
      await waitForShown(element, article.dataset.id!);
      expect(highlightedIds(element)).to.deep.equal([article.dataset.id]);
    }
  });

  it('moves from a deep-linked comment to the one whose rendered permalink is clicked', async () => {
    const first = comments[8_999]!;
    const element = await mountAt(`#comment-${first.id}`);
    const shown = await waitForShown(element, first.id);
    // A comment shown beside the deep-linked one: the window renders its neighbours.
    const neighbour = parts(element, 'comment').find(
      (article) => article !== shown && article.dataset.state === 'published',
    )!;
    part<HTMLAnchorElement>(element, 'permalink', neighbour).click();
    await waitForShown(element, neighbour.dataset.id!);
    expect(highlightedIds(element)).to.deep.equal([neighbour.dataset.id]);
  });

  it('ignores a permalink to a comment not in the thread', async () => {
    const element = await mountAt('#comment-00000000-0000-4000-8000-000000000000');
    await waitUntil(() => part(element, 'count').textContent === '10,000 comments', 'all pages', {
      capMs: 90_000,
    });
    expect(highlightedIds(element)).to.deep.equal([]);
    expect(parts(element, 'comment').length).to.be.within(50, 250);
    expect(element.shadowRoot!.activeElement).to.equal(null);
  });
});
