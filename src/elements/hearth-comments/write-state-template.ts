import { html, type TemplateResult } from 'lit';
import { composerMessages } from '../../internal/composer-messages.js';
import { WriteOp } from '../../storage/db.js';
import type { PendingWrite } from '../../sync/thread-sync.js';

/** The words for a write still on its way, by what it does. */
function describePending(write: PendingWrite, isOnline: boolean): string {
  if (write.isAwaitingToken) return composerMessages.awaitingSignIn;
  if (write.op === WriteOp.edit) return isOnline ? composerMessages.saving : composerMessages.savingOffline;
  if (write.op === WriteOp.delete)
    return isOnline ? composerMessages.deleting : composerMessages.deletingOffline;
  return isOnline ? composerMessages.pending : composerMessages.pendingOffline;
}

/**
 * The line under a comment whose write the server has not applied yet, with its actions when
 * refused: a refused post or edit can be edited again or discarded; a refused delete discarded.
 */
export function renderWriteState(write: PendingWrite, isOnline: boolean): TemplateResult {
  if (write.state !== 'failed') {
    return html`<p class="write-state">${describePending(write, isOnline)}</p>`;
  }
  const reason = write.error?.message ?? '';
  if (write.op === WriteOp.post) {
    return html`<p class="write-state failed" role="alert">
      ${composerMessages.failed(reason)}
      <button class="link-button" type="button" data-action="edit" aria-label=${composerMessages.editLabel(write.authorName)}>
        ${composerMessages.edit}</button
      ><button class="link-button" type="button" data-action="discard" aria-label=${composerMessages.discardLabel(write.authorName)}>
        ${composerMessages.discard}
      </button>
    </p>`;
  }
  const isEdit = write.op === WriteOp.edit;
  // An edit of a comment deleted meanwhile (409 comment_deleted) can only be discarded.
  const canEdit = isEdit && write.error?.code !== 'comment_deleted';
  return html`<p class="write-state failed" role="alert">
    ${isEdit ? composerMessages.notSaved(reason) : composerMessages.notDeleted(reason)}
    ${
      canEdit
        ? html`<button class="link-button" type="button" data-action="edit-comment">${composerMessages.edit}</button>`
        : ''
    }<button class="link-button" type="button" data-action="discard">${composerMessages.discard}</button>
  </p>`;
}
