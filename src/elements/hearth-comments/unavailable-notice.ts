import { html, type TemplateResult } from 'lit';
import type { WordsFor } from '../../controllers/locale-controller.js';
import { problemMessages } from '../../i18n/messages/problem-messages.js';
import { SyncStatus } from '../../sync/sync-status.js';

/**
 * In place of the composer, when the endpoint can never serve this page until its owner fixes
 * it: why, for the owner, naming the page's origin or the endpoint. A chunk of its own: only a
 * misconfigured page shows it.
 */
export function renderUnavailableNotice(
  status: SyncStatus,
  endpoint: string,
  wordsFor: WordsFor,
): TemplateResult {
  const words = wordsFor('problems', problemMessages);
  return html`<p part="unavailable-notice" class="state">
    ${words.unavailable}
    ${status === SyncStatus.refused ? words.originRefused(location.origin) : words.notHearth(endpoint)}
  </p>`;
}
