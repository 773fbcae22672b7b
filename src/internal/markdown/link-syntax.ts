import { countSteps } from './step-counter.js';

/**
 * What the scans of one paragraph's links share so none reads the same text twice:
 * where the last failed destination scan stopped, and the last closing quote found.
 */
export interface LinkScan {
  text: string;
  /** No bare destination is read from before here: an earlier scan read past it and failed. */
  destinationFrontier: number;
  closers: Map<string, { from: number; at: number }>;
}

/** A fresh scan state for `text`. */
export function createLinkScan(text: string): LinkScan {
  return { text, destinationFrontier: 0, closers: new Map() };
}

const escapable = /^[!-/:-@[-`{-~]$/;
const escapePattern = /\\([!-/:-@[-`{-~])/g;

/** Whether `char` can be backslash-escaped (ASCII punctuation). */
export function isEscapable(char: string | undefined): boolean {
  return char !== undefined && escapable.test(char);
}

/** `text` with its backslash escapes resolved. */
export function unescapeText(text: string): string {
  return text.includes('\\') ? text.replace(escapePattern, '$1') : text;
}

/** A link label as definitions and references compare it: trimmed, spaces folded, lower case. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The index of the next `char` at or after `from` that no backslash escapes, or -1. Remembers
 * its last answer: a later search starting before that answer reuses it, so a run of titles
 * that never close is read once.
 */
function findUnescaped(scan: LinkScan, char: string, from: number): number {
  const memo = scan.closers.get(char);
  if (memo && from >= memo.from && (memo.at === -1 || from <= memo.at)) return memo.at;
  const { text } = scan;
  let at = from;
  while (at < text.length && text[at] !== char) {
    countSteps();
    at += text[at] === '\\' ? 2 : 1;
  }
  const found = at < text.length ? at : -1;
  scan.closers.set(char, { from, at: found });
  return found;
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n')) {
    countSteps();
    at += 1;
  }
  return at;
}

const titleClosers: Record<string, string> = { '"': '"', "'": "'", '(': ')' };

/**
 * Reads `(destination "title")` from the `(` at `open`: the destination as typed (escapes
 * unresolved) and the index after the `)`, or null when it is not one.
 */
export function readLinkTail(scan: LinkScan, open: number): { destination: string; end: number } | null {
  const { text } = scan;
  let at = skipSpace(text, open + 1);
  let destination = '';
  if (text[at] === '<') {
    let close = at + 1;
    while (close < text.length && !'<>\n'.includes(text[close]!)) {
      countSteps();
      close += text[close] === '\\' ? 2 : 1;
    }
    if (text[close] !== '>') return null;
    destination = text.slice(at + 1, close);
    at = close + 1;
  } else if (text[at] !== ')') {
    if (at < scan.destinationFrontier) return null;
    let end = at;
    let depth = 0;
    while (end < text.length && text[end]! > ' ') {
      countSteps();
      const char = text[end];
      if (char === '\\' && isEscapable(text[end + 1])) end += 1;
      else if (char === '(') depth += 1;
      else if (char === ')' && depth-- === 0) break;
      end += 1;
    }
    scan.destinationFrontier = end;
    if (depth > 0) return null;
    destination = text.slice(at, end);
    at = end;
  }
  const afterSpace = skipSpace(text, at);
  const closer = titleClosers[text[afterSpace] ?? ''];
  if (closer && afterSpace > at) {
    const close = findUnescaped(scan, closer, afterSpace + 1);
    if (close < 0) return null;
    if (closer === ')') {
      const nested = findUnescaped(scan, '(', afterSpace + 1);
      if (nested !== -1 && nested < close) return null;
    }
    at = skipSpace(text, close + 1);
  } else {
    at = afterSpace;
  }
  return text[at] === ')' ? { destination, end: at + 1 } : null;
}

/**
 * Reads a `[label]` starting at `open`, or null: at most 999 characters and no unescaped
 * bracket inside, so each `[` is read from once.
 */
export function readLinkLabel(text: string, open: number): { label: string; end: number } | null {
  let at = open + 1;
  while (at < text.length && at - open <= 1000) {
    countSteps();
    const char = text[at];
    if (char === ']') return { label: text.slice(open + 1, at), end: at + 1 };
    if (char === '[') return null;
    at += char === '\\' ? 2 : 1;
  }
  return null;
}
