import TurndownService from 'turndown';
import { toSafeHref } from '../../../src/internal/markdown/safe-href.js';
import { imageMark, isWebUrl, toLinkDestination, toLinkTarget } from './link-targets.js';
import {
  outputEndBefore,
  outputEndOf,
  recordOutput,
  wrapEmphasis,
  type VisitedNode,
} from './markdown-emphasis.js';
import { escapeMarkdownText } from './markdown-escape.js';

/** How many items of each list have been converted: turndown visits them in order. */
const itemCounts = new WeakMap<Node, number>();

/** Splits leading and trailing line breaks off `content`: a delimiter may not sit next to one. */
function splitLineBreaks(content: string): [string, string, string] {
  let start = 0;
  while (content[start] === '\n') start += 1;
  let end = content.length;
  while (end > start && content[end - 1] === '\n') end -= 1;
  return [content.slice(0, start), content.slice(start, end), content.slice(end)];
}

/** Wraps an em, strong or del element's content in `delimiter` where markdown reads it back. */
function wrapDelimited(content: string, node: VisitedNode, delimiter: string): string {
  const [before, inner, after] = splitLineBreaks(content);
  if (inner.trim() === '') return content;
  const output = wrapEmphasis(inner, node, delimiter);
  // Without its delimiters, the element ends as its last child did.
  const isCodeSpan = after === '' && output.endsWith('`') && outputEndOf(node.lastChild).isCodeSpan;
  return recordOutput(node, before + output + after, isCodeSpan);
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
    // Two code spans in a row would read as one run of backticks: a space keeps them apart.
    return recordOutput(
      node,
      span !== '' && outputEndBefore(node).isCodeSpan ? ` ${span}` : span,
      span !== '',
    );
  });
  rule('em', (content, node) => wrapDelimited(content, node, '*'));
  rule('strong', (content, node) => wrapDelimited(content, node, '**'));
  rule('del', (content, node) => wrapDelimited(content, node, '~~'));
  rule('a', (content, node) => {
    const href = toLinkTarget(node.getAttribute('href'));
    if (!href) return content;
    const [before, label, after] = splitLineBreaks(content);
    if (label.trim() === '' && !node.querySelector('img')) return content;
    // After a `!`, `[` would start an image: marked here, the `!` is escaped once converted.
    const mark = before === '' && outputEndBefore(node).last === '!' ? imageMark : '';
    return recordOutput(node, `${before}${mark}[${label}](${toLinkDestination(href)})${after}`, false);
  });
  rule('img', (_content, node) => {
    const alt = toAltText(node.getAttribute('alt') ?? '');
    const src = toSafeHref(node.getAttribute('src'));
    if (!src || !isWebUrl(src)) return alt;
    return recordOutput(node, `![${alt}](${toLinkDestination(src)})`, false);
  });
  return service;
}
