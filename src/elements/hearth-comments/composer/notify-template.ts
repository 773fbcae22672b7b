import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ComposerWords } from '../../../i18n/messages/composer-messages.js';
import { NotifyScope } from '../../../protocol/notify-scope.js';

/** What the reader asks to be emailed about when they post: a scope, or '' for nothing. */
export type NotifyChoice = NotifyScope | '';

/** A remembered value as a choice: anything but a scope is nothing. */
export function toNotifyChoice(value: string): NotifyChoice {
  return value === NotifyScope.replies || value === NotifyScope.thread ? value : '';
}

const isTicked = (event: Event): boolean => (event.target as HTMLInputElement).checked;

/**
 * "Email me when someone replies", and once it is ticked "…and to every new comment in this
 * thread" under it, which widens the choice from replies to the whole thread. Each checkbox is
 * labelled by the words beside it.
 */
export function renderNotifyChoice(
  choice: NotifyChoice,
  words: ComposerWords,
  onChange: (choice: NotifyChoice) => void,
): TemplateResult {
  const isNotifying = choice !== '';
  return html`<div class="notify">
    <label class="check"
      ><input
        type="checkbox"
        part="notify-checkbox"
        .checked=${live(isNotifying)}
        @change=${(event: Event) => onChange(isTicked(event) ? NotifyScope.replies : '')}
      />
      ${words.notifyLabel}</label
    >
    ${
      isNotifying
        ? html`<label class="check follow"
            ><input
              type="checkbox"
              part="follow-checkbox"
              .checked=${live(choice === NotifyScope.thread)}
              @change=${(event: Event) => onChange(isTicked(event) ? NotifyScope.thread : NotifyScope.replies)}
            />
            ${words.followLabel}</label
          >`
        : nothing
    }
  </div>`;
}
