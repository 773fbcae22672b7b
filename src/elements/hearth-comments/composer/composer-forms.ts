import type { TemplateResult } from 'lit';
import { loadMarkdownParser, type ParseMarkdown } from '../../../internal/load-markdown-parser.js';
import type { ComposerWords } from '../../../i18n/messages/composer-messages.js';
import { checkDraft, type Draft } from '../../../internal/validate-draft.js';
import type { WriteTarget } from '../../../sync/thread-sync.js';
import { ComposerDrafts } from './composer-drafts.js';
import {
  ComposerKind,
  ComposerTab,
  composerTabId,
  createComposerState,
  isCounting,
  renderComposer,
  type ComposerIdentity,
  type ComposerState,
} from './composer-template.js';
import { getProofOfWork } from '../../../sync/proof-of-work.js';
import type { NotifyChoice } from './notify-template.js';

/** The main composer's key; a reply composer's key is the id of the comment it answers. */
export const mainComposerKey = 'main';

/** An edit composer's key: this prefix and the id of the comment being edited. */
export const editKeyPrefix = 'edit:';

/** What a composer key names: the main composer, a reply, or an edit. */
export function kindOf(key: string): ComposerKind {
  if (key === mainComposerKey) return ComposerKind.main;
  return key.startsWith(editKeyPrefix) ? ComposerKind.edit : ComposerKind.reply;
}

/** The tabs in their order on screen, for arrow-key movement. */
const tabOrder: readonly ComposerTab[] = [ComposerTab.write, ComposerTab.preview];

/** What the forms need from the element and from the writer that owns them. */
export interface ComposerFormsHost {
  readonly root: ParentNode;
  /** Re-renders and resolves when the new DOM is in place. */
  update(): Promise<void>;
  /** Where the current thread's drafts are kept, or null before the engine starts. */
  readTarget(): WriteTarget | null;
  /** The reader asked to post or save a composer (submit, Ctrl/Cmd+Enter). */
  submit(key: string): void;
  /** The reader asked to close a reply or edit composer (Cancel, Escape). */
  cancel(key: string): void;
  /** The writing words, in the element's locale. */
  words(): ComposerWords;
  /** Whether the site emails reply notifications (the thread's latest page of changes said so). */
  canNotify(): boolean;
}

/**
 * The mechanics every composer shares: its state and draft, the guest's name and email, the
 * Write and Preview tabs with their keyboard, the shortcuts, and finding and focusing fields.
 * What submitting or cancelling does is the host's.
 */
export class ComposerForms {
  /** The drafts of the current thread's composers. */
  readonly drafts: ComposerDrafts;
  /** What the guest typed as their name, shared by every composer. */
  authorName = '';
  /** What the guest typed as their email (optional), shared by every composer. */
  email = '';
  /** What the reader asks to be emailed about, shared by every composer; sent where the site offers it. */
  notify: NotifyChoice = '';

  #host: ComposerFormsHost;
  #states = new Map<string, ComposerState>();
  #parseMarkdown: ParseMarkdown | null = null;
  #isParserLoading = false;

  constructor(host: ComposerFormsHost) {
    this.#host = host;
    this.drafts = new ComposerDrafts(() => host.readTarget());
  }

  /** A composer's state, made (from its draft) on first use. */
  state(key: string): ComposerState {
    let state = this.#states.get(key);
    if (!state) {
      state = createComposerState();
      state.body = this.drafts.get(key);
      this.#states.set(key, state);
    }
    return state;
  }

  /** Whether a composer has state (it was opened or typed in). */
  has(key: string): boolean {
    return this.#states.has(key);
  }

  /** Forgets one composer (its text was queued or dropped), or all of them. */
  forget(key?: string): void {
    if (key === undefined) this.#states.clear();
    else this.#states.delete(key);
  }

  /** Puts restored drafts into composers the reader has not typed in yet. */
  fill(drafts: ReadonlyMap<string, string>): void {
    for (const [key, body] of drafts) {
      const state = this.#states.get(key);
      if (state && state.body === '') state.body = body;
    }
  }

  /** Whether a guest's post must carry an email: they asked for emails the site offers. */
  get needsEmail(): boolean {
    return this.notify !== '' && this.#host.canNotify();
  }

  /** A composer form; `identity` is null for an edit, `replyToName` set for a reply. */
  render(key: string, identity: ComposerIdentity | null, replyToName: string | null): TemplateResult {
    const kind = kindOf(key);
    const state = this.state(key);
    // A reply form asks for a name only while none is known; fields once shown stay, so they
    // never fold away under the reader's typing; a field at fault always shows.
    if (
      identity?.kind === 'guest' &&
      (identity.authorName.trim() === '' || state.errors.authorName || state.errors.email)
    ) {
      state.isIdentityOpen = true;
    }
    return renderComposer({
      key,
      kind,
      state,
      identity,
      replyToName,
      parseMarkdown: this.#parseMarkdown,
      words: this.#host.words(),
      notify: identity && this.#host.canNotify() ? this.notify : null,
      onSubmit: (event) => {
        event.preventDefault();
        this.#host.submit(key);
      },
      onNameInput: (event) => {
        this.authorName = (event.target as HTMLInputElement).value;
        this.#recheck(key, 'authorName');
      },
      onEmailInput: (event) => {
        this.email = (event.target as HTMLInputElement).value;
        this.#recheck(key, 'email');
      },
      onHoneypotInput: (event) => {
        this.state(key).website = (event.target as HTMLInputElement).value;
      },
      onBodyInput: (event) => {
        const body = (event.target as HTMLTextAreaElement).value;
        const state = this.state(key);
        // The counter near the length limit follows the typing; shorter texts cost no render.
        const isCounterChanging = isCounting(state.body) || isCounting(body);
        state.body = body;
        this.drafts.schedule(key, body);
        this.#recheck(key, 'body');
        if (isCounterChanging) void this.#host.update();
      },
      onKeyDown: (event) => this.#handleKeyDown(event, key),
      onFocusIn: () => {
        // Fetched once the reader starts to write (not for a reader who only reads), while
        // they type, so the first look at Preview is instant.
        this.loadParser();
        // Guests post with a proof of work; solving starts now, while the reader types.
        const target = this.#host.readTarget();
        if (identity?.kind === 'guest' && target) getProofOfWork(target.endpoint).prepare();
      },
      onSelectTab: (tab) => void this.#selectTab(key, tab),
      onTabKeyDown: (event) => this.#handleTabKeyDown(event, key),
      onOpenIdentity: () => void this.#openIdentity(key),
      onNotifyChange: (choice) => {
        this.notify = choice;
        // Unticked: an email is optional again.
        this.#recheck(key, 'email');
        void this.#host.update();
      },
      onCancel: kind === ComposerKind.main ? null : () => this.#host.cancel(key),
    });
  }

  /**
   * Drops a field's message as soon as what the reader typed passes the check (the same one a
   * post runs), instead of at the next submit; a field still at fault keeps its message.
   */
  #recheck(key: string, field: keyof Draft): void {
    const { errors, body } = this.state(key);
    if (!errors[field]) return;
    const check = checkDraft(
      { authorName: this.authorName, body, email: this.email },
      this.#host.words(),
      this.needsEmail,
    );
    if (check.isValid || !check.errors[field]) {
      delete errors[field];
      void this.#host.update();
    }
  }

  /** Shows a reply form's Name and Email fields in place of "Replying as …", focus on Name. */
  async #openIdentity(key: string): Promise<void> {
    this.state(key).isIdentityOpen = true;
    await this.#host.update();
    this.focus(key, 'name-input');
  }

  /** Returns a composer to its Write tab, before focusing one of its fields. */
  showWrite(key: string): void {
    this.state(key).tab = ComposerTab.write;
  }

  /** Focuses a field of a composer (its text, unless told). */
  focus(key: string, part = 'body-input'): void {
    this.find(key, part)?.focus();
  }

  /** A field of a composer, by part name. */
  find(key: string, part: string): HTMLElement | null {
    return this.#host.root.querySelector<HTMLElement>(`[data-composer="${key}"] [part~="${part}"]`);
  }

  /** A comment's article. */
  findComment(id: string): HTMLElement | null {
    return this.#host.root.querySelector<HTMLElement>(`[part~="comment"][data-id="${id}"]`);
  }

  /**
   * Starts fetching the parser unless it is here or on its way. A failed fetch (offline with a
   * cold cache) is tried again on the next render or focus; until then Preview shows plain text.
   */
  loadParser(): void {
    if (this.#parseMarkdown || this.#isParserLoading) return;
    this.#isParserLoading = true;
    loadMarkdownParser().then(
      (parseMarkdown) => {
        this.#parseMarkdown = parseMarkdown;
        this.#isParserLoading = false;
        const isPreviewing = [...this.#states.values()].some((state) => state.tab === ComposerTab.preview);
        if (isPreviewing) void this.#host.update();
      },
      () => {
        this.#isParserLoading = false;
      },
    );
  }

  /** Shows a tab; `isFocusing` moves focus to it, as arrow keys do. */
  async #selectTab(key: string, tab: ComposerTab, isFocusing = false): Promise<void> {
    const state = this.state(key);
    if (state.tab !== tab) {
      const writeHeightPx = this.find(key, 'body-input')?.offsetHeight ?? 0;
      if (tab === ComposerTab.preview) this.loadParser();
      state.tab = tab;
      await this.#host.update();
      // The panel keeps the textarea's height, resized or not, so nothing below it jumps. Set
      // through CSSOM, which a strict style-src allows, where a style attribute is blocked.
      const panel = this.#host.root.querySelector<HTMLElement>(`[data-composer="${key}"] .preview-panel`);
      if (panel && writeHeightPx > 0) panel.style.minHeight = `${writeHeightPx}px`;
    }
    if (isFocusing) this.#host.root.querySelector<HTMLElement>(`[id="${composerTabId(key, tab)}"]`)?.focus();
  }

  /** Arrow keys, Home and End move between the tabs and select them (automatic activation). */
  #handleTabKeyDown(event: KeyboardEvent, key: string): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = tabOrder.indexOf(this.state(key).tab);
    const last = tabOrder.length - 1;
    const isRtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
    const next = isRtl ? -1 : 1;
    let index: number;
    if (event.key === 'ArrowRight') index = current + next;
    else if (event.key === 'ArrowLeft') index = current - next;
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = last;
    else return;
    event.preventDefault();
    const tab = tabOrder[(index + tabOrder.length) % tabOrder.length]!;
    void this.#selectTab(key, tab, true);
  }

  #handleKeyDown(event: KeyboardEvent, key: string): void {
    const target = event.target as Element;
    // The name and email fields are left out: Enter there already submits the form.
    const canPost = target.localName === 'textarea' || target.closest('[role="tablist"], [role="tabpanel"]');
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canPost) {
      event.preventDefault();
      this.#host.submit(key);
    } else if (event.key === 'Escape' && key !== mainComposerKey) {
      event.preventDefault();
      this.#host.cancel(key);
    }
  }
}
