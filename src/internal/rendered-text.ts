import type { RichBlock, RichInline, RichText } from './rich-text.js';

/**
 * What a reader gets from a parsed body, for rules that must judge exactly what the widget
 * renders (the server's link limit and blocklist). Pure and linear in the tree's size.
 */

/** The links the widget renders for `tree` (each becomes one `<a>`), in document order. */
export function listLinks(tree: RichText): string[] {
  const hrefs: string[] = [];
  const visitInlines = (inlines: readonly RichInline[]): void => {
    for (const node of inlines) {
      if (typeof node === 'string') continue;
      if (node.t === 'a') hrefs.push(node.href);
      if ('c' in node) visitInlines(node.c);
    }
  };
  visitBlocks(tree, (block) => visitInlines(block.c));
  return hrefs;
}

/** How many links (`<a>` elements) the widget renders for `tree`. */
export function countLinks(tree: RichText): number {
  return listLinks(tree).length;
}

/**
 * The text a reader reads in `tree`, formatting removed: blocks and line breaks become
 * newlines, code and link labels are kept, a rule is a blank line.
 */
export function toPlainText(tree: RichText): string {
  const lines: string[] = [];
  const inlineText = (inlines: readonly RichInline[]): string =>
    inlines
      .map((node) => {
        if (typeof node === 'string') return node;
        if (node.t === 'br') return '\n';
        if (node.t === 'code') return node.v;
        return inlineText(node.c);
      })
      .join('');
  const visit = (blocks: readonly RichBlock[]): void => {
    for (const block of blocks) {
      if (block.t === 'p') lines.push(inlineText(block.c));
      else if (block.t === 'pre') lines.push(block.v);
      else if (block.t === 'hr') lines.push('');
      else if (block.t === 'quote') visit(block.c);
      else for (const item of block.items) visit(item);
    }
  };
  visit(tree);
  return lines.join('\n');
}

function visitBlocks(
  blocks: readonly RichBlock[],
  visitParagraph: (block: { c: RichInline[] }) => void,
): void {
  for (const block of blocks) {
    if (block.t === 'p') visitParagraph(block);
    else if (block.t === 'quote') visitBlocks(block.c, visitParagraph);
    else if (block.t === 'ul' || block.t === 'ol')
      for (const item of block.items) visitBlocks(item, visitParagraph);
  }
}
