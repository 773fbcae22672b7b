import { html, type TemplateResult } from 'lit';
import type { ComposerWords } from '../../../i18n/messages/composer-messages.js';
import { CommentAction } from '../comment-action.js';

/**
 * Edit (unless its edit window has closed) and Delete on one of the reader's own comments. Like
 * Reply they carry no listeners: the thread's delegated click handler reads `data-action`.
 */
export function renderOwnActions(words: ComposerWords, canEdit: boolean): TemplateResult {
  return html`${
    canEdit
      ? html`<button part="edit-button" class="link-button" type="button" data-action=${CommentAction.editComment}>
          ${words.editComment}
        </button>`
      : ''
  }<button part="delete-button" class="link-button" type="button" data-action=${CommentAction.deleteComment}>
      ${words.deleteComment}
    </button>`;
}

/**
 * The inline question before a delete: Delete or Keep, both plain buttons, Escape keeps.
 * A group named by its question, so a screen reader announces it as focus lands on Keep.
 */
export function renderDeleteConfirmation(
  id: string,
  onKeyDown: (event: KeyboardEvent) => void,
  words: ComposerWords,
): TemplateResult {
  const questionId = `${id}-delete-question`;
  return html`<div part="delete-confirm" class="delete-confirm" role="group" aria-labelledby=${questionId} @keydown=${onKeyDown}>
    <span id=${questionId}>${words.deleteQuestion}</span>
    <button part="confirm-delete-button" class="link-button danger" type="button" data-action=${CommentAction.confirmDelete}>
      ${words.deleteComment}</button
    ><button part="keep-button" class="link-button" type="button" data-action=${CommentAction.keepComment}>${words.keep}</button>
  </div>`;
}
