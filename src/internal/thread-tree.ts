import { CommentStatus } from '../protocol/comment-status.js';
import type { ThreadComment } from './rich-text.js';
import { SortOrder, sortTopLevel } from './thread-sort.js';

/** Replies nest up to this depth; deeper replies show flat with a "replying to" mention. */
export const maxNestingDepth = 4;

/** One comment placed in the thread. */
export interface ThreadNode {
  comment: ThreadComment;
  /** 0 for top-level comments. */
  depth: number;
  replies: ThreadNode[];
  /** The author answered, when the reply is shown flat below the nesting limit. */
  replyingTo: string | null;
}

function byCreation(a: ThreadComment, b: ThreadComment): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.seq - b.seq;
}

/**
 * Arranges comments into the thread shown to readers: top-level comments in `order` (default
 * oldest first; see thread-sort.ts), those a moderator pinned before the rest, replies under
 * their parent oldest first. A reply whose
 * parent is unknown (not yet pulled) shows at the top level rather than disappearing. A
 * deleted comment shows only while replies sit under it.
 */
export function buildThreadTree(
  comments: readonly ThreadComment[],
  order: SortOrder = SortOrder.oldest,
): ThreadNode[] {
  const ids = new Set(comments.map((comment) => comment.id));
  const children = new Map<string | null, ThreadComment[]>();
  for (const comment of [...comments].sort(byCreation)) {
    const key = comment.parentId !== null && ids.has(comment.parentId) ? comment.parentId : null;
    let siblings = children.get(key);
    if (!siblings) children.set(key, (siblings = []));
    siblings.push(comment);
  }

  function flattenDescendants(parent: ThreadComment, into: ThreadNode[]): void {
    for (const child of children.get(parent.id) ?? []) {
      const descendants: ThreadNode[] = [];
      flattenDescendants(child, descendants);
      if (isBareTombstone(child, descendants)) continue;
      into.push({ comment: child, depth: maxNestingDepth, replies: [], replyingTo: parent.authorName });
      into.push(...descendants);
    }
  }

  function place(parentId: string | null, depth: number): ThreadNode[] {
    const nodes: ThreadNode[] = [];
    for (const comment of children.get(parentId) ?? []) {
      if (depth < maxNestingDepth) {
        const replies = place(comment.id, depth + 1);
        if (!isBareTombstone(comment, replies)) nodes.push({ comment, depth, replies, replyingTo: null });
      } else {
        const descendants: ThreadNode[] = [];
        flattenDescendants(comment, descendants);
        if (isBareTombstone(comment, descendants)) continue;
        nodes.push({ comment, depth, replies: [], replyingTo: null }, ...descendants);
      }
    }
    return nodes;
  }

  return sortTopLevel(place(null, 0), order);
}

/**
 * Whether a comment is a tombstone with nothing under it. A tombstone is shown only to keep its
 * replies in place; alone it would be a "deleted" line for something (a rejected comment, say)
 * readers never saw.
 */
function isBareTombstone(comment: ThreadComment, shownBelow: readonly ThreadNode[]): boolean {
  return comment.status === CommentStatus.deleted && shownBelow.length === 0;
}

/**
 * How many comments every reader sees, as the server counts them: published only, not the
 * reader's own pending or held comments, nor tombstones.
 */
export function countPublished(comments: readonly { status: string }[]): number {
  let count = 0;
  for (const comment of comments) if (comment.status === CommentStatus.published) count += 1;
  return count;
}

/** How many comments the heading counts: tombstones keep their place but are not counted. */
export function countShown(nodes: readonly ThreadNode[]): number {
  let count = 0;
  for (const node of nodes) {
    if (node.comment.status !== CommentStatus.deleted) count += 1;
    count += countShown(node.replies);
  }
  return count;
}
