import { html, nothing, type TemplateResult } from 'lit';
import { windowMessages, type WindowWords } from '../../../i18n/messages/window-messages.js';
import type { ThreadNode } from '../../../internal/thread-tree.js';
import type { ThreadWindow } from '../../../internal/thread-window.js';
import { CommentAction } from '../comment-action.js';
import { renderComment, type CommentContext } from '../comment-template.js';
import type { Shown, ThreadWindowState } from './thread-window-state.js';

/**
 * The shown conversations of a big thread, with "Show more comments" in each gap and "Show N
 * more replies" below each cut reply list. The buttons carry no listeners: the thread's
 * delegated click handler reads `data-action` (see revealHidden).
 */
export function renderWindow(view: ThreadWindow, shownContext: CommentContext): unknown[] {
  const words = shownContext.wordsFor('window', windowMessages);
  const context = {
    ...shownContext,
    renderMoreReplies: (node: ThreadNode) => renderMoreReplies(view, node, words),
  };
  return view.segments.map((segment) =>
    segment.kind === 'shown'
      ? segment.nodes.map((node) => renderComment(node, context))
      : html`<li class="more">
          <button
            part="show-more-button"
            class="more-button"
            type="button"
            data-action=${CommentAction.showMore}
            data-from=${segment.fromIndex}
          >
            ${words.showMoreComments(segment.hiddenCount)}
          </button>
        </li>`,
  );
}

/** "Show N more replies" at the end of a reply list the window cut short, else nothing. */
function renderMoreReplies(
  view: ThreadWindow,
  node: ThreadNode,
  words: WindowWords,
): TemplateResult | typeof nothing {
  const hidden = view.hiddenReplies.get(node.comment.id);
  return hidden === undefined
    ? nothing
    : html`<li class="more">
        <button
          part="show-replies-button"
          class="link-button"
          type="button"
          data-action=${CommentAction.showReplies}
          data-parent=${node.comment.id}
        >
          ${words.showMoreReplies(hidden)}
        </button>
      </li>`;
}

/**
 * Opens what a clicked "Show more comments" or "Show N more replies" button hides: what it
 * showed, null when nothing was left to show, false for any other button.
 */
export function revealHidden(state: ThreadWindowState, button: HTMLElement): Shown | null | false {
  const { action, from, parent } = button.dataset;
  if (action === CommentAction.showMore) return state.showMore(Number(from));
  return action === CommentAction.showReplies && state.showReplies(parent ?? '');
}
