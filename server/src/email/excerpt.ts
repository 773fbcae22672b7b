import { toPlainText } from '../../../src/internal/rendered-text.js';
import { parseBody } from '../store/body-tree.js';

/** The start of a comment's body as plain text on one line, at most `maxChars` UTF-16 units and an ellipsis. */
export function toExcerpt(body: string, maxChars: number): string {
  const text = toPlainText(parseBody(body)).replace(/\s+/g, ' ').trim();
  return text.length > maxChars ? `${text.slice(0, maxChars).trimEnd()}…` : text;
}
