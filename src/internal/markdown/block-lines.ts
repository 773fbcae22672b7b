import { countSteps } from './step-counter.js';

/** The number of spaces at `from` in `line`. */
export function countIndent(line: string, from = 0): number {
  let at = from;
  while (line[at] === ' ') at += 1;
  countSteps(at - from);
  return at - from;
}

/** `line` without spaces and tabs at either end (not `trim()`: a no-break space is text). */
export function trimSpaces(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && (line[start] === ' ' || line[start] === '\t')) start += 1;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end -= 1;
  countSteps(start + line.length - end);
  return line.slice(start, end);
}

/** Whether `line` holds nothing but spaces and tabs. */
export function isBlank(line: string): boolean {
  return trimSpaces(line) === '';
}

/** Tabs in a line's indentation (and between `>` markers) as spaces to the next stop of 4. */
export function expandIndentTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let column = 0;
  let out = '';
  let at = 0;
  for (; at < line.length && ' \t>'.includes(line[at]!); at += 1) {
    countSteps();
    if (line[at] === '\t') {
      const width = 4 - (column % 4);
      out += ' '.repeat(width);
      column += width;
    } else {
      out += line[at];
      column += 1;
    }
  }
  return out + line.slice(at);
}

const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const atxHeading = /^(#{1,6})(?:[ \t]|$)/;
const fenceOpening = /^(`{3,}|~{3,})/;
const listMarker = /^(?:([*+-])|(\d{1,9})([.)]))(?=[ \t]|$)/;

/** Whether a line (indentation removed) is `***`, `---` or `___`, spaces allowed between. */
export function isThematicBreak(text: string): boolean {
  return thematicBreak.test(text);
}

/** An ATX heading's text, its `#` marks and closing sequence removed, or null. */
export function readAtxHeading(text: string): string | null {
  const match = atxHeading.exec(text);
  if (!match) return null;
  let content = trimSpaces(text.slice(match[1]!.length));
  let end = content.length;
  while (end > 0 && content[end - 1] === '#') end -= 1;
  if (end === 0 || content[end - 1] === ' ' || content[end - 1] === '\t') content = content.slice(0, end);
  return trimSpaces(content);
}

/** A code fence's marker (three or more backticks or tildes), or null. */
export function readFence(text: string): string | null {
  const match = fenceOpening.exec(text);
  if (!match) return null;
  // A backtick fence's info string may not hold a backtick (it would be a code span).
  if (match[1]![0] === '`' && text.indexOf('`', match[1]!.length) !== -1) return null;
  return match[1]!;
}

/** Whether `text` closes a fence opened with `fence`. */
export function isFenceClose(text: string, fence: string): boolean {
  const trimmed = trimSpaces(text);
  if (countIndent(text) > 3 || trimmed.length < fence.length) return false;
  for (const char of trimmed) if (char !== fence[0]) return false;
  return true;
}

/** A list item's marker at the start of `text`: bullet or number, or null. */
export function readListMarker(
  text: string,
): { marker: string; isOrdered: boolean; start: number; width: number } | null {
  const match = listMarker.exec(text);
  if (!match) return null;
  return match[1]
    ? { marker: match[1], isOrdered: false, start: 1, width: 1 }
    : { marker: match[3]!, isOrdered: true, start: Number(match[2]), width: match[0].length };
}
