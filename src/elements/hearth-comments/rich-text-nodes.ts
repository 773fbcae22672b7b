import { isSafeHref, type RichBlock, type RichInline, type RichText } from '../../internal/rich-text.js';

/**
 * Builds a parsed comment body as DOM nodes: every piece of user text becomes a text node and
 * every link's address a checked attribute, never markup, so the tree cannot smuggle in
 * elements. A cached tree could have been written by other script on the page's origin, so
 * links are checked again and text is forced to strings.
 *
 * Built directly rather than through Lit templates: a Lit template per paragraph, line break
 * and emphasis cost a thousand-comment thread a template instance and a part for each, about
 * a third of its first render (issue #11). A body only ever changes whole (an edit brings a
 * new tree), so there is nothing for Lit to update in place.
 */
export function renderRichText(blocks: RichText): DocumentFragment {
  const fragment = document.createDocumentFragment();
  appendBlocks(fragment, blocks);
  return fragment;
}

/**
 * Nodes created since the module loaded, a link counting 3 for its attributes: what a build
 * cost is the difference.
 */
let nodesCreated = 0;

/** Appends `blocks` to `parent`; returns how many nodes that created (a link counting 3). */
export function appendBlocks(parent: ParentNode, blocks: readonly RichBlock[]): number {
  const before = nodesCreated;
  for (const block of blocks) appendBlock(parent, block);
  return nodesCreated - before;
}

function appendElement(parent: ParentNode, tag: string): HTMLElement {
  nodesCreated += 1;
  const element = document.createElement(tag);
  parent.append(element);
  return element;
}

function appendBlock(parent: ParentNode, block: RichBlock): void {
  switch (block.t) {
    case 'p':
      appendInlines(appendElement(parent, 'p'), block.c);
      return;
    case 'pre': {
      const pre = appendElement(parent, 'pre');
      // Focusable because a long line scrolls it, and keyboard users must be able to scroll too.
      pre.tabIndex = 0;
      appendElement(pre, 'code').textContent = String(block.v);
      return;
    }
    case 'quote':
      appendBlocks(appendElement(parent, 'blockquote'), block.c);
      return;
    case 'ul':
    case 'ol': {
      const list = appendElement(parent, block.t);
      if (block.t === 'ol') list.setAttribute('start', String(Number(block.start)));
      for (const item of block.items) appendBlocks(appendElement(list, 'li'), item);
      return;
    }
    case 'hr':
      appendElement(parent, 'hr');
  }
}

function appendInlines(parent: ParentNode, inlines: readonly RichInline[]): void {
  for (const node of inlines) {
    if (typeof node === 'string') {
      nodesCreated += 1;
      parent.append(node);
      continue;
    }
    switch (node.t) {
      case 'em':
      case 'strong':
      case 'del':
        appendInlines(appendElement(parent, node.t), node.c);
        break;
      case 'code':
        appendElement(parent, 'code').textContent = String(node.v);
        break;
      case 'a':
        if (isSafeHref(node.href)) {
          nodesCreated += 2;
          const link = appendElement(parent, 'a');
          link.setAttribute('href', String(node.href));
          link.setAttribute('target', '_blank');
          link.setAttribute('rel', 'nofollow ugc noopener noreferrer');
          appendInlines(link, node.c);
        } else appendInlines(parent, node.c);
        break;
      case 'br':
        appendElement(parent, 'br');
    }
  }
}
