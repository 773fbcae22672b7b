import type { ThreadNode } from '../../../internal/thread-tree.js';
import {
  computeWindow,
  countVisible,
  indexThread,
  repliesShown,
  selectPage,
  selectPath,
  type ThreadIndex,
  type ThreadWindow,
} from '../../../internal/thread-window.js';

/** What showing more revealed: the comment to focus and how many comments came into view. */
export interface Shown {
  focusId: string;
  shownCount: number;
}

/**
 * What one element has opened of a big thread, and the window that follows from it.
 *
 * - The first page follows the thread while its pages arrive and when its order changes (its
 *   first conversation is another); once the thread is here, replies and later comments leave
 *   it as the reader sees it.
 * - Whatever the reader, a permalink or the reader's own posts opened stays open.
 */
export class ThreadWindowState {
  #revealed = new Set<string>();
  #firstPage: ReadonlySet<string> = new Set();
  #expanded = new Set<string>();
  #index: ThreadIndex | null = null;
  #isNewTree = false;

  /** Takes the thread as it now stands (from buildThreadTree). */
  update(nodes: readonly ThreadNode[]): void {
    if (this.#index?.top === nodes) return;
    this.#index = indexThread(nodes);
    this.#isNewTree = true;
  }

  /** Opens a comment's conversation and the reply lists above it; false when it is not in the thread. */
  open(id: string): boolean {
    const path = this.#index && selectPath(this.#index, id);
    if (!path) return false;
    this.#revealed.add(path.topId);
    for (const listId of path.listIds) this.#expanded.add(listId);
    return true;
  }

  /** The window to render; `isLoading` while a first visit's pages still arrive. */
  compute(isLoading: boolean): ThreadWindow {
    const index = this.#index ?? indexThread([]);
    for (const node of index.top) {
      if (!node.comment.pinned) break;
      this.#revealed.add(node.comment.id);
    }
    const head = index.top[0]?.comment.id ?? '';
    if (this.#firstPage.size === 0 || (this.#isNewTree && (isLoading || !this.#firstPage.has(head)))) {
      this.#firstPage = new Set(selectPage(index, { revealed: new Set(), expanded: this.#expanded }, 0).ids);
    }
    this.#isNewTree = false;
    return computeWindow(index, { revealed: this.#shown(), expanded: this.#expanded });
  }

  /** Opens the next page of conversations hidden from `fromIndex`; null when none is hidden there. */
  showMore(fromIndex: number): Shown | null {
    if (!this.#index) return null;
    const { ids, shownCount } = selectPage(
      this.#index,
      { revealed: this.#shown(), expanded: this.#expanded },
      fromIndex,
    );
    if (ids.length === 0) return null;
    // The first page stops following the thread: the reader has read past it.
    for (const id of [...this.#firstPage, ...ids]) this.#revealed.add(id);
    return { focusId: ids[0]!, shownCount };
  }

  /** Opens every reply to `parentId`; null when none was hidden. */
  showReplies(parentId: string): Shown | null {
    const hidden = this.#index?.nodeOf.get(parentId)?.replies.slice(repliesShown) ?? [];
    if (hidden.length === 0) return null;
    this.#expanded.add(parentId);
    let shownCount = 0;
    for (const reply of hidden) shownCount += countVisible(reply, this.#expanded);
    return { focusId: hidden[0]!.comment.id, shownCount };
  }

  #shown(): ReadonlySet<string> {
    return new Set([...this.#firstPage, ...this.#revealed]);
  }
}
