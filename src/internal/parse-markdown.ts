import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from './decode-entities.js';
import { isSafeHref, type RichBlock, type RichInline, type RichText } from './rich-text.js';

/** Deeper quotes and lists than this render their contents as plain text. */
const maxDepth = 8;

const lexerOptions = { gfm: true, breaks: true } as const;

/**
 * Parses a comment body into the rich-text tree the widget renders (see rich-text.ts).
 *
 * Rules:
 * - Paragraphs, line breaks, emphasis, strong, strikethrough, code spans and fenced or
 *   indented code, quotes, ordered and unordered lists, links and bare URLs.
 * - Headings become bold paragraphs: a comment is not a document.
 * - Raw HTML, tables and anything else outside the subset stay as the text that was typed.
 * - A link whose URL is not absolute http(s) or mailto is text; an image is a link to the
 *   image labelled with its alt text, so nothing is fetched when a comment is read.
 * - Input the parser chokes on renders as plain text rather than failing the thread.
 */
export function parseMarkdown(source: string): RichText {
  try {
    return toBlocks(Lexer.lex(source, lexerOptions), 0);
  } catch {
    return source.trim() === '' ? [] : [{ t: 'p', c: textWithBreaks(source) }];
  }
}

function toBlocks(tokens: readonly Token[], depth: number): RichBlock[] {
  const blocks: RichBlock[] = [];
  for (const token of tokens) {
    const block = toBlock(token as Tokens.Generic, depth);
    if (block) blocks.push(block);
  }
  return blocks;
}

function toBlock(token: Tokens.Generic, depth: number): RichBlock | null {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return { t: 'p', c: toInlines(token.tokens ?? [], depth) };
    case 'text':
      // A tight list item's text, which may carry inline tokens of its own.
      return { t: 'p', c: token.tokens ? toInlines(token.tokens, depth) : [decodeEntities(token.text)] };
    case 'heading':
      return { t: 'p', c: [{ t: 'strong', c: toInlines(token.tokens ?? [], depth) }] };
    case 'code':
      return { t: 'pre', v: token.text };
    case 'hr':
      return { t: 'hr' };
    case 'blockquote':
      if (depth >= maxDepth) return asText(token);
      return { t: 'quote', c: toBlocks(token.tokens ?? [], depth + 1) };
    case 'list':
      return depth >= maxDepth ? asText(token) : toList(token as Tokens.List, depth + 1);
    default:
      // Raw HTML, tables and anything unknown: the text the author typed, shown as text.
      return asText(token);
  }
}

function toList(list: Tokens.List, depth: number): RichBlock {
  const items = list.items.map((item) => {
    const blocks = toBlocks(
      item.tokens.filter((token) => token.type !== 'checkbox'),
      depth,
    );
    if (item.task) {
      const mark = item.checked ? '[x] ' : '[ ] ';
      const first = blocks[0];
      if (first?.t !== 'p') blocks.unshift({ t: 'p', c: [mark] });
      else if (typeof first.c[0] === 'string') first.c[0] = mark + first.c[0];
      else first.c.unshift(mark);
    }
    return blocks;
  });
  if (!list.ordered) return { t: 'ul', items };
  const start = Number(list.start);
  return { t: 'ol', start: Number.isSafeInteger(start) && start >= 0 ? start : 1, items };
}

function toInlines(tokens: readonly Token[], depth: number, isInLink = false): RichInline[] {
  const inlines: RichInline[] = [];
  for (const token of tokens) appendInline(inlines, token as Tokens.Generic, depth, isInLink);
  return inlines;
}

function appendInline(inlines: RichInline[], token: Tokens.Generic, depth: number, isInLink: boolean): void {
  switch (token.type) {
    case 'text':
      if (token.tokens) inlines.push(...toInlines(token.tokens, depth, isInLink));
      else appendText(inlines, decodeEntities(token.text));
      return;
    case 'escape':
      appendText(inlines, token.text);
      return;
    case 'em':
    case 'strong':
    case 'del':
      inlines.push({ t: token.type, c: toInlines(token.tokens ?? [], depth, isInLink) });
      return;
    case 'codespan':
      inlines.push({ t: 'code', v: token.text });
      return;
    case 'br':
      inlines.push({ t: 'br' });
      return;
    case 'link': {
      // A link inside a link's label (a bare URL, say) keeps only its label: links never nest.
      const label = toInlines(token.tokens ?? [], depth, true);
      const href = isInLink ? null : toSafeHref(decodeEntities(token.href).trim());
      // A link needs a name: an empty label shows the address.
      if (href) inlines.push({ t: 'a', href, c: label.length > 0 ? label : [href] });
      else if (isInLink) inlines.push(...label);
      else appendText(inlines, token.raw);
      return;
    }
    case 'image': {
      // Alt text is plain text: its markdown (escapes, emphasis) is read, then flattened.
      const alt = toPlainText(toInlines(token.tokens ?? [], depth, true)).trim();
      const href = isInLink ? null : toSafeHref(decodeEntities(token.href).trim());
      if (href) inlines.push({ t: 'a', href, c: [alt || href] });
      else appendText(inlines, isInLink ? alt : token.raw);
      return;
    }
    default:
      // Inline HTML and anything unknown: shown as typed.
      appendText(inlines, token.raw);
  }
}

function toPlainText(inlines: readonly RichInline[]): string {
  return inlines
    .map((node) =>
      typeof node === 'string' ? node : 'c' in node ? toPlainText(node.c) : 'v' in node ? node.v : ' ',
    )
    .join('');
}

/** Appends text, joining it to a preceding string so the tree stays small. */
function appendText(inlines: RichInline[], text: string): void {
  const last = inlines.length - 1;
  const previous = inlines[last];
  if (typeof previous === 'string') inlines[last] = previous + text;
  else if (text !== '') inlines.push(text);
}

function asText(token: Tokens.Generic): RichBlock | null {
  const text = token.raw.replace(/\n+$/, '');
  return text.trim() === '' ? null : { t: 'p', c: textWithBreaks(text) };
}

function textWithBreaks(text: string): RichInline[] {
  const inlines: RichInline[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) inlines.push({ t: 'br' });
    appendText(inlines, line);
  });
  return inlines;
}

/**
 * The URL to link to, normalised, or null when it is not an absolute http(s) or mailto URL.
 * The URL parser trims, drops tabs and newlines and lowercases the scheme the way a browser
 * does when following the link, so what is checked is what would run.
 */
function toSafeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return isSafeHref(url.href) ? url.href : null;
}
