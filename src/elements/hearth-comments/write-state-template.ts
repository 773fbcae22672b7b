import { html, type TemplateResult } from 'lit';
import { composerMessages } from '../../internal/composer-messages.js';
import type { PendingWrite } from '../../sync/thread-sync.js';

/** The line under a comment the server has not stored yet, with its actions when refused. */
export function renderWriteState(write: PendingWrite, isOnline: boolean): TemplateResult {
  if (write.state === 'failed') {
    return html`<p class="write-state failed" role="alert">
      ${composerMessages.failed(write.error?.message ?? '')}
      <button class="link-button" type="button" data-action="edit" aria-label=${composerMessages.editLabel(write.authorName)}>
        ${composerMessages.edit}</button
      ><button class="link-button" type="button" data-action="discard" aria-label=${composerMessages.discardLabel(write.authorName)}>
        ${composerMessages.discard}
      </button>
    </p>`;
  }
  return html`<p class="write-state">${isOnline ? composerMessages.pending : composerMessages.pendingOffline}</p>`;
}
