import type { RichInline, RichText } from './rich-text.js';

// What can start markdown anywhere in a line (escapes, emphasis, code, links, strikethrough,
// tables, tags and entities, bare URLs and email addresses), control characters, and any
// whitespace but the space and the newline. A lone `&` or `<` (as in "Q&A" or "<3") is text.
const anywherePattern = /[\\`*_[\]>|~]|&#?\w+;|<[a-z/!?]|[^\S \n]|[^\P{Cc}\n]|:\/\/|www\.|@/iu;
// What a line may not start with: indentation (code), headings, lists, setext underlines.
const lineStartPattern = /^[ #+=\-\d]/;

/**
 * Whether a comment body holds no markdown syntax at all, so that it reads the same as the
 * parser would give it: paragraphs split at blank lines, lines joined by breaks. One linear
 * scan; a false answer only means "ask the parser", so it errs towards false.
 */
export function isPlainBody(body: string): boolean {
  if (body.trim() === '' || anywherePattern.test(body)) return false;
  for (const line of body.split('\n')) {
    if (line !== '' && (lineStartPattern.test(line) || line.endsWith(' '))) return false;
  }
  return true;
}

/** The tree of a body for which `isPlainBody` is true: the one the markdown parser gives it. */
export function toPlainBodyTree(body: string): RichText {
  return body
    .replace(/^\n+|\n+$/g, '')
    .split(/\n{2,}/)
    .map((paragraph) => ({
      t: 'p',
      c: paragraph
        .split('\n')
        .flatMap((line, index): RichInline[] => (index > 0 ? [{ t: 'br' }, line] : [line])),
    }));
}
