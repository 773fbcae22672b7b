import type { RichBlock, RichInline } from '../rich-text.js';
import type { Block, Container } from './block-parser.js';
import type { InlineNode } from './inline-nodes.js';
import { parseInlines } from './inline-parser.js';
import type { LinkDefinitions } from './link-brackets.js';
import { toSafeHref } from './safe-href.js';

/** Emphasis nested deeper than this keeps its text and drops the formatting. */
const maxInlineDepth = 16;

const taskMark = /^\[([ xX])\][ \t]+(?=\S)/;

/** The RichText blocks of a container's children. */
export function toRichBlocks(blocks: readonly Block[], definitions: LinkDefinitions): RichBlock[] {
  const rich: RichBlock[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph':
        if (block.lines.length > 0) rich.push({ t: 'p', c: toInlines(block.lines.join('\n'), definitions) });
        break;
      case 'heading':
        rich.push({ t: 'p', c: [{ t: 'strong', c: toInlines(block.text, definitions) }] });
        break;
      case 'code':
        rich.push({ t: 'pre', v: block.lines.join('\n') });
        break;
      case 'hr':
        rich.push({ t: 'hr' });
        break;
      case 'quote':
        rich.push({ t: 'quote', c: toRichBlocks(block.children, definitions) });
        break;
      case 'list': {
        const items = block.items.map((item) => toItem(item, definitions));
        const start = Number.isSafeInteger(block.start) && block.start >= 0 ? block.start : 1;
        rich.push(block.isOrdered ? { t: 'ol', start, items } : { t: 'ul', items });
        break;
      }
      case 'document':
      case 'item':
        break;
    }
  }
  return rich;
}

/** A list item's blocks; a task item (`[ ]`, `[x]`) keeps its box as text before the first line. */
function toItem(item: Container, definitions: LinkDefinitions): RichBlock[] {
  const first = item.children[0];
  const task = first?.kind === 'paragraph' ? taskMark.exec(first.lines[0] ?? '') : null;
  if (!task || first?.kind !== 'paragraph') return toRichBlocks(item.children, definitions);
  const rest = {
    kind: 'paragraph' as const,
    lines: [first.lines[0]!.slice(task[0].length), ...first.lines.slice(1)],
  };
  const blocks = toRichBlocks([rest, ...item.children.slice(1)], definitions);
  const paragraph = blocks[0] as Extract<RichBlock, { t: 'p' }>;
  const mark = task[1] === ' ' ? '[ ] ' : '[x] ';
  if (typeof paragraph.c[0] === 'string') paragraph.c[0] = mark + paragraph.c[0];
  else paragraph.c.unshift(mark);
  return blocks;
}

function toInlines(text: string, definitions: LinkDefinitions): RichInline[] {
  return convertChildren(parseInlines(text, definitions), false, 0);
}

function convertChildren(parent: InlineNode, isInLink: boolean, depth: number): RichInline[] {
  const out: RichInline[] = [];
  for (let node = parent.first; node; node = node.next) appendNode(out, node, isInLink, depth);
  return out;
}

function appendNode(out: RichInline[], node: InlineNode, isInLink: boolean, depth: number): void {
  switch (node.kind) {
    case 'text':
      appendText(out, node.text);
      return;
    case 'br':
      out.push({ t: 'br' });
      return;
    case 'code':
      out.push({ t: 'code', v: node.text });
      return;
    case 'em':
    case 'strong':
    case 'del': {
      const children = convertChildren(node, isInLink, depth + 1);
      if (depth < maxInlineDepth) out.push({ t: node.kind, c: children });
      else for (const child of children) appendInline(out, child);
      return;
    }
    case 'autolink': {
      const href = isInLink ? null : toSafeHref(node.href);
      if (href) out.push({ t: 'a', href, c: [node.text] });
      else appendText(out, node.text);
      return;
    }
    case 'link': {
      // A link inside a link's label keeps only its label: links never nest.
      const label = convertChildren(node, true, depth + 1);
      const href = isInLink ? null : toSafeHref(node.href);
      // A link needs a name: an empty label shows the address.
      if (href) out.push({ t: 'a', href, c: label.length > 0 ? label : [href] });
      else if (isInLink) for (const child of label) appendInline(out, child);
      else appendText(out, node.text);
      return;
    }
    case 'image': {
      // Alt text is plain text: its markdown (escapes, emphasis) is read, then flattened.
      const alt = toPlainText(convertChildren(node, true, depth + 1)).trim();
      const href = isInLink ? null : toSafeHref(node.href);
      if (href) out.push({ t: 'a', href, c: [alt || href] });
      else appendText(out, isInLink ? alt : node.text);
      return;
    }
  }
}

function toPlainText(inlines: readonly RichInline[]): string {
  return inlines
    .map((node) =>
      typeof node === 'string' ? node : 'c' in node ? toPlainText(node.c) : 'v' in node ? node.v : ' ',
    )
    .join('');
}

function appendInline(out: RichInline[], node: RichInline): void {
  if (typeof node === 'string') appendText(out, node);
  else out.push(node);
}

/** Appends text, joining it to a preceding string so the tree stays small. */
function appendText(out: RichInline[], text: string): void {
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] += text;
  else if (text !== '') out.push(text);
}
