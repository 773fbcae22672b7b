import {
  countIndent,
  isBlank,
  isThematicBreak,
  readAtxHeading,
  readFence,
  trimSpaces,
} from './block-lines.js';
import type { CodeBlock, Container, Paragraph } from './block-parser.js';

/** Whether a line would start a heading, rule or fence, so it cannot continue a paragraph lazily. */
export function startsLeafBlock(rest: string): boolean {
  const indent = countIndent(rest);
  if (indent >= 4) return false;
  const text = rest.slice(indent);
  return isThematicBreak(text) || readAtxHeading(text) !== null || readFence(text) !== null;
}

const setextUnderline = /^(?:=+|-+)[ \t]*$/;

/**
 * Adds a line (its containers' markers removed) to the innermost container's leaf: it
 * continues the open paragraph or code block, or closes it and starts a heading, rule, fence,
 * indented code block or paragraph. `closeLeaf` closes the open leaf (reading definitions).
 */
export function addToLeaf(
  container: Container,
  rest: string,
  closeLeaf: (container: Container) => void,
): void {
  const leaf = container.leaf;
  if (isBlank(rest)) {
    if (leaf?.kind === 'code') leaf.blankLinesPending += 1;
    else closeLeaf(container);
    return;
  }
  const indent = countIndent(rest);
  if (indent >= 4 && leaf?.kind !== 'paragraph') {
    if (leaf?.kind === 'code') {
      for (; leaf.blankLinesPending > 0; leaf.blankLinesPending -= 1) leaf.lines.push('');
      leaf.lines.push(rest.slice(4));
    } else {
      const code: CodeBlock = {
        kind: 'code',
        lines: [rest.slice(4)],
        fence: null,
        fenceIndent: 0,
        blankLinesPending: 0,
      };
      container.children.push(code);
      container.leaf = code;
    }
    return;
  }
  const text = rest.slice(indent);
  if (indent >= 4) {
    (leaf as Paragraph).lines.push(trimSpaces(text));
    return;
  }
  if (leaf?.kind === 'paragraph' && setextUnderline.test(text)) {
    closeLeaf(container);
    if (leaf.lines.length > 0) {
      container.children.splice(container.children.lastIndexOf(leaf), 1, {
        kind: 'heading',
        text: leaf.lines.join('\n'),
      });
      return;
    }
  }
  const heading = readAtxHeading(text);
  const fence = heading === null ? readFence(text) : null;
  if (isThematicBreak(text) || heading !== null || fence !== null) {
    closeLeaf(container);
    if (heading !== null) container.children.push({ kind: 'heading', text: heading });
    else if (fence === null) container.children.push({ kind: 'hr' });
    else {
      const code: CodeBlock = { kind: 'code', lines: [], fence, fenceIndent: indent, blankLinesPending: 0 };
      container.children.push(code);
      container.leaf = code;
    }
    return;
  }
  if (container.leaf?.kind === 'paragraph') {
    container.leaf.lines.push(trimSpaces(text));
    return;
  }
  closeLeaf(container);
  const paragraph: Paragraph = { kind: 'paragraph', lines: [trimSpaces(text)] };
  container.children.push(paragraph);
  container.leaf = paragraph;
}
