import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderRichText } from '../../src/elements/hearth-comments/rich-text-nodes.js';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { isPlainBody, toPlainBodyTree } from '../../src/internal/plain-body.js';
import type { RichText } from '../../src/internal/rich-text.js';

/** Bodies people write without formatting: each must be read as plain. */
const plainBodies = [
  'Thanks, this helped.',
  'Our Q&A night turned into the archive newcomers read first.',
  'A <3 from a stranger means less than a reply from a neighbour.',
  'Two lines,\nno blank between.',
  'First paragraph.\n\nSecond one, after a blank line.\n\n\nThird, after two.',
  '\nLeading and trailing newlines are dropped.\n\n',
  'Punctuation stays: (brackets), "quotes", it\'s fine; 50% off! Really? Yes: 3/4 of us.',
  'Ünïcödé, 日本語のコメント, emoji 🎉 and a well-known hyphen - between words.',
  'Double  spaces inside a line are kept.',
  'Price: $5 {or so} and x^2 = y.',
];

/** Bodies with markdown syntax, or whitespace the parser treats specially: none is plain. */
const markdownBodies = [
  'Some *emphasis*.',
  'snake_case',
  'A `code` span.',
  '[a link](https://example.com)',
  'See https://example.org for more.',
  'Or www.example.org.',
  'Mail ada@example.com.',
  'Tom &amp; Jerry',
  'An <b>inline</b> tag.',
  '> quoted',
  '# heading',
  '- item',
  '+ item',
  '1. first',
  '2) second',
  'Title\n===',
  'Title\n---',
  '    indented code',
  'Trailing two spaces  \nmake a break.',
  'a | b',
  '~~struck~~',
  'escaped \\* star',
  'tab\tinside',
  'no-break\u00a0space',
  'carriage\r\nreturn',
  '',
  '   ',
];

/** The DOM a tree renders to, as markup. */
function renderToMarkup(tree: RichText): string {
  const container = document.createElement('div');
  render(renderRichText(tree), container);
  return container.innerHTML;
}

/** A pseudo-random body from prose fragments, lines and paragraphs, with a fixed seed. */
function makeProse(seed: number): string {
  const fragments = [
    'Well',
    'we met',
    'on Sunday',
    '(again)',
    'it was fine.',
    'Q&A',
    '<3',
    'ok!',
    'why?',
    '—',
    '"so"',
  ];
  const separators = [' ', ' ', ' ', ', ', '\n', '\n\n'];
  let state = seed;
  const next = (length: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % length;
  };
  let body = fragments[next(fragments.length)]!;
  for (let index = next(30); index > 0; index--)
    body += separators[next(separators.length)]! + fragments[next(fragments.length)]!;
  return body;
}

describe('plain comment bodies', () => {
  it('reads bodies without markdown syntax as plain', () => {
    for (const body of plainBodies) expect(isPlainBody(body), body).to.equal(true);
  });

  it('leaves every body with markdown syntax to the parser', () => {
    for (const body of markdownBodies) expect(isPlainBody(body), JSON.stringify(body)).to.equal(false);
  });

  it('renders plain bodies to the same DOM as the markdown parser', () => {
    const corpus = [...plainBodies, ...Array.from({ length: 500 }, (_, seed) => makeProse(seed + 1))];
    let plain = 0;
    for (const body of corpus) {
      if (!isPlainBody(body)) continue;
      plain += 1;
      expect(toPlainBodyTree(body), body).to.deep.equal(parseMarkdown(body));
      expect(renderToMarkup(toPlainBodyTree(body)), body).to.equal(renderToMarkup(parseMarkdown(body)));
    }
    expect(plain).to.be.greaterThan(400);
  });
});
