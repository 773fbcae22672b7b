import { parseBlocks } from './markdown/block-parser.js';
import { stepCounter } from './markdown/step-counter.js';
import { toRichBlocks } from './markdown/to-rich-text.js';
import type { RichInline, RichText } from './rich-text.js';

/**
 * Parses a comment body into the rich-text tree the widget renders (see rich-text.ts).
 *
 * Rules:
 * - Paragraphs, line breaks (every newline in a paragraph), emphasis, strong, strikethrough,
 *   code spans and fenced or indented code, quotes, ordered and unordered lists, links
 *   (inline and by reference), autolinks and bare URLs, `www.` addresses and emails.
 * - Headings become bold paragraphs: a comment is not a document.
 * - Raw HTML, tables and anything else outside the subset stay as the text that was typed.
 * - A link whose URL is not absolute http(s) or mailto is text; an image is a link to the
 *   image labelled with its alt text, so nothing is fetched when a comment is read.
 * - Work is linear in the body's length (see docs/decisions/0011-linear-markdown-parser.md).
 * - Input the parser chokes on renders as plain text rather than failing the thread.
 */
export function parseMarkdown(source: string): RichText {
  try {
    const { document, definitions } = parseBlocks(source);
    return toRichBlocks(document.children, definitions);
  } catch {
    return source.trim() === '' ? [] : [{ t: 'p', c: textWithBreaks(source) }];
  }
}

/** `parseMarkdown` and the steps of work it took, for tests that bound the work without a clock. */
export function parseMarkdownCountingSteps(source: string): { tree: RichText; steps: number } {
  stepCounter.steps = 0;
  const tree = parseMarkdown(source);
  return { tree, steps: stepCounter.steps };
}

function textWithBreaks(text: string): RichInline[] {
  return text.split('\n').flatMap((line, index): RichInline[] => (index > 0 ? [{ t: 'br' }, line] : [line]));
}
