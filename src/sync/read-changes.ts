import { parseMarkdown } from '../internal/parse-markdown.js';
import type { ThreadComment } from '../internal/rich-text.js';
import { ChangesResponseSchema, type ChangesResponse } from '../protocol/changes.js';

/** A page of the change feed, checked against the protocol, with every body parsed. */
export type ChangesPage = Omit<ChangesResponse, 'comments'> & { comments: ThreadComment[] };

/**
 * Checks a changes response against the protocol schema and parses each comment's markdown
 * once, so the tree is cached with the comment. Null when the response is unreadable.
 *
 * This module is loaded while the request is in flight: zod and the markdown parser stay
 * off the path to the first paint, which needs neither.
 */
export function readChangesPage(json: unknown): ChangesPage | null {
  const parsed = ChangesResponseSchema.safeParse(json);
  if (!parsed.success) {
    if (import.meta.env?.DEV) console.warn('[hearth] unreadable changes response', parsed.error);
    return null;
  }
  const { comments, ...page } = parsed.data;
  return {
    ...page,
    comments: comments.map((comment) => ({ ...comment, bodyTree: parseMarkdown(comment.body) })),
  };
}
