import { expect } from '@open-wc/testing';
import { createRandom } from '../../bench/fixtures/generate-thread.js';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { readRichText } from '../../src/internal/read-rich-text.js';
import type { RichText } from '../../src/internal/rich-text.js';
import { makeRandomBody, pathologicalFamilies } from '../helpers/markdown-fuzz.js';

const bodyMaxLength = 10_000;

/** `levels` quotes, one inside the other, built without recursion. */
function nestedQuotes(levels: number): unknown {
  let tree: unknown = [{ t: 'p', c: ['deep'] }];
  for (let level = 0; level < levels; level += 1) tree = [{ t: 'quote', c: tree }];
  return tree;
}

describe('readRichText', () => {
  it('takes every tree the parser makes, as it is: 400 seeded random bodies', () => {
    const random = createRandom(20261207);
    for (let index = 0; index < 400; index += 1) {
      const tree = parseMarkdown(makeRandomBody(random, 1 + Math.floor(random() * bodyMaxLength)));
      expect(readRichText(tree), `random body ${index}`).to.equal(tree);
    }
  });

  for (const [name, make] of Object.entries(pathologicalFamilies)) {
    it(`takes the parser's tree of 10,000 characters of ${name}`, () => {
      const tree = parseMarkdown(make(bodyMaxLength));
      expect(readRichText(tree)).to.equal(tree);
    });
  }

  it('takes the longest runs of the smallest nodes a body can make', () => {
    for (const unit of ['a\n', '*a*', '`a`', '- a\n', '---\n', '> a\n\n', '1. a\n']) {
      const tree = parseMarkdown(unit.repeat(Math.floor(bodyMaxLength / unit.length)));
      expect(readRichText(tree), JSON.stringify(unit)).to.equal(tree);
    }
  });

  it('refuses what the widget could not draw as it is', () => {
    const unsound: Array<[string, unknown]> = [
      ['nothing', undefined],
      ['null', null],
      ['an object for the blocks', { t: 'p', c: [] }],
      ['a string for the blocks', 'text'],
      ['an unknown block', [{ t: 'script', c: ['x'] }]],
      ['a block without a kind', [{ c: ['x'] }]],
      ['a string as a block', ['text']],
      ['a paragraph without its inlines', [{ t: 'p' }]],
      ['a paragraph with a string for its inlines', [{ t: 'p', c: 'text' }]],
      ['a number as text', [{ t: 'p', c: [42] }]],
      ['null as an inline', [{ t: 'p', c: [null] }]],
      ['an unknown inline', [{ t: 'p', c: [{ t: 'img', src: 'https://x.example/a.png' }] }]],
      ['a code block without its text', [{ t: 'pre' }]],
      ['a code span with a number', [{ t: 'p', c: [{ t: 'code', v: 1 }] }]],
      ['a link without an address', [{ t: 'p', c: [{ t: 'a', c: ['x'] }] }]],
      ['a link with an object for its address', [{ t: 'p', c: [{ t: 'a', href: {}, c: ['x'] }] }]],
      ['an ordered list without a start', [{ t: 'ol', items: [[{ t: 'p', c: ['x'] }]] }]],
      ['an ordered list starting at a fraction', [{ t: 'ol', start: 1.5, items: [] }]],
      ['a list item that is not a list of blocks', [{ t: 'ul', items: [{ t: 'p', c: ['x'] }] }]],
      ['a quote holding inlines', [{ t: 'quote', c: ['x'] }]],
      ['65 quotes deep', nestedQuotes(65)],
      ['100,000 quotes deep', nestedQuotes(100_000)],
      ['50,000 words in a paragraph', [{ t: 'p', c: Array.from({ length: 50_000 }, () => 'w') }]],
    ];
    for (const [label, value] of unsound) expect(readRichText(value), label).to.equal(null);
  });

  it('takes sound trees it did not make, links to any address included (the renderer checks them)', () => {
    const trees: RichText[] = [
      [],
      [{ t: 'hr' }],
      [{ t: 'p', c: ['<img src=x onerror=alert(1)>', { t: 'br' }, { t: 'del', c: ['gone'] }] }],
      [{ t: 'p', c: [{ t: 'a', href: 'javascript:alert(1)', c: ['click'] }] }],
      [{ t: 'ol', start: 3, items: [[{ t: 'pre', v: 'x' }], []] }],
      nestedQuotes(30) as RichText,
    ];
    for (const tree of trees) expect(readRichText(tree), JSON.stringify(tree).slice(0, 80)).to.equal(tree);
  });
});
