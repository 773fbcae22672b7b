import type { ImportProblem, SourcePosition } from '../import-item.js';

const quotedLength = 60;

/** A problem item for the record at `position`. */
export function makeProblem(message: string, position: SourcePosition): ImportProblem {
  return { type: 'problem', message, position };
}

/** A source value quoted for a message, cut short: the file is the user's, not the log's. */
export function quoteValue(text: string): string {
  return JSON.stringify(text.length > quotedLength ? `${text.slice(0, quotedLength)}…` : text);
}
