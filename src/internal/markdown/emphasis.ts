import { createNode, insertAfter, moveSiblingsInto, unlinkNode, type InlineNode } from './inline-nodes.js';
import { countSteps } from './step-counter.js';

/** A run of `*`, `_` or `~` that may open or close emphasis (CommonMark's delimiter stack). */
export interface Delimiter {
  /** The text node holding the run's characters that are not used yet. */
  node: InlineNode;
  char: string;
  /** Characters left in the run. */
  count: number;
  /** The run's length as typed, for the "multiple of 3" rule. */
  length: number;
  canOpen: boolean;
  canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

const whitespace = /\s/u;
const punctuation = /[\p{P}\p{S}]/u;

/**
 * Whether a run between `before` and `after` (the characters around it, '\n' at either end)
 * can open and can close, by CommonMark's flanking rules; `_` also needs a word boundary.
 */
export function classifyRun(
  char: string,
  before: string,
  after: string,
): { canOpen: boolean; canClose: boolean } {
  const isAfterSpace = whitespace.test(after);
  const isBeforeSpace = whitespace.test(before);
  const isAfterPunct = punctuation.test(after);
  const isBeforePunct = punctuation.test(before);
  const isLeft = !isAfterSpace && (!isAfterPunct || isBeforeSpace || isBeforePunct);
  const isRight = !isBeforeSpace && (!isBeforePunct || isAfterSpace || isAfterPunct);
  if (char === '_') {
    return { canOpen: isLeft && (!isRight || isBeforePunct), canClose: isRight && (!isLeft || isAfterPunct) };
  }
  return { canOpen: isLeft, canClose: isRight };
}

/** Where a closer's search for an opener stopped last time, per kind of closer. */
function bottomKey(closer: Delimiter): string {
  return `${closer.char}${closer.canOpen ? 1 : 0}${closer.length % 3}`;
}

/**
 * Matches the delimiters above `bottom` (null: all) into em, strong and del nodes, and drops
 * them from the stack. Linear: a closer that finds no opener records how far it looked, and
 * the next closer of its kind starts its search there (openers-bottom).
 */
export function processEmphasis(stack: { top: Delimiter | null }, bottom: Delimiter | null): void {
  const openersBottom = new Map<string, Delimiter | null>();
  let closer = bottom ? bottom.next : firstAbove(stack.top, bottom);
  while (closer) {
    countSteps();
    if (!closer.canClose) {
      closer = closer.next;
      continue;
    }
    const key = bottomKey(closer);
    const limit = openersBottom.has(key) ? openersBottom.get(key)! : bottom;
    let opener = closer.prev;
    while (opener && opener !== bottom && opener !== limit) {
      countSteps();
      if (opener.char === closer.char && opener.canOpen && isPair(opener, closer)) break;
      opener = opener.prev;
    }
    if (!opener || opener === bottom || opener === limit) {
      openersBottom.set(key, closer.prev);
      const next: Delimiter | null = closer.next;
      if (!closer.canOpen) removeDelimiter(stack, closer);
      closer = next;
      continue;
    }
    const used = closer.char === '~' ? closer.count : closer.count >= 2 && opener.count >= 2 ? 2 : 1;
    const kind = closer.char === '~' ? 'del' : used === 2 ? 'strong' : 'em';
    opener.count -= used;
    closer.count -= used;
    opener.node.text = opener.node.text.slice(used);
    closer.node.text = closer.node.text.slice(used);
    const wrapper = createNode(kind);
    moveSiblingsInto(wrapper, opener.node, closer.node);
    insertAfter(opener.node, wrapper);
    // Delimiters between the pair are inside the new node now: they can match nothing.
    while (opener.next !== closer) removeDelimiter(stack, opener.next!);
    if (opener.count === 0) {
      unlinkNode(opener.node);
      removeDelimiter(stack, opener);
    }
    if (closer.count === 0) {
      const next: Delimiter | null = closer.next;
      unlinkNode(closer.node);
      removeDelimiter(stack, closer);
      closer = next;
    }
  }
  while (stack.top && stack.top !== bottom) removeDelimiter(stack, stack.top);
}

/** CommonMark's rule of 3, and GFM's: `~` pairs only with a run of its own length. */
function isPair(opener: Delimiter, closer: Delimiter): boolean {
  if (closer.char === '~') return opener.count === closer.count;
  const isOdd =
    (closer.canOpen || opener.canClose) &&
    closer.length % 3 !== 0 &&
    (opener.length + closer.length) % 3 === 0;
  return !isOdd;
}

function firstAbove(top: Delimiter | null, bottom: Delimiter | null): Delimiter | null {
  let delimiter = top;
  while (delimiter && delimiter.prev !== bottom) {
    countSteps();
    delimiter = delimiter.prev;
  }
  return delimiter;
}

function removeDelimiter(stack: { top: Delimiter | null }, delimiter: Delimiter): void {
  countSteps();
  if (delimiter.prev) delimiter.prev.next = delimiter.next;
  if (delimiter.next) delimiter.next.prev = delimiter.prev;
  else stack.top = delimiter.prev;
  delimiter.prev = delimiter.next = null;
}
