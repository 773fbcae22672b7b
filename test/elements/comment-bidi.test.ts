import { expect } from '@open-wc/testing';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { makeComment } from '../helpers/fixtures.js';
import { mountReady, part, parts, useElementTest } from '../helpers/mount.js';

/** Where each character of `node`'s first text run is drawn, left to right on screen. */
function glyphLefts(node: Element): number[] {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const text = walker.nextNode() as Text;
  const range = document.createRange();
  return [...text.data].map((_, index) => {
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    return range.getBoundingClientRect().left;
  });
}

function isIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]!);
}

describe('<hearth-comments> bidi: a comment’s direction controls stay inside it', () => {
  const test = useElementTest();

  async function mount(): Promise<HearthComments> {
    test.fake.comments.push(
      makeComment({ authorName: 'עדה', body: 'שלום עולם, and some English 123' }),
      // Ends in an override (U+202E) nobody closed: it must not reach the next comment.
      makeComment({ authorName: 'Mallory', body: 'Mirror the rest\u202e' }),
      makeComment({ authorName: 'Grace\u202e', body: 'plain words after it' }),
    );
    return mountReady({ endpoint: test.fake.url, databaseName: test.databaseName }, 3);
  }

  it('renders every name and body as a bidi isolate, with the direction of its own text', async () => {
    const element = await mount();
    await expect(element).to.be.accessible();
    const comments = parts(element, 'comment');
    const style = (comment: HTMLElement, name: string) => getComputedStyle(part(element, name, comment));
    for (const comment of comments) {
      expect(style(comment, 'comment-body').unicodeBidi, 'body').to.equal('isolate');
      expect(style(comment, 'author').unicodeBidi, 'author').to.equal('isolate');
    }
    expect(style(comments[0]!, 'comment-body').direction).to.equal('rtl');
    expect(style(comments[0]!, 'author').direction).to.equal('rtl');
    expect(style(comments[1]!, 'comment-body').direction).to.equal('ltr');
    expect(style(comments[2]!, 'comment-body').direction).to.equal('ltr');
  });

  it('keeps the text after an open override in its own order: the next comment and the name’s header', async () => {
    const element = await mount();
    const next = parts(element, 'comment')[2]!;
    expect(isIncreasing(glyphLefts(part(element, 'comment-body', next)))).to.equal(true);
    // An override left open in a name (stored before names refused it) reverses only the name.
    const name = part(element, 'author', next);
    const time = next.querySelector('time')!;
    expect(time.getBoundingClientRect().left).to.be.greaterThan(name.getBoundingClientRect().right);
    expect(isIncreasing(glyphLefts(time))).to.equal(true);
  });
});
