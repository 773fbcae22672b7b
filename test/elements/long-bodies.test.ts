import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { limits } from '../../src/protocol/limits.js';
import { makeComment } from '../helpers/fixtures.js';
import { mountComments, parts, useElementTest } from '../helpers/mount.js';

/** Formatted prose: each repeat renders one <strong>, one <em>, one link and a two-item list. */
const unit =
  'A reader wrote *this* with **some** formatting, a [link](https://example.org/a) and `code`.\n\n' +
  '- a point\n- another point\n\n';
const repeats = Math.floor(limits.bodyMaxChars / unit.length);
const commentCount = 12;

function isFormatted(body: HTMLElement): boolean {
  return body.querySelector('.plain') === null;
}

describe('<hearth-comments> with long bodies', function () {
  this.timeout(30_000);
  const env = useElementTest();

  it('formats a thread of bodies at the length limit over several tasks, top first, in the elements first shown', async () => {
    const bodies = Array.from({ length: commentCount }, (_, index) => `${index} ${unit.repeat(repeats)}`);
    env.fake.comments.push(...bodies.map((body) => makeComment({ body })));
    // The state the first render leaves, before any later task: a mutation observer runs in the
    // same task as the render that triggered it.
    let firstShown: { bodies: HTMLElement[]; formatted: boolean[]; texts: string[] } | null = null;
    const element: HearthComments = await mountComments({
      endpoint: env.fake.url,
      databaseName: env.databaseName,
    });
    const observer = new MutationObserver(() => {
      const shown = parts(element, 'comment-body');
      if (firstShown || shown.length < commentCount) return;
      firstShown = {
        bodies: shown,
        formatted: shown.map(isFormatted),
        texts: shown.map((body) => body.textContent ?? ''),
      };
    });
    observer.observe(element.shadowRoot!, { childList: true, subtree: true });
    await waitUntil(
      () =>
        parts(element, 'comment-body').length === commentCount &&
        parts(element, 'comment-body').every(isFormatted),
      'every body should be formatted in the end',
    );
    observer.disconnect();

    const first = firstShown!;
    const formattedAtOnce = first.formatted.filter(Boolean).length;
    // Some at once, not all: the rest waited for later tasks.
    expect(formattedAtOnce).to.be.greaterThan(0);
    expect(formattedAtOnce).to.be.below(commentCount);
    // Top first: the formatted bodies came before every waiting one.
    expect(first.formatted).to.deep.equal(first.formatted.map((_, index) => index < formattedAtOnce));
    // A waiting body showed its words meanwhile, whole.
    expect(first.texts.slice(formattedAtOnce)).to.deep.equal(bodies.slice(formattedAtOnce));

    // Formatted in place: the same elements, each holding every construct of its body.
    const final = parts(element, 'comment-body');
    expect(final.every((body, index) => body === first.bodies[index])).to.equal(true);
    for (const body of final) {
      expect(body.querySelectorAll('strong').length).to.equal(repeats);
      expect(body.querySelectorAll('a[href="https://example.org/a"]').length).to.equal(repeats);
      expect(body.querySelectorAll('li').length).to.equal(2 * repeats);
    }
  });

  it('lets a long body skip layout while off screen, and a short one not', async () => {
    env.fake.comments.push(makeComment({ body: 'short' }), makeComment({ body: unit.repeat(repeats) }));
    const element = await mountComments({ endpoint: env.fake.url, databaseName: env.databaseName });
    await waitUntil(() => parts(element, 'comment-body').length === 2, 'both comments should show');
    const short = parts(element, 'comment-body').find((body) => body.textContent === 'short');
    const long = parts(element, 'comment-body').find((body) => body !== short);
    expect(getComputedStyle(short!).contentVisibility).to.equal('visible');
    expect(getComputedStyle(long!).contentVisibility).to.equal('auto');
    // Sized by its length until laid out: more than a line.
    expect(getComputedStyle(long!).containIntrinsicBlockSize).to.match(/^auto \d+px$/);
  });
});
