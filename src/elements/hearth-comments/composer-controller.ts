import type { nothing, TemplateResult } from 'lit';
import { CommentPostedEvent } from '../../events/comment-posted-event.js';
import { messages } from '../../internal/messages.js';
import type { Comment } from '../../protocol/comment.js';
import type { ThreadController } from '../../controllers/thread-controller.js';
import { composerMessages } from '../../internal/composer-messages.js';
import { loadMarkdownParser, type ParseMarkdown } from '../../internal/load-markdown-parser.js';
import { createUuid } from '../../internal/uuid.js';
import { checkDraft } from '../../internal/validate-draft.js';
import {
  discardWrite,
  postComment,
  readAuthorName,
  readThreadDrafts,
  rememberAuthorName,
  saveThreadDraft,
} from '../../sync/thread-writer.js';
import {
  ComposerTab,
  composerTabId,
  createComposerState,
  renderComposer,
  type ComposerState,
} from './composer-template.js';

/** The main composer's key; a reply composer's key is the id of the comment it answers. */
export const mainComposerKey = 'main';

/** How long typing pauses before the draft is written to IndexedDB. */
const draftSaveDelayMs = 300;

/** The tabs in their order on screen, for arrow-key movement. */
const tabOrder: readonly ComposerTab[] = [ComposerTab.write, ComposerTab.preview];

/** What the composers need from the element that shows them. */
export interface ComposerHost {
  readonly root: ParentNode;
  readonly sync: ThreadController;
  /** Re-renders and resolves when the new DOM is in place. */
  update(): Promise<void>;
  /** Says something to screen readers through the element's live region. */
  announce(text: string): void;
  /** Fires an event from the element. */
  dispatch(event: Event): void;
}

/**
 * Everything about writing: the main and reply composers, their drafts, posting through
 * the outbox, and editing or discarding a write the server refused. Loaded after the thread
 * paints, so a reader who only reads never pays for it.
 */
export class ComposerController {
  /** The comment whose reply composer is open, if any. */
  replyTo: string | null = null;

  #host: ComposerHost;
  #composers = new Map<string, ComposerState>();
  #drafts = new Map<string, string>();
  #draftSaves = new Map<string, { timer: ReturnType<typeof setTimeout>; body: string }>();
  #authorName = '';
  #parseMarkdown: ParseMarkdown | null = null;
  #isParserLoading = false;

  constructor(host: ComposerHost) {
    this.#host = host;
    void this.#readAuthorName().then((name) => {
      if (name && !this.#authorName) {
        this.#authorName = name;
        void host.update();
      }
    });
    this.restoreDrafts();
  }

  /** Refills the composers from the drafts saved for the current thread. */
  restoreDrafts(): void {
    void this.#readDrafts().then((drafts) => {
      for (const [key, body] of drafts) {
        const state = this.#composers.get(key);
        if (state && state.body !== '') continue;
        this.#drafts.set(key, body);
        if (state) state.body = body;
      }
      // The reply being written when the page closed opens again where it was.
      const replyKey = [...drafts.keys()].find((key) => key !== mainComposerKey);
      if (replyKey && this.replyTo === null) this.replyTo = replyKey;
      if (drafts.size > 0) void this.#host.update();
    });
  }

  /** Forgets the composers of a thread the element no longer shows, and loads the new one's drafts. */
  reset(): void {
    this.flushDrafts();
    this.#composers.clear();
    this.#drafts.clear();
    this.replyTo = null;
    this.restoreDrafts();
  }

  /** Writes every draft still waiting for its debounce. */
  flushDrafts(): void {
    for (const [key, { timer, body }] of this.#draftSaves) {
      clearTimeout(timer);
      void this.#saveDraft(key, body);
    }
    this.#draftSaves.clear();
  }

  /** A composer form; `replyToName` is null for the main one. */
  render(key: string, replyToName: string | null): TemplateResult | typeof nothing {
    // Fetched while the reader is still typing, so the first look at Preview is instant.
    this.#loadParser();
    return renderComposer({
      key,
      state: this.#composer(key),
      authorName: this.#authorName,
      replyToName,
      parseMarkdown: this.#parseMarkdown,
      onSubmit: (event) => {
        event.preventDefault();
        void this.#submit(key);
      },
      onNameInput: (event) => {
        this.#authorName = (event.target as HTMLInputElement).value;
      },
      onBodyInput: (event) => {
        const body = (event.target as HTMLTextAreaElement).value;
        this.#composer(key).body = body;
        this.#scheduleDraftSave(key, body);
      },
      onKeyDown: (event) => this.#handleKeyDown(event, key),
      onFocusIn: () => this.#loadParser(),
      onSelectTab: (tab) => void this.#selectTab(key, tab),
      onTabKeyDown: (event) => this.#handleTabKeyDown(event, key),
      onCancel: key === mainComposerKey ? null : () => void this.#closeReply(),
    });
  }

  /** Tells the reader and the page that the server stored one of the reader's comments. */
  handleDelivered(comment: Comment): void {
    this.#host.announce(messages.posted);
    this.#host.dispatch(new CommentPostedEvent(comment));
  }

  /** Opens the reply composer under a comment, or closes it when it is open. */
  async toggleReply(id: string): Promise<void> {
    if (this.replyTo === id) return this.#closeReply();
    this.replyTo = id;
    this.#showWrite(id);
    await this.#host.update();
    this.#focus(id);
  }

  /** Moves a refused write back into its composer for the reader to fix, and out of the outbox. */
  async editWrite(id: string): Promise<void> {
    const write = this.#host.sync.snapshot.pending.find((candidate) => candidate.id === id);
    if (!write) return;
    const snapshot = this.#host.sync.snapshot;
    const isParentShown = [...snapshot.comments, ...snapshot.pending].some(
      (other) => other.id === write.parentId,
    );
    // A reply whose parent is gone (discarded, never stored) goes back to the main composer.
    const key = write.parentId && isParentShown ? write.parentId : mainComposerKey;
    const state = this.#composer(key);
    state.body = state.body.trim() === '' ? write.body : `${state.body}\n\n${write.body}`;
    state.errors = write.error?.field === 'body' ? { body: write.error.message } : {};
    if (!this.#authorName) this.#authorName = write.authorName;
    this.#showWrite(key);
    // The text must live somewhere durable before the queued copy goes.
    await this.#saveDraft(key, state.body);
    await this.#discard(id);
    if (key !== mainComposerKey) this.replyTo = key;
    await this.#host.update();
    this.#focus(key);
  }

  /** Drops a refused write, then returns focus to the main composer. */
  async discardWrite(id: string): Promise<void> {
    await this.#discard(id);
    this.#showWrite(mainComposerKey);
    await this.#host.update();
    this.#focus(mainComposerKey);
  }

  #readAuthorName(): Promise<string> {
    const target = this.#host.sync.writeTarget;
    return target ? readAuthorName(target) : Promise.resolve('');
  }

  #readDrafts(): Promise<Map<string, string>> {
    const target = this.#host.sync.writeTarget;
    return target ? readThreadDrafts(target) : Promise.resolve(new Map());
  }

  async #saveDraft(key: string, body: string): Promise<void> {
    const target = this.#host.sync.writeTarget;
    if (target) await saveThreadDraft(target, key, body);
  }

  async #discard(id: string): Promise<void> {
    const target = this.#host.sync.writeTarget;
    if (target) await discardWrite(target, id);
  }

  #composer(key: string): ComposerState {
    let state = this.#composers.get(key);
    if (!state) {
      state = createComposerState();
      state.body = this.#drafts.get(key) ?? '';
      this.#composers.set(key, state);
    }
    return state;
  }

  #scheduleDraftSave(key: string, body: string): void {
    clearTimeout(this.#draftSaves.get(key)?.timer);
    const timer = setTimeout(() => {
      this.#draftSaves.delete(key);
      void this.#saveDraft(key, body);
    }, draftSaveDelayMs);
    this.#draftSaves.set(key, { timer, body });
  }

  #clearDraft(key: string): void {
    clearTimeout(this.#draftSaves.get(key)?.timer);
    this.#draftSaves.delete(key);
    this.#drafts.delete(key);
    void this.#saveDraft(key, '');
  }

  /**
   * Starts fetching the parser unless it is here or on its way. A failed fetch (offline with a
   * cold cache) is tried again on the next render or focus; until then Preview shows plain text.
   */
  #loadParser(): void {
    if (this.#parseMarkdown || this.#isParserLoading) return;
    this.#isParserLoading = true;
    loadMarkdownParser().then(
      (parseMarkdown) => {
        this.#parseMarkdown = parseMarkdown;
        this.#isParserLoading = false;
        const isPreviewing = [...this.#composers.values()].some((state) => state.tab === ComposerTab.preview);
        if (isPreviewing) void this.#host.update();
      },
      () => {
        this.#isParserLoading = false;
      },
    );
  }

  /** Shows a tab; `isFocusing` moves focus to it, as arrow keys do. */
  async #selectTab(key: string, tab: ComposerTab, isFocusing = false): Promise<void> {
    const state = this.#composer(key);
    if (state.tab !== tab) {
      const writeHeightPx = this.#find(key, 'body-input')?.offsetHeight ?? 0;
      if (tab === ComposerTab.preview) this.#loadParser();
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
    const current = tabOrder.indexOf(this.#composer(key).tab);
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

  /** Returns a composer to its Write tab, before focusing one of its fields. */
  #showWrite(key: string): void {
    this.#composer(key).tab = ComposerTab.write;
  }

  #handleKeyDown(event: KeyboardEvent, key: string): void {
    const target = event.target as Element;
    // The name field is left out: Enter there already submits the form.
    const canPost = target.localName === 'textarea' || target.closest('[role="tablist"], [role="tabpanel"]');
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canPost) {
      event.preventDefault();
      void this.#submit(key);
    } else if (event.key === 'Escape' && key !== mainComposerKey) {
      event.preventDefault();
      void this.#closeReply();
    }
  }

  async #closeReply(): Promise<void> {
    const id = this.replyTo;
    this.replyTo = null;
    await this.#host.update();
    if (id) this.#findComment(id)?.querySelector<HTMLElement>('[part~="reply-button"]')?.focus();
  }

  #focus(key: string, part = 'body-input'): void {
    this.#find(key, part)?.focus();
  }

  #find(key: string, part: string): HTMLElement | null {
    return this.#host.root.querySelector<HTMLElement>(`[data-composer="${key}"] [part~="${part}"]`);
  }

  #findComment(id: string): HTMLElement | null {
    return this.#host.root.querySelector<HTMLElement>(`[part~="comment"][data-id="${id}"]`);
  }

  /**
   * Validates, then queues. The composer empties at once: the text is safe in the outbox,
   * where it shows as a pending comment, and focus moves to that comment.
   */
  async #submit(key: string): Promise<void> {
    const state = this.#composer(key);
    const check = checkDraft({ authorName: this.#authorName, body: state.body });
    if (!check.isValid) {
      state.errors = check.errors;
      this.#showWrite(key);
      await this.#host.update();
      this.#focus(key, check.errors.authorName ? 'name-input' : 'body-input');
      return;
    }
    const { authorName, body } = check.value;
    const target = this.#host.sync.writeTarget;
    if (!target) return;
    void rememberAuthorName(target, authorName);
    // Empty the composer before the write is stored, so what the reader types next is kept.
    this.#composers.delete(key);
    this.#clearDraft(key);
    if (key !== mainComposerKey) this.replyTo = null;
    void this.#host.update();

    const id = createUuid();
    try {
      await postComment(target, { id, parentId: key === mainComposerKey ? null : key, authorName, body });
    } catch {
      // Not even queued in memory: give the text back rather than lose it.
      this.#composer(key).body = body;
      await this.#saveDraft(key, body);
      await this.#host.update();
      return;
    }
    this.#host.announce(composerMessages.queued);
    await this.#host.update();
    this.#findComment(id)?.focus();
  }
}
