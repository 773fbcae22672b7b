import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { composerMessages } from '../../internal/composer-messages.js';
import type { DraftErrors } from '../../internal/validate-draft.js';

/** The state of one composer: the main one, or a reply composer keyed by its parent's id. */
export interface ComposerState {
  body: string;
  errors: DraftErrors;
}

/** A fresh, empty composer. */
export function createComposerState(): ComposerState {
  return { body: '', errors: {} };
}

/** What a composer template needs from the element. */
export interface ComposerView {
  /** 'main', or the id of the comment being answered; unique within the element. */
  key: string;
  state: ComposerState;
  authorName: string;
  /** The author being answered, for reply composers. */
  replyToName: string | null;
  onSubmit: (event: SubmitEvent) => void;
  onNameInput: (event: InputEvent) => void;
  onBodyInput: (event: InputEvent) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onCancel: (() => void) | null;
}

function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

function renderError(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<span class="field-error" id=${id}>${error}</span>` : nothing;
}

/** A comment form: name, body, post; Ctrl/Cmd+Enter posts, Escape cancels a reply. */
export function renderComposer(view: ComposerView): TemplateResult {
  const { key, state, replyToName } = view;
  const nameErrorId = `${key}-name-error`;
  const bodyErrorId = `${key}-body-error`;
  const hintId = `${key}-hint`;
  const isReply = replyToName !== null;
  return html`<form
    part="composer"
    data-composer=${key}
    novalidate
    @submit=${view.onSubmit}
    @keydown=${view.onKeyDown}
  >
    <label
      >${composerMessages.nameLabel}
      <input
        part="name-input"
        name="authorName"
        autocomplete="nickname"
        .value=${live(view.authorName)}
        aria-invalid=${state.errors.authorName ? 'true' : 'false'}
        aria-describedby=${state.errors.authorName ? nameErrorId : nothing}
        @input=${view.onNameInput}
      />
      ${renderError(nameErrorId, state.errors.authorName)}
    </label>
    <label
      >${isReply ? composerMessages.replyBodyLabel(replyToName) : composerMessages.bodyLabel}
      <textarea
        part="body-input"
        name="body"
        rows="4"
        placeholder=${composerMessages.bodyPlaceholder}
        .value=${live(state.body)}
        aria-invalid=${state.errors.body ? 'true' : 'false'}
        aria-describedby=${state.errors.body ? `${bodyErrorId} ${hintId}` : hintId}
        @input=${view.onBodyInput}
      ></textarea>
      ${renderError(bodyErrorId, state.errors.body)}
    </label>
    <div class="actions">
      <button part="submit-button" type="submit">
        ${isReply ? composerMessages.submitReply : composerMessages.submit}
      </button>
      ${
        view.onCancel
          ? html`<button class="link-button" type="button" @click=${view.onCancel}>
              ${composerMessages.cancel}
            </button>`
          : nothing
      }
      <span class="hint" id=${hintId}>${composerMessages.shortcutHint(isApplePlatform())}</span>
    </div>
  </form>`;
}
