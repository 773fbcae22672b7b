import { countSteps } from './step-counter.js';

/** The kinds of node the inline parser builds before they become RichText. */
export type InlineKind = 'text' | 'em' | 'strong' | 'del' | 'code' | 'br' | 'link' | 'image' | 'autolink';

/**
 * A node of the inline parse, in a doubly linked tree: emphasis and links are made by moving
 * a run of siblings into a new parent, which costs one step per node moved, and each node is
 * moved at most once as a sibling of the paragraph's or a label's top level.
 */
export interface InlineNode {
  kind: InlineKind;
  /** Text, code, or the source typed for a link (shown when its URL is not safe). */
  text: string;
  /** A link's or autolink's destination, entity-decoded and trimmed; null when it has none. */
  href: string | null;
  parent: InlineNode | null;
  prev: InlineNode | null;
  next: InlineNode | null;
  first: InlineNode | null;
  last: InlineNode | null;
}

/** A new node with no parent, siblings or children. */
export function createNode(kind: InlineKind, text = '', href: string | null = null): InlineNode {
  return { kind, text, href, parent: null, prev: null, next: null, first: null, last: null };
}

/** Appends `child` as the last child of `parent`. */
export function appendChild(parent: InlineNode, child: InlineNode): void {
  countSteps();
  child.parent = parent;
  child.prev = parent.last;
  child.next = null;
  if (parent.last) parent.last.next = child;
  else parent.first = child;
  parent.last = child;
}

/** Takes `node` out of its parent. */
export function unlinkNode(node: InlineNode): void {
  countSteps();
  if (node.prev) node.prev.next = node.next;
  else if (node.parent) node.parent.first = node.next;
  if (node.next) node.next.prev = node.prev;
  else if (node.parent) node.parent.last = node.prev;
  node.parent = node.prev = node.next = null;
}

/** Puts `node` right after `anchor`, in the same parent. */
export function insertAfter(anchor: InlineNode, node: InlineNode): void {
  countSteps();
  node.parent = anchor.parent;
  node.prev = anchor;
  node.next = anchor.next;
  if (anchor.next) anchor.next.prev = node;
  else if (anchor.parent) anchor.parent.last = node;
  anchor.next = node;
}

/** Moves every sibling after `start` and before `end` (null: to the last) into `container`. */
export function moveSiblingsInto(container: InlineNode, start: InlineNode, end: InlineNode | null): void {
  let node = start.next;
  while (node && node !== end) {
    const next = node.next;
    unlinkNode(node);
    appendChild(container, node);
    node = next;
  }
}
