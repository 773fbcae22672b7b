import { decodeEntities } from '../decode-entities.js';
import { processEmphasis, type Delimiter } from './emphasis.js';
import { createNode, insertAfter, moveSiblingsInto, unlinkNode, type InlineNode } from './inline-nodes.js';
import type { InlineState } from './inline-parser.js';
import { appendText } from './inline-parser.js';
import { normalizeLabel, readLinkLabel, readLinkTail, unescapeText } from './link-syntax.js';

/** An open `[` or `![` waiting for its `]`. */
export interface Bracket {
  node: InlineNode;
  /** Index of the `[` (or `!`), where a link's source text starts. */
  start: number;
  labelStart: number;
  isImage: boolean;
  id: number;
  /** The delimiter stack's top when the bracket opened: emphasis in the label stops there. */
  delimiterBottom: Delimiter | null;
}

/** Link reference definitions by normalised label: the destination as typed. */
export type LinkDefinitions = Map<string, string>;

/**
 * Handles the `]` at `at`: makes a link or image from the innermost open bracket when an
 * inline destination or a known reference follows, or else leaves both as text. Returns the
 * index to read on from.
 */
export function closeBracket(state: InlineState, at: number): number {
  const { text } = state;
  const opener = state.brackets.pop();
  const isLabelPlain = opener !== undefined && state.lastBracketAt === opener.labelStart - 1;
  state.lastBracketAt = at;
  if (!opener || (!opener.isImage && opener.id < state.linkBarrier)) {
    appendText(state, ']');
    return at + 1;
  }
  const target = readTarget(state, opener, at, isLabelPlain);
  if (!target) {
    appendText(state, ']');
    return at + 1;
  }
  const node = createNode(
    opener.isImage ? 'image' : 'link',
    text.slice(opener.start, target.end),
    target.href,
  );
  moveSiblingsInto(node, opener.node, null);
  processEmphasis(state.delimiters, opener.delimiterBottom);
  insertAfter(opener.node, node);
  unlinkNode(opener.node);
  if (!opener.isImage) state.linkBarrier = state.nextBracketId;
  return target.end;
}

function readTarget(
  state: InlineState,
  opener: Bracket,
  at: number,
  isLabelPlain: boolean,
): { href: string; end: number } | null {
  const { text, definitions } = state;
  if (text[at + 1] === '(') {
    const tail = readLinkTail(state.scan, at + 1);
    if (tail) return { href: toDestination(tail.destination), end: tail.end };
  }
  if (definitions.size === 0) return null;
  const ownLabel = () =>
    isLabelPlain && at - opener.labelStart <= 999 ? text.slice(opener.labelStart, at) : null;
  let label: string | null;
  let end = at + 1;
  if (text[at + 1] === '[') {
    const reference = readLinkLabel(text, at + 1);
    if (!reference) label = ownLabel();
    else {
      label = reference.label.trim() === '' ? ownLabel() : reference.label;
      end = reference.end;
    }
  } else {
    label = ownLabel();
  }
  if (label === null || label.trim() === '') return null;
  const destination = definitions.get(normalizeLabel(label));
  return destination === undefined ? null : { href: toDestination(destination), end };
}

/** A destination as the URL parser should see it: escapes resolved, entities decoded, trimmed. */
function toDestination(typed: string): string {
  return decodeEntities(unescapeText(typed)).trim();
}
