import {
  adoptStyles,
  html,
  nothing,
  type CSSResultOrNative,
  type LitElement,
  type TemplateResult,
} from 'lit';
import type { ThreadController } from '../../../controllers/thread-controller.js';
import { CommentPostedEvent } from '../../../events/comment-posted-event.js';
import { SsoTokenExpiredEvent } from '../../../events/sso-token-expired-event.js';
import type { WriteError } from '../../../storage/db.js';
import type { LocaleController, WordsFor } from '../../../controllers/locale-controller.js';
import { composerMessages, type ComposerWords } from '../../../i18n/messages/composer-messages.js';
import { errorMessages } from '../../../i18n/messages/error-messages.js';
import { readPageUrl } from '../../../internal/page-url.js';
import type { ThreadComment } from '../../../internal/rich-text.js';
import { createUuid } from '../../../internal/uuid.js';
import { checkDraft } from '../../../internal/validate-draft.js';
import { CommentStatus } from '../../../protocol/comment-status.js';
import { WriteOp } from '../../../storage/db.js';
import { SettingKey } from '../../../storage/writer-settings.js';
import type { ThreadSnapshot } from '../../../sync/thread-sync.js';
import {
  discardWrite,
  postComment,
  readRemembered,
  refreshSsoToken,
  remember,
} from '../../../sync/thread-writer.js';
import { castVote } from '../../../sync/vote-writer.js';
import { ComposerForms, editKeyPrefix, kindOf, mainComposerKey } from './composer-forms.js';
import { CommentAction } from '../comment-action.js';
import type { WritingContext } from '../comment-template.js';
import { ComposerKind, type ComposerIdentity } from './composer-template.js';
import { composerStyles } from './composer.styles.js';
import { OwnComments } from './own-comments.js';
import { SsoIdentity } from './sso-identity.js';
import { toNotifyChoice } from './notify-template.js';
import { describeRefusal, renderWriteState } from './write-state-template.js';

export { mainComposerKey } from './composer-forms.js';

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
  /** A part's words, in the element's locale. */
  wordsFor: WordsFor;
  /** Why the server refused a write, in the element's locale (see `describeRefusal`). */
  describeRefusal(error: WriteError | null | undefined): string;
  /** The element's locale, for times ("in 40 minutes"), and sent with each post for the emails it brings. */
  readonly locale: string;
}

/**
 * Writing, for an element that shows a thread: adds the composers' styles to the element's own
 * and returns the controller that renders them and acts on the thread's buttons.
 */
export function attachComposer(
  element: LitElement,
  sync: ThreadController,
  styles: CSSResultOrNative,
  announce: (text: string) => void,
  ssoToken: string | null,
  locale: LocaleController,
): ComposerController {
  adoptStyles(element.renderRoot as ShadowRoot, [styles, composerStyles]);
  return new ComposerController(
    {
      root: element.renderRoot,
      sync,
      update: async () => {
        element.requestUpdate();
        await element.updateComplete;
      },
      announce,
      dispatch: (event) => element.dispatchEvent(event),
      wordsFor: locale.words,
      get locale() {
        return locale.locale;
      },
      // English readers read the server's own words, which say more than a code's (which
      // limit, which word); other readers the code's, in their language.
      describeRefusal: (error) =>
        describeRefusal(error, locale.locale === 'en' ? null : locale.words('errors', errorMessages)),
    },
    ssoToken,
  );
}

/**
 * Everything about writing: the main and reply composers and posting through the outbox,
 * editing or discarding a post the server refused, the reader's own comments (OwnComments),
 * and who the reader writes as, guest or SSO (SsoIdentity). Loaded after the thread paints, so
 * a reader who only reads never pays for it.
 */
export class ComposerController {
  /** The comment whose reply composer is open, if any. */
  replyTo: string | null = null;
  /** Edit and delete of the reader's own comments. */
  readonly own: OwnComments;

  #host: ComposerHost;
  #forms: ComposerForms;
  #identity: SsoIdentity;
  /** Writes known to be waiting for a fresh SSO token, so each asks the page once. */
  #awaitingToken = new Set<string>();

  constructor(host: ComposerHost, ssoToken: string | null) {
    this.#host = host;
    this.#forms = new ComposerForms({
      root: host.root,
      update: () => host.update(),
      readTarget: () => host.sync.writeTarget,
      submit: (key) => void (kindOf(key) === ComposerKind.edit ? this.own.save(key) : this.#post(key)),
      cancel: (key) => void (kindOf(key) === ComposerKind.edit ? this.own.cancel(key) : this.#closeReply()),
      words: () => this.#words(),
      canNotify: () => host.sync.snapshot.canNotify,
    });
    this.#identity = new SsoIdentity({
      changed: () => void host.update(),
      expired: () => host.dispatch(new SsoTokenExpiredEvent()),
    });
    this.own = new OwnComments(host, this.#forms, this.#identity);
    this.#identity.set(ssoToken);
    const target = host.sync.writeTarget;
    this.#identity.refresh(target);
    // Writes left waiting for a token by an earlier visit go out with this page's.
    if (ssoToken && target) void refreshSsoToken(target, ssoToken);
    void this.#readRemembered();
    this.restoreDrafts();
  }

  /** The writing words, in the element's locale. */
  #words(): ComposerWords {
    return this.#host.wordsFor('composer', composerMessages);
  }

  /** Takes the page's SSO token (null: write as a guest), and sends writes waiting for it. */
  setIdentity(token: string | null): void {
    if (!this.#identity.set(token)) return;
    const target = this.#host.sync.writeTarget;
    this.#identity.refresh(target);
    if (token && target) void refreshSsoToken(target, token);
    void this.#host.update();
  }

  /**
   * Reacts to a new snapshot: asks the page once for a fresh SSO token when a write met an
   * expired one, and takes back edits refused because the edit window closed.
   */
  observe(snapshot: ThreadSnapshot): void {
    // Votes wait too: their outbox ids (`vote:<comment id>`) keep them apart from the comments'.
    const awaiting = new Set([
      ...snapshot.pending.filter((write) => write.isAwaitingToken).map((write) => write.id),
      ...[...snapshot.votes].filter(([, vote]) => vote.isAwaitingToken).map(([id]) => `vote:${id}`),
    ]);
    const isNew = [...awaiting].some((id) => !this.#awaitingToken.has(id));
    this.#awaitingToken = awaiting;
    if (isNew) this.#host.dispatch(new SsoTokenExpiredEvent());
    this.own.observe(snapshot);
  }

  /** Refills the composers from the drafts saved for the current thread. */
  restoreDrafts(): void {
    void this.#forms.drafts.restore().then((drafts) => {
      this.#forms.fill(drafts);
      // The reply or edit being written when the page closed opens again where it was.
      const keys = [...drafts.keys()];
      const editKey = keys.find((key) => kindOf(key) === ComposerKind.edit);
      const replyKey = keys.find((key) => kindOf(key) === ComposerKind.reply);
      if (editKey && this.own.editing === null) this.own.editing = editKey.slice(editKeyPrefix.length);
      if (replyKey && this.replyTo === null) this.replyTo = replyKey;
      if (drafts.size > 0) void this.#host.update();
    });
  }

  /** Forgets the composers of a thread the element no longer shows, and loads the new one's drafts. */
  reset(): void {
    this.#forms.drafts.reset();
    this.#forms.forget();
    this.replyTo = null;
    this.own.reset();
    this.#identity.refresh(this.#host.sync.writeTarget);
    this.restoreDrafts();
  }

  /** Writes every draft still waiting for its debounce. */
  flushDrafts(): void {
    this.#forms.drafts.flush();
  }

  /** The writing parts of the thread's comments: reply forms, write states, edit forms, own actions. */
  describeWriting(snapshot: ThreadSnapshot, isOnline: boolean): WritingContext {
    const isOwn = (id: string) => this.own.isOwn(id, snapshot);
    return {
      replyTo: this.replyTo,
      renderReplyComposer: (node) => this.render(node.comment.id, node.comment.authorName),
      renderWriteState: (write) =>
        renderWriteState(
          write,
          isOnline,
          this.#words(),
          this.#host.describeRefusal(write.error),
          this.#host.locale,
        ),
      renderEditor: (comment) => (isOwn(comment.id) ? this.own.renderEditor(comment) : null),
      renderOwnActions: (comment, write) =>
        isOwn(comment.id) ? this.own.renderActions(comment, write) : nothing,
    };
  }

  /** A composer form; `replyToName` is null for the main one. */
  render(key: string, replyToName: string | null): TemplateResult | typeof nothing {
    return this.#forms.render(key, this.#composerIdentity(), replyToName);
  }

  /**
   * After the heading's count, which is what every reader sees: how many of the reader's own
   * comments are not published yet (posting, refused, or held for a moderator); '' for none.
   */
  renderYours(): string {
    const { pending, comments } = this.#host.sync.snapshot;
    const yours =
      pending.filter((write) => write.op === WriteOp.post).length +
      comments.filter((comment) => comment.status === CommentStatus.held).length;
    return yours > 0 ? ` · ${this.#words().yours(yours)}` : '';
  }

  /**
   * A link after the heading, shown on focus, to the main composer's first field: past the whole
   * thread in one keypress. Nothing in a locked thread, which has no composer.
   */
  renderSkipLink(): TemplateResult | typeof nothing {
    if (this.#host.sync.snapshot.isLocked) return nothing;
    return html`<a part="skip-link" class="skip-link visually-hidden" href="#${mainComposerKey}-body" @click=${this.#handleSkip}
      >${this.#words().skipToForm}</a
    >`;
  }

  #handleSkip = async (event: Event): Promise<void> => {
    event.preventDefault();
    const isGuest = !this.#identity.token;
    // The text field may sit behind the Preview tab; the name field never does.
    if (!isGuest) this.#forms.showWrite(mainComposerKey);
    await this.#host.update();
    this.#forms.focus(mainComposerKey, isGuest ? 'name-input' : 'body-input');
  };

  /**
   * Does what a comment's button asks (its `data-action`): reply, vote, or fix, edit or delete
   * one of the reader's writes. `isUpvote` is read at the click: the vote reverses what the reader saw.
   */
  act(action: CommentAction | undefined, id: string, isUpvote: boolean): void {
    const { own } = this;
    if (action === CommentAction.reply) void this.toggleReply(id);
    else if (action === CommentAction.editWrite) void this.editWrite(id);
    else if (action === CommentAction.discardWrite) void this.discardWrite(id);
    else if (action === CommentAction.editComment) void own.startEdit(id);
    else if (action === CommentAction.deleteComment) void own.askDelete(id);
    else if (action === CommentAction.confirmDelete) void own.confirmDelete(id);
    else if (action === CommentAction.keepComment) void own.keep(id);
    else if (action === CommentAction.vote) this.#vote(id, isUpvote);
  }

  #vote(id: string, isUpvote: boolean): void {
    const { writeTarget, snapshot } = this.#host.sync;
    const votes = snapshot.comments.find((comment) => comment.id === id)?.votes ?? 0;
    if (writeTarget) void castVote(writeTarget, id, isUpvote, this.#identity.token, votes);
  }

  /** Tells the reader and the page that the server stored one of the reader's comments. */
  handleDelivered(comment: ThreadComment): void {
    if (comment.verified) this.#identity.addMine(comment.id);
    this.#host.announce(this.#words().posted);
    this.#host.dispatch(new CommentPostedEvent(comment));
  }

  /** Opens the reply composer under a comment, or closes it when it is open. */
  async toggleReply(id: string): Promise<void> {
    if (this.replyTo === id) return this.#closeReply();
    this.replyTo = id;
    this.#forms.showWrite(id);
    await this.#host.update();
    this.#forms.focus(id);
  }

  /** Moves a refused post back into its composer for the reader to fix, and out of the outbox. */
  async editWrite(id: string): Promise<void> {
    const snapshot = this.#host.sync.snapshot;
    const write = snapshot.pending.find((candidate) => candidate.id === id);
    if (!write || write.op !== WriteOp.post) return;
    const isParentShown = [...snapshot.comments, ...snapshot.pending].some(
      (other) => other.id === write.parentId,
    );
    // A reply whose parent is gone (discarded, never stored) goes back to the main composer.
    const key = write.parentId && isParentShown ? write.parentId : mainComposerKey;
    const state = this.#forms.state(key);
    state.body = state.body.trim() === '' ? write.body : `${state.body}\n\n${write.body}`;
    state.errors = write.error?.field === 'body' ? { body: write.error.message } : {};
    if (!this.#forms.authorName) this.#forms.authorName = write.authorName;
    this.#forms.showWrite(key);
    // The text must live somewhere durable before the queued copy goes.
    await this.#forms.drafts.save(key, state.body);
    await this.#discard(id);
    if (key !== mainComposerKey) this.replyTo = key;
    await this.#host.update();
    this.#forms.focus(key);
  }

  /**
   * Drops a refused write. After a post, focus goes to the main composer; after an edit or a
   * delete, to its comment, which shows as the server holds it.
   */
  async discardWrite(id: string): Promise<void> {
    const write = this.#host.sync.snapshot.pending.find((candidate) => candidate.id === id);
    await this.#discard(id);
    if (write && write.op !== WriteOp.post) {
      await this.#host.update();
      this.#forms.findComment(id)?.focus();
      return;
    }
    this.#forms.showWrite(mainComposerKey);
    await this.#host.update();
    this.#forms.focus(mainComposerKey);
  }

  #composerIdentity(): ComposerIdentity {
    return this.#identity.token
      ? { kind: 'signed-in', name: this.#identity.name }
      : { kind: 'guest', authorName: this.#forms.authorName, email: this.#forms.email };
  }

  async #readRemembered(): Promise<void> {
    const target = this.#host.sync.writeTarget;
    if (!target) return;
    const [name, email, notify] = await Promise.all([
      readRemembered(target, SettingKey.authorName),
      readRemembered(target, SettingKey.authorEmail),
      readRemembered(target, SettingKey.notify),
    ]);
    const forms = this.#forms;
    if (name && !forms.authorName) forms.authorName = name;
    if (email && !forms.email) forms.email = email;
    if (notify && !forms.notify) forms.notify = toNotifyChoice(notify);
    if (name || email || notify) void this.#host.update();
  }

  async #discard(id: string): Promise<void> {
    const target = this.#host.sync.writeTarget;
    if (target) await discardWrite(target, id);
  }

  async #closeReply(): Promise<void> {
    const id = this.replyTo;
    this.replyTo = null;
    await this.#host.update();
    if (id) this.#forms.findComment(id)?.querySelector<HTMLElement>('[part~="reply-button"]')?.focus();
  }

  /**
   * Validates, then queues. The composer empties at once: the text is safe in the outbox,
   * where it shows as a pending comment, and focus moves to that comment. The post carries
   * what the reader asks to be emailed about (where the site offers it), and the page's address
   * and the locale the emails are written for, as they are now: a post queued offline keeps them.
   */
  async #post(key: string): Promise<void> {
    const forms = this.#forms;
    const state = forms.state(key);
    const ssoToken = this.#identity.token;
    // A signed-in reader's emails go to the address their token names.
    const check = checkDraft(
      ssoToken
        ? { authorName: this.#identity.name, body: state.body }
        : { authorName: forms.authorName, body: state.body, email: forms.email },
      this.#words(),
      !ssoToken && forms.needsEmail,
    );
    if (!check.isValid) {
      state.errors = check.errors;
      forms.showWrite(key);
      await this.#host.update();
      // The first field at fault, in the form's order.
      forms.focus(
        key,
        check.errors.authorName ? 'name-input' : check.errors.email ? 'email-input' : 'body-input',
      );
      return;
    }
    const { authorName, body, email } = check.value;
    const target = this.#host.sync.writeTarget;
    if (!target) return;
    if (!ssoToken) {
      void remember(target, SettingKey.authorName, authorName);
      void remember(target, SettingKey.authorEmail, email ?? '');
    }
    const canNotify = this.#host.sync.snapshot.canNotify;
    const notify = canNotify ? forms.notify : '';
    if (canNotify) void remember(target, SettingKey.notify, notify);
    const website = state.website;
    const pageUrl = readPageUrl();
    // Empty the composer before the write is stored, so what the reader types next is kept.
    forms.forget(key);
    forms.drafts.clear(key);
    if (key !== mainComposerKey) this.replyTo = null;
    void this.#host.update();

    const id = createUuid();
    const parentId = key === mainComposerKey ? null : key;
    const comment = {
      id,
      parentId,
      authorName,
      body,
      ...(email ? { email } : {}),
      ...(website ? { website } : {}),
      ...(notify ? { notify } : {}),
      ...(pageUrl ? { pageUrl } : {}),
      locale: this.#host.locale,
    };
    try {
      await postComment(target, comment, ssoToken);
    } catch {
      // Not even queued in memory: give the text back rather than lose it.
      forms.state(key).body = body;
      await forms.drafts.save(key, body);
      await this.#host.update();
      return;
    }
    this.#host.announce(this.#words().queued);
    await this.#host.update();
    forms.findComment(id)?.focus();
  }
}
