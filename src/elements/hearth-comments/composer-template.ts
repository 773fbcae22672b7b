import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { composerMessages } from '../../internal/composer-messages.js';
import type { ParseMarkdown } from '../../internal/load-markdown-parser.js';
import type { DraftErrors } from '../../internal/validate-draft.js';
import { renderRichText } from './rich-text-template.js';

/** The tabs of a composer: the textarea, or the body as the thread will show it. */
export const ComposerTab = { write: 'write', preview: 'preview' } as const;
export type ComposerTab = (typeof ComposerTab)[keyof typeof ComposerTab];

/** The state of one composer: the main one, or a reply composer keyed by its parent's id. */
export interface ComposerState {
  body: string;
  errors: DraftErrors;
  tab: ComposerTab;
}

/** A fresh, empty composer on its Write tab. */
export function createComposerState(): ComposerState {
  return { body: '', errors: {}, tab: ComposerTab.write };
}

/** The id of a composer's tab, for focusing it. */
export function composerTabId(key: string, tab: ComposerTab): string {
  return `${key}-tab-${tab}`;
}

/** What a composer template needs from the element. */
export interface ComposerView {
  /** 'main', or the id of the comment being answered; unique within the element. */
  key: string;
  state: ComposerState;
  authorName: string;
  /** The author being answered, for reply composers. */
  replyToName: string | null;
  /** The markdown parser, once its chunk has loaded. */
  parseMarkdown: ParseMarkdown | null;
  onSubmit: (event: SubmitEvent) => void;
  onNameInput: (event: InputEvent) => void;
  onBodyInput: (event: InputEvent) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onFocusIn: () => void;
  onSelectTab: (tab: ComposerTab) => void;
  onTabKeyDown: (event: KeyboardEvent) => void;
  onCancel: (() => void) | null;
}

function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

function renderError(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<span class="field-error" id=${id}>${error}</span>` : nothing;
}

/** The text that posting sends, normalised as CommentBodySchema does, so the preview shows it. */
function toPostedBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}

function renderTab(view: ComposerView, tab: ComposerTab, label: string): TemplateResult {
  const isSelected = view.state.tab === tab;
  return html`<button
    type="button"
    role="tab"
    class="tab"
    id=${composerTabId(view.key, tab)}
    aria-selected=${isSelected ? 'true' : 'false'}
    aria-controls=${`${view.key}-panel-${tab}`}
    tabindex=${isSelected ? '0' : '-1'}
    @click=${() => view.onSelectTab(tab)}
  >
    ${label}
  </button>`;
}

/** The body as the thread renders it; plain text until the parser has loaded. */
function renderPreview(body: string, parseMarkdown: ComposerView['parseMarkdown']): unknown {
  // No whitespace around the content: the container's markup must match a comment body's.
  const content = guard([body, parseMarkdown], () => {
    if (body === '') return html`<p class="preview-empty">${composerMessages.previewEmpty}</p>`;
    return parseMarkdown ? renderRichText(parseMarkdown(body)) : html`<p class="plain">${body}</p>`;
  });
  return html`<div class="rich-text" part="preview">${content}</div>`;
}

function renderFormatHint(id: string): TemplateResult {
  const { intro, samples } = composerMessages.formatHint;
  return html`<p class="hint format-hint" id=${id}>
    ${intro} ${samples.map((sample, index) => html`${index > 0 ? ', ' : ''}<code>${sample}</code>`)}
  </p>`;
}

/**
 * A comment form: name, then Write and Preview tabs over the body, then post. Ctrl/Cmd+Enter
 * posts from the textarea or either tab, Escape cancels a reply.
 */
export function renderComposer(view: ComposerView): TemplateResult {
  const { key, state, replyToName } = view;
  const nameErrorId = `${key}-name-error`;
  const bodyId = `${key}-body`;
  const bodyLabelId = `${key}-body-label`;
  const bodyErrorId = `${key}-body-error`;
  const formatHintId = `${key}-format-hint`;
  const hintId = `${key}-hint`;
  const isReply = replyToName !== null;
  const isPreview = state.tab === ComposerTab.preview;
  const bodyDescription = `${state.errors.body ? `${bodyErrorId} ` : ''}${formatHintId} ${hintId}`;
  return html`<form
    part="composer"
    data-composer=${key}
    novalidate
    @submit=${view.onSubmit}
    @keydown=${view.onKeyDown}
    @focusin=${view.onFocusIn}
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
    <div class="body-head">
      <label id=${bodyLabelId} for=${bodyId}>
        ${isReply ? composerMessages.replyBodyLabel(replyToName) : composerMessages.bodyLabel}
      </label>
      <div role="tablist" class="tabs" aria-labelledby=${bodyLabelId} @keydown=${view.onTabKeyDown}>
        ${renderTab(view, ComposerTab.write, composerMessages.writeTab)}
        ${renderTab(view, ComposerTab.preview, composerMessages.previewTab)}
      </div>
    </div>
    <div
      role="tabpanel"
      class="tab-panel write-panel"
      id=${`${key}-panel-${ComposerTab.write}`}
      aria-labelledby=${composerTabId(key, ComposerTab.write)}
      ?hidden=${isPreview}
    >
      <textarea
        part="body-input"
        id=${bodyId}
        name="body"
        rows="4"
        placeholder=${composerMessages.bodyPlaceholder}
        .value=${live(state.body)}
        aria-invalid=${state.errors.body ? 'true' : 'false'}
        aria-describedby=${bodyDescription}
        @input=${view.onBodyInput}
      ></textarea>
      ${renderError(bodyErrorId, state.errors.body)}
    </div>
    <div
      role="tabpanel"
      class="tab-panel preview-panel"
      id=${`${key}-panel-${ComposerTab.preview}`}
      aria-labelledby=${composerTabId(key, ComposerTab.preview)}
      tabindex="0"
      ?hidden=${!isPreview}
    >
      ${isPreview ? renderPreview(toPostedBody(state.body), view.parseMarkdown) : nothing}
    </div>
    ${renderFormatHint(formatHintId)}
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
