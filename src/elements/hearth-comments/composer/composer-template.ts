import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import type { ComposerWords } from '../../../i18n/messages/composer-messages.js';
import type { ParseMarkdown } from '../../../internal/load-markdown-parser.js';
import type { DraftErrors } from '../../../internal/validate-draft.js';
import { limits } from '../../../protocol/limits.js';
import { renderNotifyChoice, type NotifyChoice } from './notify-template.js';
import { renderRichText } from '../rich-text-nodes.js';

/** The tabs of a composer: the textarea, or the body as the thread will show it. */
export const ComposerTab = { write: 'write', preview: 'preview' } as const;
export type ComposerTab = (typeof ComposerTab)[keyof typeof ComposerTab];

/** What a composer writes: a new comment, a reply, or a new text for one of the reader's comments. */
export const ComposerKind = { main: 'main', reply: 'reply', edit: 'edit' } as const;
export type ComposerKind = (typeof ComposerKind)[keyof typeof ComposerKind];

/** The state of one composer: the main one, a reply composer or an edit composer. */
export interface ComposerState {
  body: string;
  errors: DraftErrors;
  tab: ComposerTab;
  /** The hidden honeypot field's value: only a bot fills it in. */
  website: string;
  /** A message from the server shown above the composer's fields (an edit refused), or ''. */
  alert: string;
  /** A reply form shows the Name and Email fields (not "Replying as …"): asked for, or no name yet. */
  isIdentityOpen: boolean;
}

/** A fresh, empty composer on its Write tab. */
export function createComposerState(): ComposerState {
  return { body: '', errors: {}, tab: ComposerTab.write, website: '', alert: '', isIdentityOpen: false };
}

/** The id of a composer's tab, for focusing it. */
export function composerTabId(key: string, tab: ComposerTab): string {
  return `${key}-tab-${tab}`;
}

/** Who the reader writes as: a guest (name and optional email), or signed in through SSO. */
export type ComposerIdentity =
  { kind: 'guest'; authorName: string; email: string } | { kind: 'signed-in'; name: string };

/** What a composer template needs from the element. */
export interface ComposerView {
  /** 'main', the id of the comment being answered, or `edit:` and the id being edited; unique within the element. */
  key: string;
  kind: ComposerKind;
  state: ComposerState;
  /** Absent for edit composers, which change only the text. */
  identity: ComposerIdentity | null;
  /** The author being answered, for reply composers. */
  replyToName: string | null;
  /** The markdown parser, once its chunk has loaded. */
  parseMarkdown: ParseMarkdown | null;
  /** The writing words, in the element's locale. */
  words: ComposerWords;
  /** What the reader asks to be emailed about; null where it is not offered (an edit, a site that sends no email). */
  notify: NotifyChoice | null;
  onSubmit: (event: SubmitEvent) => void;
  onNameInput: (event: InputEvent) => void;
  onEmailInput: (event: InputEvent) => void;
  onHoneypotInput: (event: InputEvent) => void;
  onBodyInput: (event: InputEvent) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onFocusIn: () => void;
  onSelectTab: (tab: ComposerTab) => void;
  onTabKeyDown: (event: KeyboardEvent) => void;
  /** "change" in a reply form's "Replying as …": shows the Name and Email fields. */
  onOpenIdentity: () => void;
  /** The reader ticked or unticked one of the notification checkboxes. */
  onNotifyChange: (choice: NotifyChoice) => void;
  onCancel: (() => void) | null;
}

function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

/**
 * A touch screen as the main pointer: most likely no keyboard for a shortcut either. Not
 * `(hover: none)` alone: a device with no pointer at all matches it, and is driven by keyboard.
 */
function isTouchOnly(): boolean {
  return matchMedia('(pointer: coarse)').matches;
}

function renderError(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<span class="field-error" id=${id}>${error}</span>` : nothing;
}

/** The text that posting sends, normalised as CommentBodySchema does, so the preview shows it. */
function toPostedBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}

/** How close to the length limit a text gets before the composer counts what is left. */
const countFromChars = limits.bodyMaxChars - 1_000;

/** Whether a composer holding `body` shows how many characters are left (or too many). */
export function isCounting(body: string): boolean {
  return body.length >= countFromChars && toPostedBody(body).length >= countFromChars;
}

/**
 * "1,000 characters left" from 9,000 characters on, "12 characters too many" past the limit,
 * in a status region that is always there (empty until then), so screen readers hear it politely.
 */
function renderCounter(body: string, words: ComposerWords): TemplateResult {
  const leftChars = limits.bodyMaxChars - toPostedBody(body).length;
  const count = !isCounting(body)
    ? ''
    : leftChars >= 0
      ? words.charactersLeft(leftChars)
      : words.charactersOver(-leftChars);
  const state = count === '' ? 'idle' : leftChars < 0 ? 'over' : '';
  return html`<span class="hint char-count ${state}" part="char-count" role="status">${count}</span>`;
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
function renderPreview(body: string, { parseMarkdown, words }: ComposerView): unknown {
  // No whitespace around the content: the container's markup must match a comment body's.
  const content = guard([body, parseMarkdown, words], () => {
    if (body === '') return html`<p class="preview-empty">${words.previewEmpty}</p>`;
    return parseMarkdown ? renderRichText(parseMarkdown(body)) : html`<p class="plain">${body}</p>`;
  });
  return html`<div class="rich-text" part="preview" dir="auto">${content}</div>`;
}

/** Markdown's syntax, shown as code after the hint's words: the same in every language. */
const formatSamples = ['**bold**', '_italic_', '`code`', '> quote', '- list', '[link](https://…)'];

function renderFormatHint(id: string, words: ComposerWords): TemplateResult {
  return html`<p class="hint format-hint" id=${id}>
    ${words.formatHint} ${formatSamples.map((sample, index) => html`${index > 0 ? ', ' : ''}<code>${sample}</code>`)}
  </p>`;
}

/** The reader's name and email, or who they are signed in as; nothing in an edit composer. */
function renderIdentity(view: ComposerView): unknown {
  const { key, identity, state, words } = view;
  if (identity === null) return nothing;
  if (identity.kind === 'signed-in') {
    return html`<p class="hint" part="identity">${words.signedInAs(identity.name)}</p>`;
  }
  if (view.kind === ComposerKind.reply && !state.isIdentityOpen) {
    return html`<p class="hint" part="identity">
      ${words.replyingAs(identity.authorName)} <span aria-hidden="true">·</span>
      <button class="link-button" type="button" aria-label=${words.changeIdentityLabel} @click=${view.onOpenIdentity}>
        ${words.changeIdentity}
      </button>
    </p>`;
  }
  const nameErrorId = `${key}-name-error`;
  const emailErrorId = `${key}-email-error`;
  return html`<label
      >${words.nameLabel}
      <input
        part="name-input"
        name="authorName"
        dir="auto"
        autocomplete="nickname"
        .value=${live(identity.authorName)}
        aria-invalid=${state.errors.authorName ? 'true' : 'false'}
        aria-describedby=${state.errors.authorName ? nameErrorId : nothing}
        @input=${view.onNameInput}
      />
      ${renderError(nameErrorId, state.errors.authorName)}
    </label>
    <label
      >${words.emailLabel}
      <input
        part="email-input"
        name="email"
        type="email"
        dir="auto"
        autocomplete="email"
        .value=${live(identity.email)}
        aria-invalid=${state.errors.email ? 'true' : 'false'}
        aria-describedby=${state.errors.email ? emailErrorId : nothing}
        @input=${view.onEmailInput}
      />
      ${renderError(emailErrorId, state.errors.email)}
    </label>`;
}

/** A field people never see or reach: a value in it means a bot filled in the form. */
function renderHoneypot(view: ComposerView): unknown {
  const { words } = view;
  if (view.kind === ComposerKind.edit) return nothing;
  return html`<label class="visually-hidden" aria-hidden="true"
    >${words.honeypotLabel}
    <input
      name="website"
      tabindex="-1"
      autocomplete="off"
      aria-hidden="true"
      .value=${live(view.state.website)}
      @input=${view.onHoneypotInput}
  /></label>`;
}

function bodyLabel(view: ComposerView): string {
  const { words } = view;
  if (view.kind === ComposerKind.edit) return words.editBodyLabel;
  return view.replyToName !== null ? words.replyBodyLabel(view.replyToName) : words.bodyLabel;
}

/**
 * A comment form: who is writing, then Write and Preview tabs over the body, then post (or
 * save, when editing). Ctrl/Cmd+Enter posts from the textarea or either tab, Escape cancels a
 * reply or an edit. The shortcut's hint shows only where a keyboard is likely: not when the
 * main pointer is a touch screen.
 */
export function renderComposer(view: ComposerView): TemplateResult {
  const { key, kind, state, words } = view;
  const bodyId = `${key}-body`;
  const bodyLabelId = `${key}-body-label`;
  const bodyErrorId = `${key}-body-error`;
  const formatHintId = `${key}-format-hint`;
  const hintId = `${key}-hint`;
  const isEdit = kind === ComposerKind.edit;
  const isPreview = state.tab === ComposerTab.preview;
  // No shortcut to tell on a touch screen: the hint is left out, and out of the field's description.
  const hasShortcut = !isTouchOnly();
  const bodyDescription = `${state.errors.body ? `${bodyErrorId} ` : ''}${formatHintId}${hasShortcut ? ` ${hintId}` : ''}`;
  return html`<form
    part="composer"
    data-composer=${key}
    novalidate
    @submit=${view.onSubmit}
    @keydown=${view.onKeyDown}
    @focusin=${view.onFocusIn}
  >
    ${state.alert ? html`<p class="field-error" role="alert">${state.alert}</p>` : nothing}
    ${renderIdentity(view)}
    <div class="body-head">
      <label id=${bodyLabelId} for=${bodyId}>${bodyLabel(view)}</label>
      <div role="tablist" class="tabs" aria-labelledby=${bodyLabelId} @keydown=${view.onTabKeyDown}>
        ${renderTab(view, ComposerTab.write, words.writeTab)}
        ${renderTab(view, ComposerTab.preview, words.previewTab)}
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
        dir="auto"
        rows="4"
        placeholder=${isEdit ? nothing : words.bodyPlaceholder}
        .value=${live(state.body)}
        aria-invalid=${state.errors.body ? 'true' : 'false'}
        aria-describedby=${bodyDescription}
        @input=${view.onBodyInput}
      ></textarea>
      ${renderError(bodyErrorId, state.errors.body)} ${renderCounter(state.body, words)}
    </div>
    <div
      role="tabpanel"
      class="tab-panel preview-panel"
      id=${`${key}-panel-${ComposerTab.preview}`}
      aria-labelledby=${composerTabId(key, ComposerTab.preview)}
      tabindex="0"
      ?hidden=${!isPreview}
    >
      ${isPreview ? renderPreview(toPostedBody(state.body), view) : nothing}
    </div>
    ${renderFormatHint(formatHintId, words)} ${renderHoneypot(view)}
    ${view.notify === null ? nothing : renderNotifyChoice(view.notify, words, view.onNotifyChange)}
    <div class="actions">
      <button part="submit-button" type="submit">
        ${isEdit ? words.save : kind === ComposerKind.reply ? words.submitReply : words.submit}
      </button>
      ${
        view.onCancel
          ? html`<button class="link-button" type="button" @click=${view.onCancel}>
              ${words.cancel}
            </button>`
          : nothing
      }
      ${
        hasShortcut
          ? html`<span class="hint" id=${hintId}
              >${(isEdit ? words.saveShortcut : words.postShortcut)(isApplePlatform() ? '⌘+Enter' : 'Ctrl+Enter')}</span
            >`
          : nothing
      }
    </div>
  </form>`;
}
