import { expect } from '@open-wc/testing';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { xssCorpus, XssFamily } from '../helpers/xss-corpus.js';

/** Link targets the tree may hold, case-sensitively: `toSafeHref` lowercases schemes. */
const safeHref = /^(?:https?:|mailto:)/;

/**
 * Every way `tree` departs from the RichText shape (see rich-text.ts): unknown node types,
 * extra or missing fields, and links to anything but http(s) and mailto. Empty when it fits.
 */
function findTreeProblems(tree: unknown): string[] {
  const problems: string[] = [];

  function hasKeys(node: object, keys: string[], path: string): boolean {
    const actual = Object.keys(node).sort().join(',');
    if (actual === [...keys].sort().join(',')) return true;
    problems.push(`${path}: keys ${actual}, expected ${keys.join(',')}`);
    return false;
  }

  function checkInlines(inlines: unknown, path: string, isInLink: boolean): void {
    if (!Array.isArray(inlines)) {
      problems.push(`${path}: inline content is not an array`);
      return;
    }
    inlines.forEach((node: unknown, index) => {
      const at = `${path}[${index}]`;
      if (typeof node === 'string') return;
      if (typeof node !== 'object' || node === null) {
        problems.push(`${at}: ${typeof node} inline`);
        return;
      }
      const inline = node as Record<string, unknown>;
      switch (inline.t) {
        case 'em':
        case 'strong':
        case 'del':
          if (hasKeys(inline, ['t', 'c'], at)) checkInlines(inline.c, `${at}.${inline.t}`, isInLink);
          return;
        case 'code':
          if (hasKeys(inline, ['t', 'v'], at) && typeof inline.v !== 'string') problems.push(`${at}: code.v`);
          return;
        case 'br':
          hasKeys(inline, ['t'], at);
          return;
        case 'a': {
          if (!hasKeys(inline, ['t', 'href', 'c'], at)) return;
          const href = inline.href;
          if (typeof href !== 'string' || !safeHref.test(href))
            problems.push(`${at}: link to ${String(href)}`);
          else if (new URL(href).href !== href) problems.push(`${at}: href not normalised: ${href}`);
          if (isInLink) problems.push(`${at}: a link inside a link`);
          checkInlines(inline.c, `${at}.a`, true);
          return;
        }
        default:
          problems.push(`${at}: inline type ${String(inline.t)}`);
      }
    });
  }

  function checkBlocks(blocks: unknown, path: string): void {
    if (!Array.isArray(blocks)) {
      problems.push(`${path}: blocks are not an array`);
      return;
    }
    blocks.forEach((node: unknown, index) => {
      const at = `${path}[${index}]`;
      if (typeof node !== 'object' || node === null) {
        problems.push(`${at}: ${typeof node} block`);
        return;
      }
      const block = node as Record<string, unknown>;
      switch (block.t) {
        case 'p':
          if (hasKeys(block, ['t', 'c'], at)) checkInlines(block.c, `${at}.p`, false);
          return;
        case 'pre':
          if (hasKeys(block, ['t', 'v'], at) && typeof block.v !== 'string') problems.push(`${at}: pre.v`);
          return;
        case 'quote':
          if (hasKeys(block, ['t', 'c'], at)) checkBlocks(block.c, `${at}.quote`);
          return;
        case 'hr':
          hasKeys(block, ['t'], at);
          return;
        case 'ul':
        case 'ol': {
          const keys = block.t === 'ol' ? ['t', 'start', 'items'] : ['t', 'items'];
          if (!hasKeys(block, keys, at)) return;
          if (block.t === 'ol' && !(Number.isSafeInteger(block.start) && (block.start as number) >= 0)) {
            problems.push(`${at}: ol.start ${String(block.start)}`);
          }
          if (!Array.isArray(block.items)) problems.push(`${at}: items are not an array`);
          else block.items.forEach((item, i) => checkBlocks(item, `${at}.${block.t}[${i}]`));
          return;
        }
        default:
          problems.push(`${at}: block type ${String(block.t)}`);
      }
    });
  }

  checkBlocks(tree, 'tree');
  return problems;
}

describe('parseMarkdown against the XSS corpus', () => {
  it('holds more than 120 distinct vectors from every family', () => {
    expect(new Set(xssCorpus.map((vector) => vector.payload)).size).to.equal(xssCorpus.length);
    expect(new Set(xssCorpus.map((vector) => vector.id)).size).to.equal(xssCorpus.length);
    expect(xssCorpus.length).to.be.greaterThan(120);
    const families = new Set(xssCorpus.map((vector) => vector.family));
    expect([...families].sort()).to.deep.equal(Object.values(XssFamily).sort());
  });

  for (const family of Object.values(XssFamily)) {
    describe(family, () => {
      for (const vector of xssCorpus.filter((candidate) => candidate.family === family)) {
        it(`${vector.id}: only allowed nodes and http(s)/mailto links`, () => {
          const tree = parseMarkdown(vector.payload);
          expect(findTreeProblems(tree), JSON.stringify(vector.payload.slice(0, 200))).to.deep.equal([]);
          // The tree is cached in IndexedDB: it must survive structured cloning unchanged.
          expect(structuredClone(tree)).to.deep.equal(tree);
        });
      }
    });
  }

  it('keeps the text of raw HTML as text', () => {
    const [script] = xssCorpus.filter((vector) => vector.id === 'script-tag-1');
    expect(parseMarkdown(script!.payload)).to.deep.equal([{ t: 'p', c: [script!.payload] }]);
  });
});
