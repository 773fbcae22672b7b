import type { RichBlock, RichInline, RichText } from '../../../src/internal/rich-text.js';
import { pick } from '../../../bench/fixtures/generate-thread.js';

// Generators of HTML bodies for the html-to-markdown tests: documents from a model whose
// reading is known (what each character looks like), and hostile tag soup.

type Random = () => number;
type Format = 'em' | 'strong' | 'del' | 'code' | `a:${string}`;

type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'br' }
  | { kind: 'em' | 'strong' | 'del'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'a'; href: string; children: Inline[] };
type Block =
  | { kind: 'p'; children: Inline[] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'list'; isOrdered: boolean; start: number; items: Block[][] }
  | { kind: 'pre'; text: string }
  | { kind: 'hr' };

/** One visible character and the formats it is shown in, or a space or line break between words. */
export type Shown = string;

const letters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZабвгдежзийклмнопрстуфхцчшщыэюяعربي'];
const inner = [...'abcxyz019*_~`[]()<>&#!\\-+=.:/@|"\'^{}$%?;,ѐ😀'];
const specialWords = [
  '*not em*',
  '_not em_',
  '~~not del~~',
  '1.',
  '2)',
  '-',
  '+',
  '#',
  '##',
  '>',
  '=',
  '===',
  '---',
  '***',
  '___',
  '```',
  '~~~',
  '[a](b)',
  '![alt](http://img.example/x.png)',
  '[ref]: http://ref.example',
  '`x`',
  '<b>tag</b>',
  '<http://auto.example>',
  '&amp;',
  '&copy;',
  '&#42;',
  '\\',
  '\\*',
  'http://bare.example/a_b_c~d',
  'https://bare.example/(x)',
  'www.bare.example',
  'someone@mail.example',
  '@handle',
  '5 * 3',
  'snake_case_name',
  '|a|b|',
  '[ ]',
  '[x]',
  ':smile:',
];
const hrefs = [
  'http://example.com/a_(b)',
  'https://example.org/p?q=1&r=2#frag',
  'HTTPS://Upper.Example/Path',
  'https://example.com/~user/a b',
  'mailto:someone@example.com',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<b>x</b>',
  '/relative/path',
  '//protocol-relative.example/x',
  'ftp://files.example/x',
];

function makeWord(random: Random): string {
  const length = 1 + Math.floor(random() * 6);
  let word = pick(random, letters);
  for (let index = 1; index < length; index += 1) word += pick(random, random() < 0.5 ? inner : letters);
  return length > 1 ? word + pick(random, letters) : word;
}

/** Words whose first and last characters are letters, so emphasis around them always works. */
function makeWords(random: Random, count: number): string {
  return Array.from({ length: count }, () => makeWord(random)).join(' ');
}

function makeInlineElement(random: Random, depth: number, isInLink = false): Inline {
  // A link in a link is not one: HTML's parser closes the first at the second.
  const kind = pick(
    random,
    isInLink ? (['em', 'strong', 'del', 'code'] as const) : (['em', 'strong', 'del', 'code', 'a'] as const),
  );
  if (kind === 'code') return { kind, text: makeWords(random, 1 + Math.floor(random() * 3)) };
  const children: Inline[] = [{ kind: 'text', text: makeWords(random, 1 + Math.floor(random() * 3)) }];
  if (depth < 3 && random() < 0.4) {
    children.push(
      { kind: 'text', text: ' ' },
      makeInlineElement(random, depth + 1, isInLink || kind === 'a'),
      {
        kind: 'text',
        text: ` ${makeWords(random, 1)}`,
      },
    );
  }
  return kind === 'a' ? { kind, href: pick(random, hrefs), children } : { kind, children };
}

function makeParagraph(random: Random): Block {
  const children: Inline[] = [];
  const count = 1 + Math.floor(random() * 6);
  for (let index = 0; index < count; index += 1) {
    if (index > 0) {
      const roll = random();
      if (roll < 0.15) children.push({ kind: 'br' });
      else children.push({ kind: 'text', text: roll < 0.85 ? ' ' : '' });
    }
    const roll = random();
    if (roll < 0.35) children.push(makeInlineElement(random, 0));
    else if (roll < 0.6) children.push({ kind: 'text', text: pick(random, specialWords) });
    else children.push({ kind: 'text', text: makeWords(random, 1 + Math.floor(random() * 4)) });
  }
  return { kind: 'p', children };
}

function makeBlocks(random: Random, depth: number, count: number): Block[] {
  return Array.from({ length: count }, (): Block => {
    const roll = random();
    if (roll < 0.1 && depth < 6)
      return { kind: 'quote', children: makeBlocks(random, depth + 1, 1 + Math.floor(random() * 2)) };
    if (roll < 0.22 && depth < 6) {
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        makeBlocks(random, depth + 1, 1 + Math.floor(random() * 2)),
      );
      const start = pick(random, [1, 1, 0, 3, 42, 999_999_990]);
      return { kind: 'list', isOrdered: random() < 0.5, start, items };
    }
    if (roll < 0.27) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
          pick(random, [...inner, ' ', '   ', '```']),
        ).join(''),
      );
      const text = lines.join('\n');
      return { kind: 'pre', text: text.trim() === '' ? 'x' : text };
    }
    if (roll < 0.3) return { kind: 'hr' };
    return makeParagraph(random);
  });
}

/** Text as HTML writes it: `<` and `&` as references, other characters now and then as numbers. */
function encodeText(random: Random, text: string): string {
  let html = '';
  for (const char of text) {
    const roll = random();
    if (char === '<') html += roll < 0.5 ? '&lt;' : '&#60;';
    else if (char === '&') html += roll < 0.5 ? '&amp;' : '&#x26;';
    else if (char === 'é') html += roll < 0.5 ? '&eacute;' : 'é';
    else if (char !== ' ' && roll < 0.05) html += `&#${char.codePointAt(0)};`;
    else if (char === '>' && roll < 0.5) html += '&gt;';
    else html += char;
  }
  return html;
}

function writeInlines(random: Random, inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
          return encodeText(random, inline.text);
        case 'br':
          return '<br>';
        case 'code': {
          const tag = pick(random, ['code', 'kbd', 'tt']);
          return `<${tag}>${encodeText(random, inline.text)}</${tag}>`;
        }
        case 'a':
          return `<a href="${encodeText(random, inline.href).replace(/"/g, '&quot;')}" rel="nofollow">${writeInlines(random, inline.children)}</a>`;
        default: {
          const tag = pick(
            random,
            { em: ['em', 'i'], strong: ['strong', 'b'], del: ['del', 's', 'strike'] }[inline.kind],
          );
          return `<${tag}>${writeInlines(random, inline.children)}</${tag}>`;
        }
      }
    })
    .join('');
}

function writeBlocks(random: Random, blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'p':
          return `<p>${writeInlines(random, block.children)}</p>`;
        case 'quote':
          return `<blockquote>${writeBlocks(random, block.children)}</blockquote>`;
        case 'list': {
          const tag = block.isOrdered ? 'ol' : 'ul';
          const start = block.isOrdered && block.start !== 1 ? ` start="${block.start}"` : '';
          return `<${tag}${start}>${block.items.map((item) => `<li>${writeBlocks(random, item)}</li>`).join('\n')}</${tag}>`;
        }
        case 'pre':
          return `<pre>${random() < 0.5 ? '<code>' : ''}${encodeText(random, block.text)}</pre>`;
        case 'hr':
          return '<hr>';
      }
    })
    .join(random() < 0.5 ? '\n' : '');
}

/** `href` as a reader's browser follows it, or null when Hearth does not link it. */
function toLinkTarget(href: string): string | null {
  try {
    const url = new URL(href);
    return /^(?:https?:\/\/|mailto:)/i.test(url.href) ? url.href : null;
  } catch {
    return null;
  }
}

function showInlines(inlines: readonly Inline[], formats: readonly Format[], out: Shown[]): void {
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        for (const char of inline.text) out.push(shown(char, formats));
        break;
      case 'br':
        out.push('\n');
        break;
      case 'code':
        for (const char of inline.text) out.push(shown(char, [...formats, 'code']));
        break;
      case 'a': {
        const target = toLinkTarget(inline.href);
        showInlines(inline.children, target ? [...formats, `a:${target}`] : formats, out);
        break;
      }
      default:
        showInlines(inline.children, [...formats, inline.kind], out);
    }
  }
}

function showBlocks(blocks: readonly Block[], out: Shown[], pres: string[]): void {
  for (const block of blocks) {
    out.push('\n');
    if (block.kind === 'p') showInlines(block.children, [], out);
    else if (block.kind === 'quote') showBlocks(block.children, out, pres);
    else if (block.kind === 'list') for (const item of block.items) showBlocks(item, out, pres);
    else if (block.kind === 'pre') {
      pres.push(blankSpaceLines(block.text));
      for (const char of block.text) out.push(char === '\n' || char === ' ' ? char : shown(char, ['code']));
    }
    out.push('\n');
  }
}

/**
 * A code line of spaces alone as an empty one: markdown reads such a line in a list item as
 * blank (CommonMark), and the two look the same.
 */
function blankSpaceLines(code: string): string {
  return code.replace(/^ +$/gm, '');
}

function shown(char: string, formats: readonly Format[]): Shown {
  if (/\s/.test(char)) return char;
  return `${char}|${[...new Set(formats)].sort().join(',')}`;
}

/** A document from the model: its HTML, what a reader sees, and its code blocks' text. */
export function makeModelDocument(random: Random): { html: string; shown: Shown[]; pres: string[] } {
  const blocks = makeBlocks(random, 0, 1 + Math.floor(random() * 4));
  const out: Shown[] = [];
  const pres: string[] = [];
  showBlocks(blocks, out, pres);
  return { html: writeBlocks(random, blocks), shown: normalizeShown(out), pres };
}

function showRichInlines(inlines: readonly RichInline[], formats: readonly Format[], out: Shown[]): void {
  for (const node of inlines) {
    if (typeof node === 'string') for (const char of node) out.push(shown(char, formats));
    else if (node.t === 'br') out.push('\n');
    else if (node.t === 'code') for (const char of node.v) out.push(shown(char, [...formats, 'code']));
    else if (node.t === 'a') showRichInlines(node.c, [...formats, `a:${node.href}`], out);
    else showRichInlines(node.c, [...formats, node.t], out);
  }
}

function showRichBlocks(blocks: readonly RichBlock[], out: Shown[], pres: string[]): void {
  for (const block of blocks) {
    out.push('\n');
    if (block.t === 'p') showRichInlines(block.c, [], out);
    else if (block.t === 'quote') showRichBlocks(block.c, out, pres);
    else if (block.t === 'ul' || block.t === 'ol')
      for (const item of block.items) showRichBlocks(item, out, pres);
    else if (block.t === 'pre') {
      pres.push(blankSpaceLines(block.v));
      for (const char of block.v) out.push(char === '\n' || char === ' ' ? char : shown(char, ['code']));
    }
    out.push('\n');
  }
}

/** What a reader sees of a parsed body, in the same terms as makeModelDocument's `shown`. */
export function showTree(tree: RichText): { shown: Shown[]; pres: string[] } {
  const out: Shown[] = [];
  const pres: string[] = [];
  showRichBlocks(tree, out, pres);
  return { shown: normalizeShown(out), pres };
}

/** Runs of whitespace as one space, or one line break when they hold one; none at the ends. */
function normalizeShown(out: readonly Shown[]): Shown[] {
  const normal: Shown[] = [];
  for (const item of out) {
    const isSpace = item === ' ' || item === '\n' || /^\s$/.test(item);
    const last = normal.at(-1);
    if (!isSpace) normal.push(item);
    else if (last === ' ' || last === '\n')
      normal[normal.length - 1] = last === '\n' || item === '\n' ? '\n' : ' ';
    else if (last !== undefined) normal.push(item === '\n' ? '\n' : ' ');
  }
  while (normal.at(-1) === ' ' || normal.at(-1) === '\n') normal.pop();
  return normal;
}

const soupTags = [
  ...'p div span b i em strong s del strike code pre kbd a img br hr ul ol li blockquote h1 h3 table tr td th tbody q sup u font center section dl dt dd'.split(
    ' ',
  ),
  ...'script style iframe noscript template object embed svg math textarea title xmp plaintext select video custom-el x'.split(
    ' ',
  ),
];
const soupText = [
  'text ',
  'Привет ',
  'مرحبا ',
  '😀',
  '\ud83d',
  '\u0000',
  '\r\n',
  '\t',
  '\u00a0',
  '*',
  '_',
  '~~',
  '`',
  '[',
  ']',
  '(',
  '#',
  '> ',
  '1. ',
  '- ',
  '\\',
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '&eacute;',
  '&copy',
  '&#x1F600;',
  '&#0;',
  '&#128;',
  '&#xD800;',
  '&#99999999;',
  '&am',
  'http://x.example/~a_b',
  'www.x.example',
  'a@b.example',
  '<!-- c -->',
  '<!--',
  '-->',
  '<!DOCTYPE html>',
  '<![CDATA[x]]>',
  '<?php ?>',
  '</>',
  '</ x>',
  '<3',
];
const soupAttributes = [
  ' href="http://ok.example/a"',
  ' href="javascript:alert(1)"',
  " href='java&#10;script:x'",
  ' href=mailto:a@b.example',
  ' href="/rel"',
  ' src="http://img.example/a.png"',
  ' src="data:image/png;base64,AA"',
  ' alt="an *alt* [x]"',
  ' start="-3"',
  ' start="12"',
  ' onclick="x()"',
  ' title="a > b"',
  ' /',
  ' x=',
  ' "',
];

/** Random hostile HTML of about `length` characters: unknown and misnested tags, raw text, bad references. */
export function makeTagSoup(random: Random, length: number): string {
  let html = '';
  while (html.length < length) {
    const roll = random();
    if (roll < 0.35) {
      html += `<${pick(random, soupTags)}${random() < 0.4 ? pick(random, soupAttributes) : ''}${random() < 0.05 ? '/' : ''}>`;
    } else if (roll < 0.55) {
      html += `</${pick(random, soupTags)}>`;
    } else if (roll < 0.58) {
      // A burst of nesting.
      html += `<${pick(random, soupTags)}>`.repeat(1 + Math.floor(random() * 300));
    } else {
      html += pick(random, soupText);
    }
  }
  return html;
}
