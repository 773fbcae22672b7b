import { html, type TemplateResult } from 'lit';
import { composerMessages } from '../../internal/composer-messages.js';

/**
 * Edit and Delete on one of the reader's own comments. Like Reply they carry no listeners:
 * the thread's delegated click handler reads `data-action`.
 */
export function renderOwnActions(): TemplateResult {
  return html`<button part="edit-button" class="link-button" type="button" data-action="edit-comment">
      ${composerMessages.editComment}</button
    ><button part="delete-button" class="link-button" type="button" data-action="delete-comment">
      ${composerMessages.deleteComment}
    </button>`;
}

/**
 * The inline question before a delete: Delete or Keep, both plain buttons, Escape keeps.
 * A group named by its question, so a screen reader announces it as focus lands on Keep.
 */
export function renderDeleteConfirmation(
  id: string,
  onKeyDown: (event: KeyboardEvent) => void,
): TemplateResult {
  const questionId = `${id}-delete-question`;
  return html`<div part="delete-confirm" class="delete-confirm" role="group" aria-labelledby=${questionId} @keydown=${onKeyDown}>
    <span id=${questionId}>${composerMessages.deleteQuestion}</span>
    <button part="confirm-delete-button" class="link-button danger" type="button" data-action="confirm-delete">
      ${composerMessages.deleteComment}</button
    ><button part="keep-button" class="link-button" type="button" data-action="keep-comment">${composerMessages.keep}</button>
  </div>`;
}
