import { CommentStatus } from '../protocol/comment-status.js';
import type { ThreadNode } from './thread-tree.js';

/** Comments (replies included) a page of top-level conversations holds, at least one conversation. */
export const pageBudget = 120;

/** Replies shown in each reply list before "Show N more replies". */
export const repliesShown = 3;

/** Where every comment of a thread sits, built once per tree so windows are cheap to compute. */
export interface ThreadIndex {
  top: readonly ThreadNode[];
  /** Every node, by comment id. */
  nodeOf: ReadonlyMap<string, ThreadNode>;
  /** The comment whose reply list holds each comment, by id; null at the top level. */
  parentOf: ReadonlyMap<string, string | null>;
  /** Comments counted (tombstones are not) in each comment's subtree, itself included, by id. */
  sizeOf: ReadonlyMap<string, number>;
  /** `prefixSize[i]`: comments counted in the first `i` conversations. */
  prefixSize: readonly number[];
}

/** What the reader opened: top-level conversations shown, and reply lists shown whole; by id. */
export interface WindowState {
  revealed: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
}

/** A run of shown conversations, or the hidden ones between them ("Show more comments"). */
export type WindowSegment =
  { kind: 'shown'; nodes: ThreadNode[] } | { kind: 'gap'; fromIndex: number; hiddenCount: number };

/** The part of a thread to render. */
export interface ThreadWindow {
  segments: WindowSegment[];
  /** Comments hidden behind each collapsed reply list, by the id of the comment it answers. */
  hiddenReplies: ReadonlyMap<string, number>;
}

/** Indexes a thread tree (from buildThreadTree) for windowing. */
export function indexThread(top: readonly ThreadNode[]): ThreadIndex {
  const nodeOf = new Map<string, ThreadNode>();
  const parentOf = new Map<string, string | null>();
  const sizeOf = new Map<string, number>();
  const prefixSize = [0];
  function visit(node: ThreadNode, parentId: string | null): number {
    nodeOf.set(node.comment.id, node);
    parentOf.set(node.comment.id, parentId);
    let size = node.comment.status === CommentStatus.deleted ? 0 : 1;
    for (const reply of node.replies) size += visit(reply, node.comment.id);
    sizeOf.set(node.comment.id, size);
    return size;
  }
  top.forEach((node, index) => {
    prefixSize.push(prefixSize[index]! + visit(node, null));
  });
  return { top, nodeOf, parentOf, sizeOf, prefixSize };
}

/** A conversation with its long reply lists cut, noting what each cut hides in `hidden`. */
function collapseReplies(
  node: ThreadNode,
  index: ThreadIndex,
  expanded: ReadonlySet<string>,
  hidden: Map<string, number>,
): ThreadNode {
  if (node.replies.length === 0) return node;
  const id = node.comment.id;
  const isCut = node.replies.length > repliesShown && !expanded.has(id);
  const shown = isCut ? node.replies.slice(0, repliesShown) : node.replies;
  if (isCut) {
    let count = 0;
    for (const reply of node.replies.slice(repliesShown)) count += index.sizeOf.get(reply.comment.id) ?? 0;
    hidden.set(id, count);
  }
  return { ...node, replies: shown.map((reply) => collapseReplies(reply, index, expanded, hidden)) };
}

/** Comments a conversation (or reply) shows with its long reply lists collapsed. */
export function countVisible(node: ThreadNode, expanded: ReadonlySet<string>): number {
  const shown = expanded.has(node.comment.id) ? node.replies : node.replies.slice(0, repliesShown);
  let count = 1;
  for (const reply of shown) count += countVisible(reply, expanded);
  return count;
}

/** The shown conversations (replies collapsed) and the gaps between them. */
export function computeWindow(index: ThreadIndex, state: WindowState): ThreadWindow {
  const segments: WindowSegment[] = [];
  const hiddenReplies = new Map<string, number>();
  let run: ThreadNode[] | null = null;
  let gapFrom = -1;
  const closeGap = (toIndex: number): void => {
    if (gapFrom < 0) return;
    const hiddenCount = index.prefixSize[toIndex]! - index.prefixSize[gapFrom]!;
    segments.push({ kind: 'gap', fromIndex: gapFrom, hiddenCount });
    gapFrom = -1;
  };
  index.top.forEach((node, position) => {
    if (!state.revealed.has(node.comment.id)) {
      run = null;
      if (gapFrom < 0) gapFrom = position;
      return;
    }
    closeGap(position);
    if (!run) segments.push({ kind: 'shown', nodes: (run = []) });
    run.push(collapseReplies(node, index, state.expanded, hiddenReplies));
  });
  closeGap(index.top.length);
  return { segments, hiddenReplies };
}

/**
 * The ids of the next page of hidden conversations from `fromIndex`: as many as fit in
 * `budget` shown comments, at least one, stopping at the first one already revealed; and how
 * many comments they show.
 */
export function selectPage(
  index: ThreadIndex,
  state: WindowState,
  fromIndex: number,
  budget = pageBudget,
): { ids: string[]; shownCount: number } {
  const ids: string[] = [];
  let used = 0;
  for (let position = fromIndex; position < index.top.length; position += 1) {
    const node = index.top[position]!;
    if (state.revealed.has(node.comment.id)) break;
    const cost = countVisible(node, state.expanded);
    if (ids.length > 0 && used + cost > budget) break;
    ids.push(node.comment.id);
    used += cost;
  }
  return { ids, shownCount: used };
}

/**
 * What must open for a comment to show: its conversation's id and the ids of every comment
 * whose reply list holds it. Null when the comment is not in the thread.
 */
export function selectPath(index: ThreadIndex, id: string): { topId: string; listIds: string[] } | null {
  if (!index.parentOf.has(id)) return null;
  const listIds: string[] = [];
  let current = id;
  for (let parent = index.parentOf.get(current); parent; parent = index.parentOf.get(current)) {
    listIds.push(parent);
    current = parent;
  }
  return { topId: current, listIds };
}
