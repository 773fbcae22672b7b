import TurndownService from 'turndown';
import { toSafeHref } from '../../../src/internal/markdown/safe-href.js';
import { escapeMarkdownText } from './markdown-escape.js';

/** What turndown sets on each node it visits (see its `Node`): the whitespace it moved outside. */
type VisitedNode = HTMLElement & { flankingWhitespace?: { leading: string; trailing: string } };

const whitespace = /\s/u;
const punctuation = /[\p{P}\p{S}]/u;

/** The output's first and last characters of the inline elements already converted. */
const edges = new WeakMap<Node, { first: string; last: string }>();
/** How many items of each list have been converted: turndown visits them in order. */
const itemCounts = new WeakMap<Node, number>();

/** An address as a markdown link destination: no spaces or angle brackets, parentheses escaped. */
export function toLinkDestination(href: string): string {
  return href
    .replace(
      // eslint-disable-next-line no-control-regex -- control characters cannot sit in a destination
      /[\u0000-\u0020<>\u007f]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .replace(/[\\()]/g, '\\$&');
}

/**
 * Where a link took its reader. Disqus rewrites outbound links as
 * `https://disq.us/url?url=<target>:<hash>&cuid=…`, a redirect that would keep sending Hearth's
 * readers through Disqus (and break when the site leaves it): the target is kept instead.
 */
export function toLinkTarget(href: string | null): string | null {
  const safe = toSafeHref(href);
  if (!safe || !/^https?:\/\/(?:www\.)?disq\.us\/url\?/i.test(safe)) return safe;
  const target = new URL(safe).searchParams.get('url');
  return toSafeHref(target?.replace(/:[\w-]{16,}$/, '') ?? null) ?? safe;
}

/** Splits leading and trailing line breaks off `content`: a delimiter may not sit next to one. */
function splitLineBreaks(content: string): [string, string, string] {
  let start = 0;
  while (content[start] === '\n') start += 1;
  let end = content.length;
  while (end > start && content[end - 1] === '\n') end -= 1;
  return [content.slice(0, start), content.slice(start, end), content.slice(end)];
}

/** The character just before `node`'s output, as far as the converted document tells. */
function characterBefore(node: VisitedNode): string {
  if (node.flankingWhitespace?.leading) return ' ';
  const previous = node.previousSibling;
  if (!previous) return node.parentNode?.nodeName === 'P' || node.parentNode?.nodeName === 'LI' ? '\n' : '*';
  if (previous.nodeType === 3) return previous.nodeValue?.at(-1) ?? ' ';
  if (previous.nodeName === 'BR') return '\n';
  return edges.get(previous)?.last ?? '*';
}

/** The character just after `node`'s output: a following element starts with markup. */
function characterAfter(node: VisitedNode): string {
  if (node.flankingWhitespace?.trailing) return ' ';
  const next = node.nextSibling;
  if (!next) return node.parentNode?.nodeName === 'P' || node.parentNode?.nodeName === 'LI' ? '\n' : '*';
  if (next.nodeType === 3) return next.nodeValue?.[0] ?? ' ';
  return next.nodeName === 'BR' ? '\n' : '*';
}

/**
 * Wraps `content` in an emphasis delimiter when Hearth's parser will read it back as emphasis
 * (CommonMark's flanking rules: `*(a)*b` opens no emphasis after a letter); otherwise keeps
 * the words without the formatting rather than show stray asterisks.
 */
function wrapDelimited(content: string, node: VisitedNode, delimiter: string): string {
  const [before, trimmed, after] = splitLineBreaks(content);
  if (trimmed.trim() === '') return content;
  let inner = trimmed;
  let outsideStart = '';
  let outsideEnd = '';
  let previous = characterBefore(node);
  let next = characterAfter(node);
  // `x<em>(a)</em>y`: the parentheses move outside the delimiters, `x(*a*)y`, where the
  // flanking rules let them work; punctuation in or out of italics looks the same.
  while (!canOpen(inner[0]!, previous) && inner.length > 1 && peelableAtStart.has(inner[0]!)) {
    outsideStart += inner[0];
    previous = inner[0]!;
    inner = inner.slice(1);
  }
  // Only punctuation of the element's own last words moves: a `)` may end a link's markup.
  let peelable = countPeelableAtEnd(node.lastChild);
  while (!canClose(inner.at(-1)!, next) && inner.length > 1 && peelable > 0) {
    outsideEnd = inner.at(-1)! + outsideEnd;
    next = inner.at(-1)!;
    inner = inner.slice(0, -1);
    peelable -= 1;
  }
  const isWrapped = canOpen(inner[0]!, previous) && canClose(inner.at(-1)!, next);
  const output = isWrapped ? `${outsideStart}${delimiter}${inner}${delimiter}${outsideEnd}` : trimmed;
  edges.set(node, { first: output[0]!, last: output.at(-1)! });
  return before + output + after;
}

const peelableAtStart = new Set([...'("\'«“‘¿¡']);
const peelableAtEnd = new Set([...'.,:;!?)"\'»”’…']);

/** How many characters at the end of a text node are punctuation that can move (none are escaped). */
function countPeelableAtEnd(node: Node | null): number {
  if (node?.nodeType !== 3) return 0;
  const text = node.nodeValue ?? '';
  let count = 0;
  while (count < text.length && peelableAtEnd.has(text[text.length - 1 - count]!)) count += 1;
  return count;
}

/** CommonMark: a delimiter run before `first` (after `previous`) is left-flanking. */
function canOpen(first: string, previous: string): boolean {
  return (
    !whitespace.test(first) &&
    (!punctuation.test(first) || whitespace.test(previous) || punctuation.test(previous))
  );
}

/** CommonMark: a delimiter run after `last` (before `next`) is right-flanking. */
function canClose(last: string, next: string): boolean {
  return (
    !whitespace.test(last) && (!punctuation.test(last) || whitespace.test(next) || punctuation.test(next))
  );
}

/** A code span whose delimiter no backtick run inside matches, padded as Hearth strips it. */
function toCodeSpan(content: string): string {
  const text = content.replace(/\n/g, ' ');
  if (text === '') return '';
  const runs = new Set<number>();
  for (const run of text.match(/`+/g) ?? []) runs.add(run.length);
  let length = 1;
  while (runs.has(length)) length += 1;
  const fence = '`'.repeat(length);
  const isPadded =
    text.startsWith('`') ||
    text.endsWith('`') ||
    (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '');
  const pad = isPadded ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block longer than any backtick run in `code`. */
function toCodeBlock(code: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `\n\n${fence}\n${code}\n${fence}\n\n`;
}

/** Alt text as it shows: whitespace collapsed, markdown escaped. */
function toAltText(alt: string): string {
  return escapeMarkdownText(alt.replace(/\s+/g, ' ').trim());
}

/**
 * The turndown service for clean HTML (see clean-html.ts): one rule for each element that
 * HTML can hold, each writing Hearth's markdown (paragraphs, `\n` line breaks, `*`, `**`, `~~`,
 * code spans and fenced blocks, `>` quotes, `-`/`*` and `1.`/`1)` lists, `***` rules,
 * http(s)/mailto links and images as links), and text escaped by `escapeMarkdownText`.
 */
export function createMarkdownTurndown(): TurndownService {
  const service = new TurndownService({ codeBlockStyle: 'fenced', emDelimiter: '*', br: '' });
  service.escape = escapeMarkdownText;
  const rule = (filter: TurndownService.Filter, replacement: TurndownService.ReplacementFunction): void => {
    service.addRule(`hearth-${String(filter)}`, { filter, replacement });
  };
  rule('p', (content) => `\n\n${content}\n\n`);
  rule('br', () => '\n');
  rule('hr', () => '\n\n***\n\n');
  rule('blockquote', (content) => {
    const lines = splitLineBreaks(content)[1].split('\n');
    return `\n\n${lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n')}\n\n`;
  });
  rule(['ul', 'ol'], (content) => `\n\n${splitLineBreaks(content)[1]}\n\n`);
  rule('li', (content, node) => {
    const list = node.parentNode as HTMLElement;
    const index = itemCounts.get(list) ?? 0;
    itemCounts.set(list, index + 1);
    const marker = list.getAttribute('data-marker') ?? '-';
    const start = Number(list.getAttribute('start') ?? '1');
    const prefix = list.nodeName === 'OL' ? `${Math.min(start + index, 999_999_999)}${marker}` : marker;
    const body = splitLineBreaks(content)[1];
    if (body === '') return `${prefix}\n`;
    const indent = ' '.repeat(prefix.length + 1);
    return `${prefix} ${body.replace(/\n(?!\n)/g, `\n${indent}`)}\n`;
  });
  rule('pre', (_content, node) => {
    const code = (node.textContent ?? '').replace(/\n$/, '');
    return code.trim() === '' ? '' : toCodeBlock(code);
  });
  rule('code', (content, node) => {
    const span = toCodeSpan(content);
    if (span !== '') edges.set(node, { first: '`', last: '`' });
    return span;
  });
  rule('em', (content, node) => wrapDelimited(content, node, '*'));
  rule('strong', (content, node) => wrapDelimited(content, node, '**'));
  rule('del', (content, node) => wrapDelimited(content, node, '~~'));
  rule('a', (content, node) => {
    const href = toLinkTarget(node.getAttribute('href'));
    if (!href) return content;
    const [before, label, after] = splitLineBreaks(content);
    if (label.trim() === '' && !node.querySelector('img')) return content;
    edges.set(node, { first: '[', last: ')' });
    return `${before}[${label}](${toLinkDestination(href)})${after}`;
  });
  rule('img', (_content, node) => {
    const alt = toAltText(node.getAttribute('alt') ?? '');
    const src = toSafeHref(node.getAttribute('src'));
    if (!src) return alt;
    edges.set(node, { first: '!', last: ')' });
    return `![${alt}](${toLinkDestination(src)})`;
  });
  return service;
}
