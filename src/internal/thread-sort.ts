import type { ThreadNode } from './thread-tree.js';

/** How top-level comments are ordered; replies always read oldest first, under their parent. */
export const SortOrder = {
  /** The conversation as it happened (the default). */
  oldest: 'oldest',
  /** The latest first. */
  newest: 'newest',
  /** The most upvoted first; equal counts oldest first. */
  top: 'top',
} as const;
export type SortOrder = (typeof SortOrder)[keyof typeof SortOrder];

/** The sort order a stored or typed value names, or `oldest` for anything else. */
export function readSortOrder(value: string | null | undefined): SortOrder {
  return value === SortOrder.newest || value === SortOrder.top ? value : SortOrder.oldest;
}

/**
 * Orders top-level nodes, given oldest first, as `order` says. Comments a moderator pinned stay
 * before the rest, in their own oldest-first order; `top` ranks by the server's `votes` (not
 * the reader's vote still in flight, so a click never moves the comment clicked).
 */
export function sortTopLevel(nodes: readonly ThreadNode[], order: SortOrder): ThreadNode[] {
  const pinned = nodes.filter((node) => node.comment.pinned);
  const rest = nodes.filter((node) => !node.comment.pinned);
  if (order === SortOrder.newest) rest.reverse();
  // Array.prototype.sort is stable, so equal counts keep their oldest-first order.
  else if (order === SortOrder.top) rest.sort((a, b) => (b.comment.votes ?? 0) - (a.comment.votes ?? 0));
  return pinned.length > 0 ? [...pinned, ...rest] : rest;
}
