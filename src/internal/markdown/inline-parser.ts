import { decodeEntities } from '../decode-entities.js';
import { readAutolink, readHtmlTag } from './angle-brackets.js';
import { findBareLinks } from './bare-links.js';
import { createBacktickRuns, toCodeText } from './code-spans.js';
import { classifyRun, processEmphasis, type Delimiter } from './emphasis.js';
import { appendChild, createNode, type InlineNode } from './inline-nodes.js';
import { closeBracket, type Bracket, type LinkDefinitions } from './link-brackets.js';
import { createLinkScan, isEscapable, type LinkScan } from './link-syntax.js';
import { countSteps } from './step-counter.js';

/** The state of one paragraph's inline parse, shared with the bracket and link rules. */
export interface InlineState {
  text: string;
  root: InlineNode;
  delimiters: { top: Delimiter | null };
  brackets: Bracket[];
  /** Link openers numbered below this are inside or before a link: links never nest. */
  linkBarrier: number;
  nextBracketId: number;
  /** The index of the last `[` or `]` read, to tell whether a label holds brackets. */
  lastBracketAt: number;
  definitions: LinkDefinitions;
  scan: LinkScan;
}

const special = /[\\`*_~[\]!<&\n]/g;
const entityPattern = /&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z]{2,8});/y;

/**
 * Parses a paragraph's text (lines joined by '\n', each trimmed) into inline nodes, in one
 * left-to-right pass; emphasis is resolved when a link closes and at the end.
 */
export function parseInlines(text: string, definitions: LinkDefinitions): InlineNode {
  const state: InlineState = {
    text,
    root: createNode('text'),
    delimiters: { top: null },
    brackets: [],
    linkBarrier: 0,
    nextBracketId: 0,
    lastBracketAt: -1,
    definitions,
    scan: createLinkScan(text),
  };
  const bareLinks = findBareLinks(text);
  let nextBareLink = 0;
  const findClosingRun = createBacktickRuns(text);
  let htmlFrontier = 0;
  let at = 0;
  while (at < text.length) {
    countSteps();
    while (nextBareLink < bareLinks.length && bareLinks[nextBareLink]!.start < at) nextBareLink += 1;
    const bareLink = bareLinks[nextBareLink];
    if (bareLink?.start === at) {
      const node = createNode(
        'autolink',
        decodeEntities(text.slice(at, bareLink.end)),
        decodeEntities(bareLink.href),
      );
      appendChild(state.root, node);
      at = bareLink.end;
      continue;
    }
    const char = text[at]!;
    switch (char) {
      case '\\':
        if (text[at + 1] === '\n') {
          appendChild(state.root, createNode('br'));
          at += 2;
        } else if (isEscapable(text[at + 1])) {
          appendText(state, text[at + 1]!);
          at += 2;
        } else {
          appendText(state, '\\');
          at += 1;
        }
        continue;
      case '\n':
        appendChild(state.root, createNode('br'));
        at += 1;
        continue;
      case '`': {
        let end = at;
        while (text[end] === '`') end += 1;
        const close = findClosingRun(end - at, end);
        if (close === -1) {
          appendText(state, text.slice(at, end));
          at = end;
        } else {
          appendChild(state.root, createNode('code', toCodeText(text.slice(end, close))));
          at = close + end - at;
        }
        continue;
      }
      case '*':
      case '_':
      case '~':
        at = pushDelimiterRun(state, at);
        continue;
      case '!':
      case '[':
        if (char === '!' && text[at + 1] !== '[') {
          appendText(state, '!');
          at += 1;
          continue;
        }
        at = pushBracket(state, at, char === '!');
        continue;
      case ']':
        at = closeBracket(state, at);
        continue;
      case '<': {
        const autolink = readAutolink(text, at);
        if (autolink) {
          // A link whose label is the address: shown as typed, brackets too, when it is unsafe.
          const link = createNode('link', text.slice(at, autolink.end), autolink.href);
          appendChild(link, createNode('text', autolink.label));
          appendChild(state.root, link);
          at = autolink.end;
          continue;
        }
        const tag = at < htmlFrontier ? null : readHtmlTag(text, at);
        if (tag) htmlFrontier = tag.reached;
        const end = tag?.end ?? at + 1;
        appendText(state, text.slice(at, end));
        at = end;
        continue;
      }
      case '&': {
        entityPattern.lastIndex = at;
        const entity = entityPattern.exec(text)?.[0] ?? '&';
        appendText(state, decodeEntities(entity));
        at += entity.length;
        continue;
      }
      default: {
        special.lastIndex = at;
        const next = special.exec(text)?.index ?? text.length;
        const end = Math.min(next, bareLink?.start ?? text.length);
        countSteps(end - at);
        appendText(state, text.slice(at, end));
        at = end;
      }
    }
  }
  processEmphasis(state.delimiters, null);
  return state.root;
}

/** Appends literal text, joined to a preceding plain text node when there is one. */
export function appendText(state: InlineState, text: string): void {
  const last = state.root.last;
  // Delimiter and bracket nodes carry href '' so text is never joined onto them.
  if (last?.kind === 'text' && last.href === null) {
    last.text += text;
  } else {
    appendChild(state.root, createNode('text', text));
  }
}

function pushDelimiterRun(state: InlineState, at: number): number {
  const { text } = state;
  const char = text[at]!;
  let end = at;
  while (text[end] === char) {
    countSteps();
    end += 1;
  }
  const run = text.slice(at, end);
  if (char === '~' && run.length > 2) {
    appendText(state, run);
    return end;
  }
  const node = createNode('text', run, '');
  appendChild(state.root, node);
  const { canOpen, canClose } = classifyRun(char, text[at - 1] ?? '\n', text[end] ?? '\n');
  const delimiter: Delimiter = {
    node,
    char,
    count: run.length,
    length: run.length,
    canOpen,
    canClose,
    prev: state.delimiters.top,
    next: null,
  };
  if (state.delimiters.top) state.delimiters.top.next = delimiter;
  state.delimiters.top = delimiter;
  return end;
}

function pushBracket(state: InlineState, at: number, isImage: boolean): number {
  const end = at + (isImage ? 2 : 1);
  const node = createNode('text', isImage ? '![' : '[', '');
  appendChild(state.root, node);
  state.brackets.push({
    node,
    start: at,
    labelStart: end,
    isImage,
    id: state.nextBracketId++,
    delimiterBottom: state.delimiters.top,
  });
  state.lastBracketAt = end - 1;
  return end;
}
