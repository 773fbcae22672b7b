import type { RichBlock, RichInline, RichText } from './rich-text.js';

/**
 * Deepest nesting a tree may have, counting each list, item, quote, paragraph and inline
 * element: the parser nests at most 8 quotes or lists (block-parser.ts) and 16 inline elements
 * (to-rich-text.ts), so its trees stay well inside.
 */
const maxDepth = 64;
/**
 * Most nodes a tree may have. The parser makes at most about one node per character of the
 * body (a line break per two characters is one each), and bodies are at most 10,000 characters.
 */
const maxNodes = 40_000;

type Walk = { nodes: number };

const isArray = Array.isArray;

/**
 * `value` as a rich-text tree when it is one the widget can draw as it is (see rich-text.ts),
 * else null: known node kinds with the right fields, text as strings, and within `maxDepth`
 * and `maxNodes`. It reads the trees a server sends beside bodies (`bodyTree`), which a widget
 * takes in place of parsing; null means "parse the body here". One pass, and no recursion past
 * `maxDepth`, whatever the input. Links are checked where every tree's are, as they are drawn
 * (rich-text-nodes.ts): only http(s) and mailto become links.
 */
export function readRichText(value: unknown): RichText | null {
  const walk: Walk = { nodes: 0 };
  return isArray(value) && areBlocks(value, 0, walk) ? (value as RichText) : null;
}

function isCounted(walk: Walk, depth: number): boolean {
  walk.nodes += 1;
  return depth <= maxDepth && walk.nodes <= maxNodes;
}

function areBlocks(blocks: unknown[], depth: number, walk: Walk): boolean {
  return blocks.every((block) => isBlock(block, depth, walk));
}

function isBlock(value: unknown, depth: number, walk: Walk): boolean {
  if (typeof value !== 'object' || value === null || !isCounted(walk, depth)) return false;
  const block = value as Partial<Record<string, unknown>> & { t?: RichBlock['t'] };
  switch (block.t) {
    case 'p':
      return isArray(block.c) && areInlines(block.c, depth + 1, walk);
    case 'pre':
      return typeof block.v === 'string';
    case 'quote':
      return isArray(block.c) && areBlocks(block.c, depth + 1, walk);
    case 'ol':
    case 'ul':
      return (
        (block.t === 'ul' || Number.isSafeInteger(block.start)) &&
        isArray(block.items) &&
        block.items.every(
          (item) => isArray(item) && isCounted(walk, depth + 1) && areBlocks(item, depth + 2, walk),
        )
      );
    case 'hr':
      return true;
    default:
      return false;
  }
}

function areInlines(inlines: unknown[], depth: number, walk: Walk): boolean {
  return inlines.every((inline) => isInline(inline, depth, walk));
}

function isInline(value: unknown, depth: number, walk: Walk): boolean {
  if (!isCounted(walk, depth)) return false;
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  const inline = value as Partial<Record<string, unknown>> & { t?: Exclude<RichInline, string>['t'] };
  switch (inline.t) {
    case 'em':
    case 'strong':
    case 'del':
      return isArray(inline.c) && areInlines(inline.c, depth + 1, walk);
    case 'code':
      return typeof inline.v === 'string';
    case 'a':
      // Any string: the renderer draws a link whose address is not http(s) or mailto as its text.
      return typeof inline.href === 'string' && isArray(inline.c) && areInlines(inline.c, depth + 1, walk);
    case 'br':
      return true;
    default:
      return false;
  }
}
