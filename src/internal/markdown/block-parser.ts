import {
  countIndent,
  expandIndentTabs,
  isBlank,
  isFenceClose,
  isThematicBreak,
  readListMarker,
  trimSpaces,
} from './block-lines.js';
import { addToLeaf, startsLeafBlock } from './leaf-blocks.js';
import { readDefinitions } from './link-definitions.js';
import type { LinkDefinitions } from './link-brackets.js';
import { countSteps } from './step-counter.js';

/** Deeper quotes and list items than this are not opened: their markers stay as text. */
export const maxDepth = 8;

export interface Paragraph {
  kind: 'paragraph';
  lines: string[];
}
export interface CodeBlock {
  kind: 'code';
  lines: string[];
  /** The opening fence, or null for indented code. */
  fence: string | null;
  fenceIndent: number;
  blankLinesPending: number;
}
/** A quote, a list item or the document: blocks that hold blocks. */
export interface Container {
  kind: 'document' | 'quote' | 'item';
  children: Block[];
  /** For an item: how far its content is indented. */
  indent: number;
  /** The paragraph or code block lines are being added to (only the innermost has one). */
  leaf: Paragraph | CodeBlock | null;
  startsBlank: boolean;
}
export interface List {
  kind: 'list';
  isOrdered: boolean;
  start: number;
  marker: string;
  items: Container[];
}
export type Block =
  Paragraph | CodeBlock | Container | List | { kind: 'heading'; text: string } | { kind: 'hr' };

function createContainer(kind: Container['kind'], indent = 0, startsBlank = false): Container {
  return { kind, children: [], indent, leaf: null, startsBlank };
}

/**
 * Reads a body's block structure line by line, CommonMark's way (open containers are matched
 * against each line, then new ones opened, then the line goes to a leaf), and collects link
 * reference definitions. Each line costs its length plus the open containers, at most 8.
 */
export function parseBlocks(source: string): { document: Container; definitions: LinkDefinitions } {
  const document = createContainer('document');
  const open: Container[] = [document];
  const definitions: LinkDefinitions = new Map();

  const closeLeaf = (container: Container): void => {
    const leaf = container.leaf;
    container.leaf = null;
    if (leaf?.kind === 'paragraph') leaf.lines = readDefinitions(leaf.lines, definitions);
  };
  const closeDeeperThan = (count: number): void => {
    closeLeaf(open.at(-1)!);
    open.length = count;
  };

  for (const rawLine of source.split(/\r\n?|\n/)) {
    countSteps(rawLine.length + 1);
    const line = expandIndentTabs(rawLine);
    let pos = 0;
    let matched = 1;
    for (; matched < open.length; matched += 1) {
      const container = open[matched]!;
      const indent = countIndent(line, pos);
      if (container.kind === 'quote') {
        if (indent > 3 || line[pos + indent] !== '>') break;
        pos += indent + 1;
        if (line[pos] === ' ') pos += 1;
      } else if (pos + indent >= line.length) {
        const isEmpty = container.children.length === 0;
        if (isEmpty && container.startsBlank) break;
        pos = line.length;
      } else if (indent >= container.indent) {
        pos += container.indent;
      } else break;
    }
    let rest = line.slice(pos);
    const deepest = open.at(-1)!;
    const leaf = deepest.leaf;
    if (matched === open.length && leaf?.kind === 'code' && leaf.fence !== null) {
      if (isFenceClose(rest, leaf.fence)) deepest.leaf = null;
      else {
        // Code keeps its tabs: only a line inside a container needs them expanded.
        const code = pos === 0 ? rawLine : rest;
        leaf.lines.push(code.slice(Math.min(leaf.fenceIndent, countIndent(code))));
      }
      continue;
    }
    const isLazyCandidate = matched < open.length && leaf?.kind === 'paragraph' && !isBlank(rest);
    // Only a paragraph whose own container matched can be interrupted; a lazy line that
    // starts an item closes the paragraph's containers instead.
    const canInterrupt = matched === open.length && leaf?.kind === 'paragraph';
    let hasOpened = false;
    while (matched - 1 < maxDepth) {
      const indent = countIndent(rest);
      if (indent >= 4) break;
      const text = rest.slice(indent);
      if (text[0] === '>') {
        closeDeeperThan(matched);
        const quote = createContainer('quote');
        open[matched - 1]!.children.push(quote);
        open.push(quote);
        matched += 1;
        hasOpened = true;
        rest = text[1] === ' ' ? text.slice(2) : text.slice(1);
        continue;
      }
      const item = readListMarker(text);
      if (!item || isThematicBreak(text)) break;
      const after = text.slice(item.width);
      const isEmpty = isBlank(after);
      if (!hasOpened && canInterrupt && (isEmpty || (item.isOrdered && item.start !== 1))) break;
      const spaces = countIndent(after);
      const offset = isEmpty || spaces >= 5 ? 1 : spaces;
      closeDeeperThan(matched);
      const parent = open[matched - 1]!;
      const previous = parent.children.at(-1);
      let list = previous?.kind === 'list' && previous.marker === item.marker ? previous : null;
      if (!list) {
        list = { kind: 'list', isOrdered: item.isOrdered, start: item.start, marker: item.marker, items: [] };
        parent.children.push(list);
      }
      const container = createContainer('item', indent + item.width + offset, isEmpty);
      list.items.push(container);
      open.push(container);
      matched += 1;
      hasOpened = true;
      rest = isEmpty ? '' : after.slice(offset);
    }
    if (!hasOpened && matched < open.length) {
      if (isLazyCandidate && !startsLeafBlock(rest)) {
        (leaf as Paragraph).lines.push(trimSpaces(rest));
        continue;
      }
      closeDeeperThan(matched);
    }
    addToLeaf(open.at(-1)!, rest, closeLeaf);
  }
  closeDeeperThan(1);
  closeLeaf(document);
  return { document, definitions };
}
