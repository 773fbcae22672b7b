import { marked } from 'marked';
import { parseMarkdown } from '../../../src/internal/parse-markdown.js';
import { toPlainText } from '../../../src/internal/rendered-text.js';
import type { RichInline, RichText } from '../../../src/internal/rich-text.js';
import { cleanHtml } from './clean-html.js';
import { serializeCleanHtml } from './clean-html-serializer.js';
import { emphasisRun, startEmphasisRun, type EmphasisMode } from './markdown-emphasis.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { isMarkdownSafeToRender, markdownRenderMaxChars } from './markdown-render-budget.js';
import { escapeImageMarks } from './link-targets.js';
import { createMarkdownTurndown } from './markdown-turndown.js';
import type { MiniElement } from './mini-dom.js';

export { fitBody } from './fit-body.js';

let turndown: ReturnType<typeof createMarkdownTurndown> | null = null;

/** How a body reaches turndown: built directly as nodes, or as HTML through its parser. */
export type ConversionPath = 'nodes' | 'parser';

/**
 * Converts a source's HTML body (Disqus, WordPress, Remark42, Commento) to Hearth's markdown,
 * so a reader sees what the source showed:
 * - paragraphs; `<br>` a single newline (Hearth renders every newline as a break), two in a
 *   row a paragraph break; generic blocks (div, table rows, dt/dd) a line each, a table's cells
 *   joined by ` | `;
 * - em/i, strong/b, del/s/strike, code (kbd, samp, tt), pre as a fenced block, blockquote,
 *   ul/ol (nested up to Hearth's 8 levels, deeper items as text with their marker);
 * - headings as bold paragraphs; `<q>` in curly quotes;
 * - links and images only for absolute http(s) and mailto (images as links to the image,
 *   labelled with their alt text); other links keep their words, other images their alt text;
 * - script, style, iframe, object, embed, noscript, template, svg and the like removed with
 *   their content; every other element's text kept;
 * - entities decoded; text that merely looks like markdown escaped (see escapeMarkdownText),
 *   bare addresses included: the source showed them as text.
 * The result is trimmed, holds no HTML, and has no run of three newlines outside a code block
 * (whose lines are kept as they were). Work is linear in the input's length at any nesting
 * depth: the input is first read into a clean, shallow document (clean-html.ts) that turndown
 * converts; a body longer than twice the body limit is read only as far as fitBody can keep.
 */
export function htmlToMarkdown(html: string): string {
  return convertHtml(html, 'nodes');
}

/**
 * `htmlToMarkdown` along a chosen path, for the test that holds the two to the same output:
 * `nodes` hands turndown the clean document directly when its entities are ones this module
 * decodes (the fast path), `parser` always serialises it for turndown's HTML parser (domino).
 */
export function convertHtml(html: string, path: ConversionPath): string {
  if (path === 'nodes' && !/[<&\0]/.test(html)) return plainTextToMarkdown(html);
  const first = cleanHtml(html);
  if (!first.root.firstChild) return '';
  const useNodes = path === 'nodes' && first.isDecodable;
  const serialized = useNodes ? '' : serializeCleanHtml(first.root);
  let fresh: MiniElement | null = first.root;
  // turndown rewrites the nodes it is given (whitespace): a second conversion reads them anew.
  const convert = (mode: EmphasisMode): string => {
    startEmphasisRun(mode);
    const root = fresh ?? cleanHtml(html).root;
    fresh = null;
    turndown ??= createMarkdownTurndown();
    return escapeImageMarks(
      turndown.turndown(useNodes ? (root as unknown as HTMLElement) : serialized),
    ).trim();
  };
  const markdown = convert('normal');
  if (!emphasisRun.isAmbiguous) return markdown;
  return checkEmphasis(markdown, emphasisRun.wrapped, convert);
}

/**
 * Makes sure Hearth's parser pairs a body's delimiter runs as they were written, when some run
 * could also have done the opposite (`foo*bar*baz`, `*a***b**`): it must find as many emphasis
 * elements as were written, around the same words as without any. Otherwise the body is
 * written again with only unambiguous runs (`strict`), and failing that without emphasis.
 */
function checkEmphasis(markdown: string, wrapped: number, convert: (mode: EmphasisMode) => string): string {
  const plain = convert('none');
  const words = toPlainText(parseMarkdown(plain));
  const isRead = (candidate: string, count: number): boolean => {
    const tree = parseMarkdown(candidate);
    return countEmphasis(tree) === count && toPlainText(tree) === words;
  };
  if (isRead(markdown, wrapped)) return markdown;
  const strict = convert('strict');
  return isRead(strict, emphasisRun.wrapped) ? strict : plain;
}

/** How many em, strong and del elements a tree holds. */
function countEmphasis(tree: RichText): number {
  let count = 0;
  const visitInlines = (inlines: readonly RichInline[]): void => {
    for (const node of inlines) {
      if (typeof node === 'string' || !('c' in node)) continue;
      if (node.t !== 'a') count += 1;
      visitInlines(node.c);
    }
  };
  const visitBlocks = (blocks: RichText): void => {
    for (const block of blocks) {
      if (block.t === 'p') visitInlines(block.c);
      else if (block.t === 'quote') visitBlocks(block.c);
      else if (block.t === 'ul' || block.t === 'ol') for (const item of block.items) visitBlocks(item);
    }
  };
  visitBlocks(tree);
  return count;
}

/**
 * The fast path for a body without markup (no `<`, `&` or NUL): exactly what turndown makes of
 * it, one paragraph of its words with whitespace collapsed, escaped.
 */
function plainTextToMarkdown(text: string): string {
  const words = text.replace(/[ \r\n\t]+/g, ' ').trim();
  return words === '' ? '' : escapeMarkdownText(words);
}

/**
 * Converts markdown that a source rendered itself (Isso's misaka, Commento's blackfriday:
 * GFM-like, inline HTML allowed, a single newline a space) to Hearth's markdown, by rendering it
 * with `marked` the same way and converting the HTML: what the reader saw is what Hearth shows.
 * Only the first `markdownRenderMaxChars` are rendered (cut at a paragraph break when there is
 * one): the body keeps fewer anyway. A body `marked` cannot render in bounded time (see
 * isMarkdownSafeToRender) is kept as it is: Hearth's own parser renders it, linearly, much as
 * the source did.
 */
export function markdownSourceToMarkdown(markdown: string): string {
  const source = cutMarkdownSource(markdown.replace(/\r\n?/g, '\n'));
  if (!isMarkdownSafeToRender(source)) return source.trim();
  let html: string;
  try {
    html = marked.parse(source, { gfm: true, breaks: false, async: false });
  } catch {
    return source.trim();
  }
  return htmlToMarkdown(html);
}

/** The source up to `markdownRenderMaxChars`, cut at its last paragraph or line break before. */
function cutMarkdownSource(source: string): string {
  if (source.length <= markdownRenderMaxChars) return source;
  for (const separator of ['\n\n', '\n']) {
    const at = source.lastIndexOf(separator, markdownRenderMaxChars - separator.length);
    if (at >= markdownRenderMaxChars / 2) return source.slice(0, at);
  }
  const code = source.charCodeAt(markdownRenderMaxChars - 1);
  return source.slice(
    0,
    code >= 0xd800 && code <= 0xdbff ? markdownRenderMaxChars - 1 : markdownRenderMaxChars,
  );
}
