import { classifyRun } from '../../../src/internal/markdown/emphasis.js';

const whitespace = /\s/;
const lineStartMarks = new Set(['-', '+', '*', '_', '=', '#', '>', '~']);
const emailLocal = /[\w.+-]/;
const referenceChar = /[#\dA-Za-z]/;
const characterReference = /&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z]{2,8});/y;
const orderedMarker = /\d{1,9}[.)]/y;
const candidates = /[*_~\\`[\]<&:.@]/g;

/**
 * Escapes one text node's words so that Hearth's parser (src/internal/markdown) shows them as
 * they are, in one linear pass. The node's neighbours are unknown, so its start counts as a line
 * start and its edges as touching anything:
 * - `\`, backticks and brackets always; `<` before a letter, `/`, `!` or `?` (a tag or
 *   autolink); `&` where it would start a character reference (a `!` before a link is the
 *   link rule's: see markdown-turndown.ts);
 * - `*`, `_` and `~` runs unless Hearth's flanking rules say they can neither open nor close
 *   (`5 * 3`, `snake_case`);
 * - at the start, a list, heading, quote, setext or fence mark (`- `, `1.`, `#`, `>`, `=`);
 * - bare addresses (`http://`, `www.`, `name@host`): the source showed them as text, so
 *   Hearth must not turn them into links.
 */
export function escapeMarkdownText(text: string): string {
  let lead = 0;
  while (lead < text.length && whitespace.test(text[lead]!)) lead += 1;
  let tail = text.length;
  while (tail > lead && whitespace.test(text[tail - 1]!)) tail -= 1;
  if (lead === tail) return text;
  orderedMarker.lastIndex = lead;
  const lineStartAt = lineStartMarks.has(text[lead]!)
    ? lead
    : orderedMarker.test(text)
      ? orderedMarker.lastIndex - 1
      : -1;
  let out = '';
  let copiedTo = 0;
  if (lineStartAt >= 0 && !'*_~'.includes(text[lineStartAt]!)) {
    out = `${text.slice(0, lineStartAt)}\\${text[lineStartAt]}`;
    copiedTo = lineStartAt + 1;
  }
  // Only these characters (and the line start) can need a backslash: jump from one to the next.
  candidates.lastIndex = lead;
  for (let match = candidates.exec(text); match && match.index < tail; match = candidates.exec(text)) {
    const at = match.index;
    const char = match[0];
    if (at < copiedTo) continue;
    let end = at + 1;
    if (char === '*' || char === '_' || char === '~') {
      while (end < tail && text[end] === char) end += 1;
      candidates.lastIndex = end;
      if (at !== lead && end !== tail && isInert(char, text[at - 1]!, text[end]!)) continue;
    } else if (!needsEscape(text, at, char)) {
      continue;
    }
    out += text.slice(copiedTo, at);
    for (let index = at; index < end; index += 1) out += `\\${text[index]}`;
    copiedTo = end;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

function isInert(char: string, before: string, after: string): boolean {
  const { canOpen, canClose } = classifyRun(char, before, after);
  return !canOpen && !canClose;
}

/** Whether the character at `at` needs a backslash. */
function needsEscape(text: string, at: number, char: string): boolean {
  switch (char) {
    case '\\':
    case '`':
    case '[':
    case ']':
      return true;
    case '<':
      return at === text.length - 1 || /[A-Za-z/!?]/.test(text[at + 1]!);
    case '&': {
      characterReference.lastIndex = at;
      if (characterReference.test(text)) return true;
      let end = at + 1;
      while (end < text.length && referenceChar.test(text[end]!)) end += 1;
      // A reference cut off by the node's end may be completed by the next node.
      return end === text.length;
    }
    case ':':
      return text.startsWith('//', at + 1) && /https?$/i.test(text.slice(Math.max(0, at - 5), at));
    case '.':
      return at >= 3 && text.slice(at - 3, at).toLowerCase() === 'www';
    case '@':
      return at === 0 || emailLocal.test(text[at - 1]!);
    default:
      return false;
  }
}
