import { html, type TemplateResult } from 'lit';
import type { ComposerWords } from '../../../i18n/messages/composer-messages.js';
import type { ErrorWords } from '../../../i18n/messages/error-messages.js';
import type { WriteError } from '../../../storage/db.js';
import { WriteOp } from '../../../storage/db.js';
import type { PendingWrite } from '../../../sync/thread-sync.js';
import { CommentAction } from '../comment-action.js';

/** "in 40 minutes", "in 2 hours": when a held-back write goes out, rounded up to the minute. */
function formatRetry(retryAtMs: number, nowMs: number, locale: string): string {
  const minutes = Math.ceil((retryAtMs - nowMs) / 60_000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return minutes < 60 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour');
}

/** The words for a write still on its way, by what it does. */
function describePending(
  write: PendingWrite,
  isOnline: boolean,
  words: ComposerWords,
  locale: string,
): string {
  if (write.isAwaitingToken) return words.awaitingSignIn;
  if (write.op === WriteOp.edit) return isOnline ? words.saving : words.savingOffline;
  if (write.op === WriteOp.delete) return isOnline ? words.deleting : words.deletingOffline;
  if (!isOnline) return words.pendingOffline;
  // Rate-limited: say when, not "Posting…" for the next forty minutes.
  const nowMs = Date.now();
  return write.retryAtMs !== null && write.retryAtMs > nowMs
    ? words.rateLimited(formatRetry(write.retryAtMs, nowMs, locale))
    : words.pending;
}

/**
 * The line under a comment whose write the server has not applied yet, with its actions when
 * refused: a refused post or edit can be edited again or discarded; a refused delete discarded.
 */
export function renderWriteState(
  write: PendingWrite,
  isOnline: boolean,
  words: ComposerWords,
  reason: string,
  locale: string,
): TemplateResult {
  if (write.state !== 'failed') {
    return html`<p class="write-state">${describePending(write, isOnline, words, locale)}</p>`;
  }
  if (write.op === WriteOp.post) {
    return html`<p class="write-state failed" role="alert">
      ${words.failed(reason)}
      <button class="link-button" type="button" data-action=${CommentAction.editWrite} aria-label=${words.editLabel(write.authorName)}>
        ${words.edit}</button
      ><button class="link-button" type="button" data-action=${CommentAction.discardWrite} aria-label=${words.discardLabel(write.authorName)}>
        ${words.discard}
      </button>
    </p>`;
  }
  const isEdit = write.op === WriteOp.edit;
  // An edit of a comment deleted meanwhile (409 comment_deleted) can only be discarded.
  const canEdit = isEdit && write.error?.code !== 'comment_deleted';
  return html`<p class="write-state failed" role="alert">
    ${isEdit ? words.notSaved(reason) : words.notDeleted(reason)}
    ${
      canEdit
        ? html`<button class="link-button" type="button" data-action=${CommentAction.editComment}>${words.edit}</button>`
        : ''
    }<button class="link-button" type="button" data-action=${CommentAction.discardWrite}>${words.discard}</button>
  </p>`;
}

/**
 * Why the server refused a write: by its code in `errors` (the reader's language), or in the
 * server's own words where `errors` is null or does not know the code (a newer server's).
 */
export function describeRefusal(error: WriteError | null | undefined, errors: ErrorWords | null): string {
  if (!error) return '';
  return errors && Object.hasOwn(errors, error.code) ? errors[error.code as keyof ErrorWords] : error.message;
}
