import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ClockController } from '../../controllers/clock-controller.js';
import { ThreadController } from '../../controllers/thread-controller.js';
import { CommentPostedEvent } from '../../events/comment-posted-event.js';
import { messages } from '../../internal/messages.js';
import { buildThreadTree, type ThreadNode } from '../../internal/thread-tree.js';
import type { Comment } from '../../protocol/comment.js';
import { defaultDatabaseName } from '../../storage/db.js';
import { normalizeEndpoint } from '../../sync/api-urls.js';
import { SyncStatus } from '../../sync/thread-sync.js';
import { renderComment, type CommentContext } from './comment-template.js';
import type * as ComposerKitModule from './composer-kit.js';
import type { ComposerState } from './composer-template.js';
import { hearthCommentsStyles } from './hearth-comments.styles.js';

const mainComposerKey = 'main';

type ComposerKit = typeof ComposerKitModule;
let composerKit: Promise<ComposerKit> | null = null;

/** Loads the composer's code once per page, however many elements ask. */
function loadComposerKit(): Promise<ComposerKit> {
  composerKit ??= import('./composer-kit.js');
  return composerKit;
}

/** The thread key a page gets by default: its canonical URL's path, else its own path. */
function readDefaultThread(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  if (canonical) {
    try {
      return new URL(canonical).pathname;
    } catch {
      // A malformed canonical link falls through to the page's path.
    }
  }
  return location.pathname;
}

/**
 * A threaded comment section for the page it sits on. It paints the thread from the
 * reader's IndexedDB cache at once, then pulls what changed from the endpoint.
 *
 * @summary Threaded, offline-first comments for any page.
 *
 * @fires {CommentPostedEvent} hearth-comment-posted - The server stored a comment the reader wrote.
 *
 * @csspart count - The heading with the number of comments.
 * @csspart status - A quiet line about the connection ("can't reach the comment server").
 * @csspart comment - One comment; carries `data-id` and `data-state` (`published`).
 * @csspart author - The comment author's display name.
 * @csspart comment-body - The comment's text.
 * @csspart reply-button - Opens a reply composer inside the comment.
 * @csspart composer - A comment form: the main one, or a reply form inside a comment.
 * @csspart name-input - The display name field of a composer.
 * @csspart body-input - The text field of a composer.
 * @csspart submit-button - The button that posts a composer's comment.
 *
 * @cssprop --hearth-font - Font shorthand; default `inherit` (the page's font).
 * @cssprop --hearth-color - Text colour; default `inherit`.
 * @cssprop --hearth-muted-color - Secondary text (times, hints); default 62% of the text colour.
 * @cssprop --hearth-accent-color - Links, buttons, focus rings; default the system `LinkText`.
 * @cssprop --hearth-accent-contrast-color - Text on accent-coloured buttons; default `Canvas`.
 * @cssprop --hearth-border-color - Borders and reply guides; default 18% of the text colour.
 * @cssprop --hearth-surface-color - Composer background; default 4% of the text colour.
 * @cssprop --hearth-input-background - Background of text fields; default `Canvas`.
 * @cssprop --hearth-danger-color - Validation and error text; default `#b3261e`.
 * @cssprop --hearth-radius - Corner radius; default `0.5rem`.
 * @cssprop --hearth-spacing - Base spacing unit; default `1rem`.
 * @cssprop --hearth-indent - Indent of each reply level; default `1.25rem`.
 */
export class HearthComments extends LitElement {
  /** The endpoint used when the `endpoint` attribute is absent; the embed sets it to hearth.js's directory. */
  static defaultEndpoint: string | null = null;

  static override styles = hearthCommentsStyles;

  static override properties = {
    thread: { reflect: false },
    endpoint: { reflect: false },
    databaseName: { attribute: 'database-name' },
  };

  /** The thread's key; default: the path of the page's canonical link, else `location.pathname`. */
  declare thread: string;

  /** Base URL of the comment server; default: the directory hearth.js was loaded from. */
  declare endpoint: string;

  /** Name of the IndexedDB database that caches threads; default `hearth`. */
  declare databaseName: string;

  #clock = new ClockController(this);
  #sync = new ThreadController(this, () => ({
    endpoint: normalizeEndpoint(this.endpoint || HearthComments.defaultEndpoint || '/', location.href),
    thread: this.thread || readDefaultThread(),
    databaseName: this.databaseName || defaultDatabaseName,
  }));
  #kit: ComposerKit | null = null;
  #composers = new Map<string, ComposerState>();
  #authorName = '';
  #replyTo: string | null = null;
  #announcement = '';
  #tree: { comments: readonly Comment[]; nodes: ThreadNode[] } = { comments: [], nodes: [] };

  constructor() {
    super();
    this.thread = '';
    this.endpoint = '';
    this.databaseName = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Fetched alongside the cache read and the first pull, not after them.
    void loadComposerKit().then((kit) => {
      this.#kit = kit;
      this.requestUpdate();
    });
    void this.#sync.readAuthorName().then((name) => {
      if (name && !this.#authorName) {
        this.#authorName = name;
        this.requestUpdate();
      }
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('thread') || changed.has('endpoint') || changed.has('databaseName'))
      this.#sync.syncTarget();
  }

  #composer(kit: ComposerKit, key: string): ComposerState {
    let state = this.#composers.get(key);
    if (!state) this.#composers.set(key, (state = kit.createComposerState()));
    return state;
  }

  #threadNodes(comments: readonly Comment[]): ThreadNode[] {
    if (this.#tree.comments !== comments) this.#tree = { comments, nodes: buildThreadTree(comments) };
    return this.#tree.nodes;
  }

  protected override render(): TemplateResult {
    const snapshot = this.#sync.snapshot;
    const count = snapshot.comments.length;
    const isUnreachable = snapshot.status === SyncStatus.unreachable;
    return html`
      <section aria-labelledby="hearth-count">
        <h2 part="count" id="hearth-count">${snapshot.isCacheRead ? messages.count(count) : messages.heading}</h2>
        <p part="status" role="status">${isUnreachable && count > 0 ? this.#renderUnreachable(true) : nothing}</p>
        ${this.#renderThread(count, snapshot.isCacheRead, snapshot.status)}
        ${this.#renderComposer(mainComposerKey, null)}
        <div class="visually-hidden" role="status">${this.#announcement}</div>
      </section>
    `;
  }

  #renderUnreachable(isCached: boolean): TemplateResult {
    return html`${isCached ? messages.unreachableCached : messages.unreachableEmpty}
      <button class="link-button" type="button" @click=${this.#handleRetry}>${messages.retry}</button>`;
  }

  #renderThread(count: number, isCacheRead: boolean, status: SyncStatus): TemplateResult {
    if (count === 0) {
      if (!isCacheRead || status === SyncStatus.loading)
        return html`<p class="state">${messages.loading}</p>`;
      if (status === SyncStatus.unreachable)
        return html`<p class="state" role="alert">${this.#renderUnreachable(false)}</p>`;
      return html`<p class="state">${messages.empty}</p>`;
    }
    const context: CommentContext = {
      nowMs: this.#clock.nowMs,
      locale: navigator.language || 'en',
      replyTo: this.#replyTo,
      renderReplyComposer: (node) => this.#renderComposer(node.comment.id, node.comment.authorName),
    };
    return html`<ol class="thread" @click=${this.#handleThreadClick}>
      ${this.#threadNodes(this.#sync.snapshot.comments).map((node) => renderComment(node, context))}
    </ol>`;
  }

  #renderComposer(key: string, replyToName: string | null): TemplateResult | typeof nothing {
    const kit = this.#kit;
    if (!kit) return nothing;
    return kit.renderComposer({
      key,
      state: this.#composer(kit, key),
      authorName: this.#authorName,
      replyToName,
      onSubmit: (event) => {
        event.preventDefault();
        void this.#submit(key);
      },
      onNameInput: (event) => {
        this.#authorName = (event.target as HTMLInputElement).value;
      },
      onBodyInput: (event) => {
        this.#composer(kit, key).body = (event.target as HTMLTextAreaElement).value;
      },
      onKeyDown: (event) => this.#handleComposerKeyDown(event, key),
      onCancel: key === mainComposerKey ? null : () => void this.#closeReply(),
    });
  }

  #handleThreadClick = (event: Event): void => {
    const button = (event.target as Element).closest<HTMLElement>('[data-action="reply"]');
    const id = button?.closest<HTMLElement>('[part~="comment"]')?.dataset.id;
    if (!id) return;
    if (this.#replyTo === id) void this.#closeReply();
    else void this.#openReply(id);
  };

  #handleRetry = (): void => {
    this.#sync.retry();
  };

  #handleComposerKeyDown(event: KeyboardEvent, key: string): void {
    const isTextarea = (event.target as Element).localName === 'textarea';
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && isTextarea) {
      event.preventDefault();
      void this.#submit(key);
    } else if (event.key === 'Escape' && key !== mainComposerKey) {
      event.preventDefault();
      void this.#closeReply();
    }
  }

  async #openReply(id: string): Promise<void> {
    await loadComposerKit();
    this.#replyTo = id;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-composer="${id}"] [part~="body-input"]`)?.focus();
  }

  async #closeReply(): Promise<void> {
    const id = this.#replyTo;
    this.#replyTo = null;
    this.requestUpdate();
    await this.updateComplete;
    if (id) this.#findComment(id)?.querySelector<HTMLElement>('[part~="reply-button"]')?.focus();
  }

  #findComment(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="comment"][data-id="${id}"]`);
  }

  /**
   * Validates, then posts. The composer keeps its text until the server has stored the
   * comment; a retry of unchanged text reuses the attempt's id, so it can never post twice.
   */
  async #submit(key: string): Promise<void> {
    const kit = this.#kit ?? (await loadComposerKit());
    const state = this.#composer(kit, key);
    if (state.isSubmitting) return;
    const check = kit.checkDraft({ authorName: this.#authorName, body: state.body });
    state.notice = '';
    if (!check.isValid) {
      state.errors = check.errors;
      this.requestUpdate();
      await this.updateComplete;
      const field = check.errors.authorName ? 'name-input' : 'body-input';
      this.renderRoot.querySelector<HTMLElement>(`[data-composer="${key}"] [part~="${field}"]`)?.focus();
      return;
    }
    const { authorName, body } = check.value;
    const isRepeat = state.attempt?.authorName === authorName && state.attempt.body === body;
    state.attempt = isRepeat && state.attempt ? state.attempt : { id: kit.createUuid(), authorName, body };
    state.errors = {};
    state.isSubmitting = true;
    this.requestUpdate();
    void this.#sync.rememberAuthorName(authorName);

    const parentId = key === mainComposerKey ? null : key;
    const result = await this.#sync.post({ id: state.attempt.id, parentId, authorName, body });
    state.isSubmitting = false;
    if (result.kind === 'stored') {
      this.#composers.delete(key);
      if (key !== mainComposerKey) this.#replyTo = null;
      this.#announcement = messages.posted;
      this.requestUpdate();
      this.dispatchEvent(new CommentPostedEvent(result.comment));
      await this.updateComplete;
      this.#findComment(result.comment.id)?.focus();
      return;
    }
    if (result.kind === 'rejected') {
      if (result.field === 'authorName' || result.field === 'body')
        state.errors = { [result.field]: result.message };
      state.notice = messages.postRejected(result.message);
    } else {
      state.notice = messages.postUnreachable;
    }
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-comments': HearthComments;
  }
}
