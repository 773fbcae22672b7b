import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ClockController } from '../../controllers/clock-controller.js';
import { ConnectivityController } from '../../controllers/connectivity-controller.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { NearViewportController } from '../../controllers/near-viewport-controller.js';
import { ThreadController } from '../../controllers/thread-controller.js';
import { ThreadCountController } from '../../controllers/thread-count-controller.js';
import { isRightToLeft } from '../../i18n/page-language.js';
import type { OwnerWords } from '../../i18n/words.js';
import { createModuleLoader } from '../../internal/lazy-module.js';
import { readingMessages, type ReadingWords } from '../../i18n/messages/reading-messages.js';
import { readPageThread } from '../../internal/page-thread.js';
import { isOnDarkBackground } from '../../internal/page-scheme.js';
import { parseCommentHash } from '../../internal/permalink.js';
import { formatRelativeTime } from '../../internal/relative-time.js';
import { refreshWidget } from '../../internal/refresh-widget.js';
import type { ThreadComment } from '../../internal/rich-text.js';
import { buildThreadTree, countPublished, countShown, type ThreadNode } from '../../internal/thread-tree.js';
import { whenIdle } from '../../internal/when-idle.js';
import type { ThreadWindow } from '../../internal/thread-window.js';
import { defaultDatabaseName, WriteOp, WriteState } from '../../storage/db.js';
import { normalizeEndpoint } from '../../sync/api-urls.js';
import { isUnavailable } from '../../sync/sync-status.js';
import { SyncStatus, type PendingWrite, type ThreadSnapshot } from '../../sync/thread-sync.js';
import { CommentBodyRenderer } from './comment-body-renderer.js';
import type { CommentAction } from './comment-action.js';
import { renderComment, type CommentContext } from './comment-template.js';
import { renderSortControl } from './sort-control-template.js';
import type * as ComposerKitModule from './composer/composer-kit.js';
import type * as UnavailableNoticeModule from './unavailable-notice.js';
import type { ComposerController } from './composer/composer-controller.js';
import { hearthCommentsStyles } from './hearth-comments.styles.js';
import { RenderSlices } from './render-slices.js';
import { ThreadWindowController } from './thread-window/thread-window-controller.js';
import { warnInDev } from '../../internal/dev-warning.js';

const mainComposerKey = 'main';

type NoticeKit = typeof UnavailableNoticeModule;
/** The notice for a misconfigured page, once fetched. */
let noticeKit: NoticeKit | null = null;
const loadNoticeKit = createModuleLoader(() =>
  import('./unavailable-notice.js').then((kit) => (noticeKit = kit)),
);

type ComposerKit = typeof ComposerKitModule;
/** The composer kit once fetched: another element on the page, or an earlier thread, loaded it. */
let loadedKit: ComposerKit | null = null;
const loadComposerKit = createModuleLoader(() =>
  import('./composer/composer-kit.js').then((kit) => (loadedKit = kit)),
);

/**
 * A threaded comment section for the page it sits on. It paints the thread from the
 * reader's IndexedDB cache at once, then pulls what changed from the endpoint. Far below the
 * fold it waits (no IndexedDB, no request) until the reader scrolls within about a viewport of
 * it, unless the URL is a permalink (`#comment-<id>`). Threads of more than 1,000 comments
 * show a page of conversations at a time, with long reply lists collapsed.
 *
 * @summary Threaded, offline-first comments for any page.
 *
 * @fires {CommentPostedEvent} hearth-comment-posted - The server stored a comment the reader wrote (once per comment, when it stops being pending).
 * @fires {ThreadCountEvent} hearth-thread-count - The thread's number of published comments changed (read from the cache, synced, or arrived live); `<hearth-count>` elements for the same thread show it at once.
 * @fires {SsoTokenExpiredEvent} hearth-sso-token-expired - The server said the reader's SSO token has expired; their write stays pending until `setIdentity()` (or `sso-token`) gives a fresh one.
 *
 * @csspart count - The heading: the number of published comments, as every reader sees it ("Comments" while there are none), then the reader's own comments not yet published, counted apart ("· 1 of yours not yet published").
 * @csspart skip-link - "Skip to the comment form" after the heading: out of sight until focused, it moves focus to the main composer's first field. Not in a locked thread.
 * @csspart sort - The "Sort by" select (oldest, newest, top) above a thread of two or more comments; the choice is remembered per endpoint.
 * @csspart status - A quiet line: offline or server unreachable, comments waiting to post, when it last synced; empty when all is well. After a deploy removed the widget's composer from the server, it says so with a Reload button (drafts are kept).
 * @csspart comment - One comment, with the id `comment-<id>`; carries `data-id` and `data-state`: `published`, `pending` (a post, edit or delete queued, not yet applied by the server), `failed` (refused; shows the reason with Edit and Discard), `held` (awaiting a moderator; only its author sees it) or `deleted` (a tombstone that keeps its replies in place). The comment the URL's permalink (`#comment-<id>`) points at also carries `data-highlighted` and the part `highlighted`.
 * @csspart highlighted - The comment the URL's permalink (`#comment-<id>`) points at (also part `comment`); drawn with a tint and a bar of the accent colour.
 * @csspart permalink - The comment's time, a link to `#comment-<id>`: opening it scrolls to the comment, highlights and focuses it.
 * @csspart show-more-button - "Show more comments (N more)" in a thread of more than 1,000 comments: shows the next page of conversations and focuses its first comment.
 * @csspart show-replies-button - "Show N more replies" below the first three replies of a longer reply list, in a thread of more than 1,000 comments.
 * @csspart author - The comment author's display name, a bidi isolate (`<bdi>`): it takes the direction of its own text, and nothing in it reorders the text around it.
 * @csspart verified-badge - "Verified" next to the name of an author signed in with the site's own accounts.
 * @csspart pinned-label - "Pinned" on a comment a moderator pinned; pinned comments come first.
 * @csspart held-label - "Awaiting approval" on the reader's own comment that a moderator has not yet published, or "Edit awaiting approval" on their published comment whose edit a moderator has not yet approved (they see the new text; everyone else still sees the approved one).
 * @csspart edited - "(edited)" after the time of a comment its author changed; its title says when.
 * @csspart tombstone - "This comment was deleted." in place of a deleted comment.
 * @csspart comment-body - The comment's text, a bidi isolate with the direction of its own text (`dir="auto"`): a right-to-left comment reads right to left.
 * @csspart vote-button - The upvote toggle of a published comment: "Upvote (N)", `aria-pressed="true"` while the reader's vote is on it. A vote the server does not count (one anonymous vote per network per comment a day) comes undone.
 * @csspart vote-count - "N upvotes" in place of the upvote toggle in a locked thread, which takes no votes.
 * @csspart reply-button - Opens a reply composer inside the comment; not offered on the reader's comments not yet posted (pending or refused).
 * @csspart edit-button - On the reader's own comments: opens an edit form in place of the text.
 * @csspart delete-button - On the reader's own comments: asks "Delete this comment?" inline.
 * @csspart delete-confirm - The inline question before a delete, with its Delete and Keep buttons.
 * @csspart confirm-delete-button - Deletes the comment, in the question before a delete.
 * @csspart keep-button - Keeps the comment, in the question before a delete.
 * @csspart locked-notice - "Comments are closed on this thread.", shown instead of the composer when a moderator locked it.
 * @csspart unavailable-notice - "Comments are unavailable on this page.", shown instead of the composer (and with replies and votes off) when the endpoint can never serve this page as configured, with a line for the site's owner: the server's configuration lacks the page's origin (`sites[].origins`), or the endpoint is not a Hearth server. The console says the same, with the URL tried.
 * @csspart composer - A comment form: the main one, a reply form inside a comment, or the edit form of one of the reader's comments.
 * @csspart identity - "Signed in as …" in a composer, in place of the name and email fields, when the page gave an SSO token; or, in a guest's reply form once their name is known, "Replying as … · change", where change shows the fields.
 * @csspart name-input - The display name field of a composer.
 * @csspart email-input - The optional email field of a composer (never shown to anyone).
 * @csspart body-input - The text field of a composer.
 * @csspart notify-checkbox - "Email me when someone replies" in a composer (not an edit form), where the latest page of the feed said the site emails reply notifications (`notify: true`). A guest who ticks it must give an email; a signed-in reader's goes to their account's address. Remembered for the next comment, with the name and email.
 * @csspart follow-checkbox - "…and to every new comment in this thread", under `notify-checkbox` once it is ticked: emails about the whole thread, not only replies. Remembered with it.
 * @csspart char-count - Under a composer's text from 9,000 characters on: "1,000 characters left", or past the 10,000-character limit how many are too many; a polite live region (`role="status"`), empty until then.
 * @csspart preview - A composer's Preview tab: its text formatted exactly as the thread will show it.
 * @csspart submit-button - The button that posts a composer's comment.
 *
 * @cssprop --hearth-font - Font shorthand; default `inherit` (the page's font).
 * @cssprop --hearth-color - Text colour; default `inherit`.
 * @cssprop --hearth-muted-color - Secondary text (times, hints); default 85% of the text colour, still 4.5:1 on a page whose own text is 7.5:1.
 * @cssprop --hearth-accent-color - Links, buttons, focus rings; default the system `LinkText` of the scheme in use (see `theme`).
 * @cssprop --hearth-accent-contrast-color - Text on accent-coloured buttons; default the system `Canvas` of the scheme in use.
 * @cssprop --hearth-border-color - Borders and reply guides; default 18% of the text colour.
 * @cssprop --hearth-surface-color - Composer background; default 4% of the text colour.
 * @cssprop --hearth-input-background - Background of text fields; default the surface colour, a tint of the text colour over the page, so typed text is always the page's text colour on the page's background.
 * @cssprop --hearth-danger-color - Validation and error text; default `#b3261e` in the light scheme, `#ffb4ab` in the dark one.
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
    ssoToken: { attribute: 'sso-token' },
    strings: { attribute: false },
    theme: {},
  };

  /** The thread's key; default: the path of the page's canonical link, else `location.pathname`. */
  declare thread: string;

  /** Base URL of the comment server; default: the directory hearth.js was loaded from. */
  declare endpoint: string;

  /** Name of the IndexedDB database that caches threads; default `hearth`. */
  declare databaseName: string;

  /**
   * The signed-in reader's SSO token (a JWT the site signs; see docs/sso.md); empty for a guest,
   * the default. Writes carry it, and the reader can edit their comments from any device.
   */
  declare ssoToken: string;

  /**
   * The owner's words in place of the shipped ones, by part and key, in any locale: for
   * example `{ composer: { submit: 'Leave a note' } }`. The keys are listed in docs/embedding.md.
   */
  declare strings: OwnerWords;

  /**
   * The colours to draw with: `light`, `dark`, or `auto` (the default), which reads the background
   * the element sits on when it connects and when this changes. System colours, the default accent
   * and the danger colour follow the scheme; text and surfaces follow the page's text colour.
   */
  declare theme: string;

  #locale = new LocaleController(this);
  #clock = new ClockController(this);
  #connectivity = new ConnectivityController(this);
  #near = new NearViewportController(this, () => this.#wake());
  #sync = new ThreadController(
    this,
    () => ({
      endpoint: normalizeEndpoint(this.endpoint || HearthComments.defaultEndpoint || '/', location.href),
      thread: this.thread || readPageThread(),
      databaseName: this.databaseName || defaultDatabaseName,
    }),
    (comment) => this.#handleDelivered(comment),
    () => this.#isAwake(),
  );
  #window = new ThreadWindowController(this, (text) => this.#announce(text), this.#locale.words);
  #slices = new RenderSlices(() => this.requestUpdate());
  #kit: ComposerKit | null = null;
  #writer: ComposerController | null = null;
  /** The composer's chunk failed to load from a server that answers: a deploy replaced it. */
  #isOutdated = false;
  #isWriterAsked = false;
  #announcement = '';
  #isDark = false;
  #bodies = new CommentBodyRenderer(() => this.requestUpdate());
  #tree: {
    comments: readonly ThreadComment[];
    pending: readonly PendingWrite[];
    kit: ComposerKit | null;
    nodes: ThreadNode[];
  } = { comments: [], pending: [], kit: null, nodes: [] };

  constructor() {
    super();
    // Registers itself: fires `hearth-thread-count` after each update that changes the count.
    new ThreadCountController(this, this.#sync);
    this.thread = '';
    this.endpoint = '';
    this.databaseName = '';
    this.ssoToken = '';
    this.strings = {};
    this.theme = 'auto';
  }

  /**
   * Sets who the reader is: an SSO token signed by the site, or null to write as a guest. The
   * same as setting `ssoToken`; a new token also sends the writes that waited for it.
   */
  setIdentity(token: string | null): void {
    this.ssoToken = token ?? '';
  }

  /** Near the viewport, or linked to: time to read the cache, pull and load the composer. */
  #isAwake(): boolean {
    return this.#near.isNear || parseCommentHash(location.hash) !== null;
  }

  #wake(): void {
    if (this.isConnected) this.#sync.syncTarget();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved elsewhere on the page: the background behind it may differ.
    this.requestUpdate('theme');
  }

  override disconnectedCallback(): void {
    this.#writer?.flushDrafts();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme'))
      this.#isDark = this.theme === 'dark' || (this.theme !== 'light' && isOnDarkBackground(this));
    if (changed.has('ssoToken')) this.#writer?.setIdentity(this.ssoToken || null);
    const arrived = this.#sync.takeNewArrivals();
    // Alternating a trailing no-break space: the same words again must still change the live region.
    if (arrived > 0)
      this.#announcement =
        this.#messages.newComments(arrived) + (this.#announcement.endsWith('\u00a0') ? '' : '\u00a0');
    if (!(changed.has('thread') || changed.has('endpoint') || changed.has('databaseName'))) return;
    this.#writer?.flushDrafts();
    // Another thread: its composers, drafts and opened pages are its own.
    if (this.#sync.syncTarget()) {
      this.#writer?.reset();
      this.#window.reset();
      this.#slices.reset();
      this.#bodies.reset();
    }
  }

  protected override updated(): void {
    this.#writer?.observe(this.#sync.snapshot);
    this.#askWriter();
  }

  /**
   * Loads the composer and delivery chunks once the thread has shown, when the page is idle, so
   * that reading never waits for them; at once when the reader has writes of their own queued
   * (they show with their state and actions), or when the page has it already. Replying, voting
   * or editing loads it at the click.
   * Offline with a cold cache the load may fail: the thread still shows, and the next update asks
   * again (coming back online is one: the connectivity controller renders). A failure that means
   * a deploy replaced the chunks shows the reload notice instead: asking again would fail again.
   */
  #askWriter(): void {
    const { comments, pending, isCacheRead, status } = this.#sync.snapshot;
    const isShown = isCacheRead && (comments.length > 0 || status !== SyncStatus.loading);
    if (this.#isWriterAsked || this.#isOutdated || !(isShown || pending.length > 0)) return;
    this.#isWriterAsked = true;
    const load = () =>
      void this.#loadWriter().catch((error) => {
        warnInDev('composer did not load', error);
        this.#isWriterAsked = false;
      });
    // Already here: nothing to fetch, so nothing to wait for.
    if (pending.length > 0 || loadedKit) load();
    else whenIdle(load);
  }

  async #loadWriter(): Promise<ComposerController> {
    const kit = await loadComposerKit().catch(async (error: unknown) => {
      // No update for a failure offline: asking again at once would only fail again.
      if ((this.#isOutdated = await refreshWidget())) this.requestUpdate();
      throw error;
    });
    if (!this.#writer) {
      this.#isOutdated = false;
      this.#kit = kit;
      this.#writer = kit.attachComposer(
        this,
        this.#sync,
        hearthCommentsStyles,
        (text) => this.#announce(text),
        this.ssoToken || null,
        this.#locale,
      );
      this.requestUpdate();
    }
    return this.#writer;
  }

  #announce(text: string): void {
    this.#announcement = text;
    this.requestUpdate();
  }

  #threadNodes(comments: readonly ThreadComment[], pending: readonly PendingWrite[]): ThreadNode[] {
    const kit = this.#kit;
    if (this.#tree.comments !== comments || this.#tree.pending !== pending || this.#tree.kit !== kit) {
      // A new sort order comes with a new snapshot, whose comments array is new too.
      const order = this.#sync.snapshot.sortOrder;
      // The reader's queued writes show through the composer's chunk, fetched at once when there are any.
      const shown = kit ? kit.showPending(comments, pending) : comments;
      this.#tree = { comments, pending, kit, nodes: buildThreadTree(shown, order) };
    }
    return this.#tree.nodes;
  }

  protected override render(): TemplateResult | typeof nothing {
    // No words until the locale's are here: a German page never shows English first.
    if (!this.#locale.isReady) return nothing;
    const snapshot = this.#sync.snapshot;
    const { locale } = this.#locale;
    const shown = this.#threadNodes(snapshot.comments, snapshot.pending);
    const count = countShown(shown);
    // What every reader sees: the reader's own unpublished comments are the composer's to tell.
    const published = countPublished(snapshot.comments);
    return html`
      <section
        aria-labelledby="hearth-count"
        class=${this.#isDark ? 'dark' : 'light'}
        lang=${locale}
        dir=${isRightToLeft(locale) ? 'rtl' : 'ltr'}
      >
        <h2 part="count" id="hearth-count">${published > 0 ? this.#messages.count(published) : this.#messages.heading}${this.#writer?.renderYours()}</h2>
        ${this.#writer?.renderSkipLink()}
        <p part="status" role="status">${this.#renderStatus(snapshot, count)}</p>
        ${shown.length > 1 ? renderSortControl(snapshot.sortOrder, (order) => this.#sync.writeTarget?.setSortOrder(order), this.#messages) : nothing}
        ${this.#renderThread(snapshot, shown, this.#window.compute(shown, count, snapshot))}
        ${
          snapshot.isLocked
            ? html`<p part="locked-notice" class="state">${this.#messages.locked}</p>`
            : isUnavailable(snapshot.status)
              ? this.#renderUnavailable(snapshot.status)
              : (this.#writer?.render(mainComposerKey, null) ?? nothing)
        }
        <div class="visually-hidden" role="status">${this.#announcement}</div>
      </section>
    `;
  }

  /** The notice for the site's owner, once its chunk is here (only a misconfigured page loads it). */
  #renderUnavailable(status: SyncStatus): unknown {
    if (noticeKit)
      return noticeKit.renderUnavailableNotice(status, this.#sync.target.endpoint, this.#locale.words);
    loadNoticeKit().then(
      () => this.requestUpdate(),
      (error) => void warnInDev('notice did not load', error),
    );
    return nothing;
  }

  /** The quiet status line: offline or unreachable, writes waiting, when it last synced. */
  #renderStatus(snapshot: ThreadSnapshot, count: number): TemplateResult | typeof nothing {
    if (this.#isOutdated) {
      // Drafts live in IndexedDB, and no composer ran on this page to hold unsaved text.
      return html`${this.#messages.outdated}
        <button class="link-button" type="button" @click=${() => location.reload()}>${this.#messages.reload}</button>`;
    }
    // Posts only: an edit or delete waiting says so on its comment, and is not a comment to post.
    const waiting = snapshot.pending.filter(
      (write) => write.state === WriteState.pending && write.op === WriteOp.post,
    ).length;
    const isOffline = !this.#connectivity.isOnline;
    const isUnreachable = snapshot.status === SyncStatus.unreachable && count > 0;
    if (!isOffline && !isUnreachable && waiting === 0) return nothing;
    const lastSynced =
      (isOffline || isUnreachable) && snapshot.lastSyncedAtMs !== null
        ? this.#messages.lastSynced(
            formatRelativeTime(snapshot.lastSyncedAtMs, this.#clock.nowMs, this.#locale.locale),
          )
        : '';
    return html`${isOffline ? this.#messages.offline : isUnreachable ? this.#messages.unreachableCached : ''}
      ${waiting > 0 ? this.#messages.waiting(waiting) : ''} ${lastSynced}
      ${
        isUnreachable && !isOffline
          ? html`<button class="link-button" type="button" @click=${this.#handleRetry}>${this.#messages.retry}</button>`
          : nothing
      }`;
  }

  /** The reading words, in the element's locale. */
  get #messages(): ReadingWords {
    return this.#locale.words('reading', readingMessages);
  }

  #renderThread(
    snapshot: ThreadSnapshot,
    nodes: ThreadNode[],
    view: ThreadWindow | null,
  ): TemplateResult | typeof nothing {
    const { isCacheRead, status } = snapshot;
    const drawn = view ? 0 : this.#slices.count(nodes.length, snapshot);
    if (nodes.length === 0) {
      if (!isCacheRead || status === SyncStatus.loading)
        return html`<p class="state">${this.#messages.loading}</p>`;
      // The notice in place of the composer says why.
      if (isUnavailable(status)) return nothing;
      // An outdated widget cannot read the thread either; the status line says why and how to fix it.
      if (status === SyncStatus.unreachable) {
        if (this.#isOutdated) return nothing;
        return html`<p class="state" role="alert">
          ${this.#messages.unreachableEmpty}
          <button class="link-button" type="button" @click=${this.#handleRetry}>${this.#messages.retry}</button>
        </p>`;
      }
      return html`<p class="state">${this.#messages.empty}</p>`;
    }
    const context: CommentContext = {
      nowMs: this.#clock.nowMs,
      locale: this.#locale.locale,
      messages: this.#messages,
      wordsFor: this.#locale.words,
      // No replies or votes that could never be delivered.
      isLocked: snapshot.isLocked || isUnavailable(snapshot.status),
      pending: new Map(snapshot.pending.map((write) => [write.id, write])),
      votes: snapshot.votes,
      renderBody: this.#bodies.render,
      ...this.#writer?.describeWriting(snapshot, this.#connectivity.isOnline),
      highlightedId: this.#window.highlightedId,
    };
    return html`<ol class="thread" @click=${this.#handleThreadClick}>
      ${
        view
          ? this.#window.renderWindow(view, context)
          : nodes.slice(0, drawn).map((node) => renderComment(node, context))
      }
    </ol>`;
  }

  #handleThreadClick = (event: Event): void => {
    const button = (event.target as Element).closest<HTMLElement>('[data-action]');
    const id = button?.closest<HTMLElement>('[part~="comment"]')?.dataset.id;
    if (!button || this.#window.reveal(button) || !id) return;
    // Read at the click: the vote reverses what the reader saw.
    const isUpvote = button.getAttribute('aria-pressed') === 'false';
    this.#loadWriter().then(
      (writer) => writer.act(button.dataset.action as CommentAction | undefined, id, isUpvote),
      (error) => void warnInDev('composer did not load', error),
    );
  };

  #handleRetry = (): void => {
    this.#sync.retry();
  };

  #handleDelivered(comment: ThreadComment): void {
    this.#loadWriter().then(
      (writer) => writer.handleDelivered(comment),
      (error) => void warnInDev('composer did not load', error),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-comments': HearthComments;
  }
}
