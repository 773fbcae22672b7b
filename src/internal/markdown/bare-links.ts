import { countSteps } from './step-counter.js';

/** A bare URL, `www.` address or email address found in a paragraph's text (GFM autolinks). */
export interface BareLink {
  start: number;
  end: number;
  /** What the link points to before URL parsing: `http://` added to `www.`, `mailto:` to emails. */
  href: string;
}

const startPattern = /https?:\/\/|www\.|@/gi;
const urlStop = /[\s<[\]]/;
const letterBefore = /[\p{L}\p{N}]/u;
// GFM: a `www.` link starts a line or follows whitespace, `*`, `_`, `~` or `(`.
const wwwBefore = /[\s*_~(]/u;
const hostChar = /[A-Za-z0-9-]/;
const trailingPunctuation = /[?!.,:;*_'"~]/;
const emailLocal = /[A-Za-z0-9._+-]/;
const emailDomain = /[A-Za-z0-9_-]/;

/**
 * Every bare link in `text`, in order, none overlapping. One pass: each candidate start is
 * found by a regular expression with no backtracking, a URL runs to the next space, `<` or
 * bracket and is then trimmed, and an email's local part is read back only to the end of the
 * previous link or `@`.
 */
export function findBareLinks(text: string): BareLink[] {
  const links: BareLink[] = [];
  let scannedTo = 0;
  startPattern.lastIndex = 0;
  for (let match = startPattern.exec(text); match; match = startPattern.exec(text)) {
    countSteps();
    const start = match.index;
    if (start < scannedTo) continue;
    const found = match[0] === '@' ? readEmail(text, start, scannedTo) : readUrl(text, start, match[0]);
    if (found) {
      links.push(found);
      scannedTo = found.end;
      startPattern.lastIndex = found.end;
    } else if (match[0] === '@') {
      scannedTo = start + 1;
    }
  }
  return links;
}

function readUrl(text: string, start: number, prefix: string): BareLink | null {
  const before = text[start - 1] ?? ' ';
  const isWww = prefix.length === 4;
  if (isWww ? !wwwBefore.test(before) : letterBefore.test(before)) return null;
  if (!hostChar.test(text[start + prefix.length] ?? '')) return null;
  let end = start + prefix.length;
  const unclosed: number[] = [];
  let closes = 0;
  while (end < text.length && !urlStop.test(text[end]!)) {
    countSteps();
    if (text[end] === '(') unclosed.push(end);
    else if (text[end] === ')') {
      if (unclosed.pop() === undefined) closes += 1;
    }
    end += 1;
  }
  // A `(` never closed ends the URL before it; a `)` never opened is trailing punctuation.
  if (unclosed.length > 0) end = unclosed[0]!;
  for (;;) {
    countSteps();
    const last = text[end - 1]!;
    const entity = last === ';' ? /&#?[A-Za-z0-9]+;$/.exec(text.slice(Math.max(start, end - 12), end)) : null;
    if (entity) end -= entity[0].length;
    else if (trailingPunctuation.test(last)) end -= 1;
    else if (last === ')' && closes > 0) {
      closes -= 1;
      end -= 1;
    } else break;
  }
  if (end <= start + prefix.length) return null;
  const url = text.slice(start, end);
  return { start, end, href: isWww ? `http://${url}` : url };
}

function readEmail(text: string, at: number, floor: number): BareLink | null {
  let start = at;
  while (start > floor && emailLocal.test(text[start - 1]!)) {
    countSteps();
    start -= 1;
  }
  // A leading `_` is an emphasis delimiter, not part of the address.
  while (start < at && text[start] === '_') start += 1;
  if (start === at) return null;
  let end = at + 1;
  let dots = 0;
  while (end < text.length && (emailDomain.test(text[end]!) || text[end] === '.')) {
    countSteps();
    if (text[end] === '.') dots += 1;
    end += 1;
  }
  while (end > at + 1 && text[end - 1] === '.') {
    end -= 1;
    dots -= 1;
  }
  const last = text[end - 1]!;
  if (dots < 1 || text[at + 1] === '.' || last === '-' || last === '_') return null;
  const address = text.slice(start, end);
  return { start, end, href: `mailto:${address}` };
}
