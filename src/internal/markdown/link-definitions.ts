import type { LinkDefinitions } from './link-brackets.js';
import { normalizeLabel, readLinkLabel } from './link-syntax.js';
import { countSteps } from './step-counter.js';

/**
 * Takes the link reference definitions (`[label]: destination "title"`) off the start of a
 * closed paragraph, keeping the first definition of each label, and returns the lines left.
 * Reading stops at the first line that is not a definition, so each character is read once.
 */
export function readDefinitions(lines: string[], definitions: LinkDefinitions): string[] {
  if (lines[0]?.[0] !== '[') return lines;
  const text = lines.join('\n');
  let at = 0;
  for (let definition = readDefinition(text, at); definition; definition = readDefinition(text, at)) {
    const label = normalizeLabel(definition.label);
    if (!definitions.has(label)) definitions.set(label, definition.destination);
    at = definition.end;
  }
  return at === 0 ? lines : at >= text.length ? [] : text.slice(at).split('\n');
}

function readDefinition(
  text: string,
  start: number,
): { label: string; destination: string; end: number } | null {
  if (text[start] !== '[') return null;
  const label = readLinkLabel(text, start);
  if (!label || label.label.trim() === '' || text[label.end] !== ':') return null;
  let at = skipSpace(text, label.end + 1, true);
  let destination: string;
  if (text[at] === '<') {
    const close = text.indexOf('>', at);
    const newline = text.indexOf('\n', at);
    if (close < 0 || (newline >= 0 && newline < close)) return null;
    destination = text.slice(at + 1, close);
    at = close + 1;
  } else {
    const begin = at;
    while (at < text.length && text[at]! > ' ') at += 1;
    if (at === begin) return null;
    destination = text.slice(begin, at);
  }
  countSteps(at - start);
  const afterDestination = at;
  const titleStart = skipSpace(text, at, true);
  const closer = { '"': '"', "'": "'", '(': ')' }[text[titleStart] ?? ''];
  if (closer && titleStart > afterDestination) {
    const close = text.indexOf(closer, titleStart + 1);
    countSteps((close < 0 ? text.length : close) - titleStart);
    const end = close < 0 ? -1 : lineEndAfter(text, close + 1);
    if (end >= 0) return { label: label.label, destination, end };
  }
  const end = lineEndAfter(text, afterDestination);
  return end < 0 ? null : { label: label.label, destination, end };
}

function skipSpace(text: string, from: number, allowNewline: boolean): number {
  let at = from;
  let newlines = 0;
  while (text[at] === ' ' || text[at] === '\t' || (allowNewline && text[at] === '\n' && newlines++ === 0))
    at += 1;
  countSteps(at - from);
  return at;
}

/** The index after the line end at or after `from`, when only spaces come before it; else -1. */
function lineEndAfter(text: string, from: number): number {
  const at = skipSpace(text, from, false);
  if (at >= text.length) return text.length;
  return text[at] === '\n' ? at + 1 : -1;
}
