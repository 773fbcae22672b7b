import { nothing, type TemplateResult } from 'lit';
import { composerMessages, type ComposerWords } from '../../../i18n/messages/composer-messages.js';
import type { ThreadComment } from '../../../internal/rich-text.js';
import { checkBody } from '../../../internal/validate-draft.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { WriteOp, WriteState } from '../../../storage/db.js';
import type { PendingWrite, ThreadSnapshot } from '../../../sync/thread-sync.js';
import { changeComment, discardWrite, readEditableUntil } from '../../../sync/thread-writer.js';
import type { ComposerHost } from './composer-controller.js';
import { editKeyPrefix, type ComposerForms } from './composer-forms.js';
import { renderDeleteConfirmation, renderOwnActions } from './own-comment-template.js';
import type { SsoIdentity } from './sso-identity.js';

/**
 * The reader's own comments: which they are (an author token in this browser, the SSO user's
 * list, or still queued), their Edit and Delete buttons, the edit form standing in for a
 * comment's text, the inline question before a delete, and queueing the change.
 */
export class OwnComments {
  /** The reader's comment whose edit form is open, if any. */
  editing: string | null = null;
  /** The reader's comment asking "Delete this comment?", if any. */
  confirmingDelete: string | null = null;

  #host: ComposerHost;
  #forms: ComposerForms;
  #identity: SsoIdentity;
  /** Refused edits being taken back into their form (see #takeBack). */
  #takingBack = new Set<string>();
  /** Until when each of the reader's comments is editable (ms), as the server said; null: unknown. */
  #editableUntilMs = new Map<string, number | null>();
  /** Re-renders when the next edit window closes, so Edit goes at that moment. */
  #windowTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ComposerHost, forms: ComposerForms, identity: SsoIdentity) {
    this.#host = host;
    this.#forms = forms;
    this.#identity = identity;
  }

  /** Whether the reader may edit and delete a comment: theirs by author token, by SSO, or still queued. */
  isOwn(id: string, snapshot: ThreadSnapshot): boolean {
    return (
      snapshot.authoredIds.has(id) ||
      this.#identity.isMine(id) ||
      snapshot.pending.some((write) => write.id === id && write.op === WriteOp.post)
    );
  }

  /** Closes whatever is open (another thread is shown). */
  reset(): void {
    this.editing = null;
    this.confirmingDelete = null;
    this.#editableUntilMs.clear();
    clearTimeout(this.#windowTimer);
  }

  /**
   * Whether Edit is offered: until the edit window the server gave closes, by the element's
   * clock (Date.now, which its minute tick reads too); always while the window is unknown
   * (an older server, another device), when a refusal says so instead.
   */
  #canEdit(id: string): boolean {
    if (!this.#editableUntilMs.has(id)) {
      this.#editableUntilMs.set(id, null);
      const target = this.#host.sync.writeTarget;
      if (target) {
        void readEditableUntil(target, id).then((untilMs) => {
          if (untilMs === null) return;
          this.#editableUntilMs.set(id, untilMs);
          this.#scheduleWindowClose();
          void this.#host.update();
        });
      }
    }
    const untilMs = this.#editableUntilMs.get(id) ?? null;
    return untilMs === null || Date.now() <= untilMs;
  }

  #scheduleWindowClose(): void {
    clearTimeout(this.#windowTimer);
    const nowMs = Date.now();
    const next = Math.min(
      ...[...this.#editableUntilMs.values()].filter((ms): ms is number => ms !== null && ms >= nowMs),
    );
    if (!Number.isFinite(next)) return;
    // One past the last editable millisecond; setTimeout takes at most 2^31 - 1 ms.
    this.#windowTimer = setTimeout(
      () => {
        this.#scheduleWindowClose();
        void this.#host.update();
      },
      Math.min(next - nowMs + 1, 2 ** 31 - 1),
    );
  }

  /** The edit form standing in for a comment's text while the reader edits it, or null. */
  renderEditor(comment: ThreadComment): TemplateResult | null {
    return this.editing === comment.id ? this.#forms.render(editKeyPrefix + comment.id, null, null) : null;
  }

  /** Edit and Delete on the reader's own comment, or the question before a delete. */
  #words(): ComposerWords {
    return this.#host.wordsFor('composer', composerMessages);
  }

  renderActions(comment: ThreadComment, write: PendingWrite | undefined): TemplateResult | typeof nothing {
    // A refused write shows its own actions (write-state-template); a deleted comment has none.
    if (write?.state === WriteState.failed || write?.op === WriteOp.delete) return nothing;
    if (comment.status === 'deleted' || this.editing === comment.id) return nothing;
    if (this.confirmingDelete === comment.id) {
      return renderDeleteConfirmation(
        comment.id,
        (event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          void this.keep(comment.id);
        },
        this.#words(),
      );
    }
    // A post still queued is edited in the outbox, with no window; once stored, the server's counts.
    return renderOwnActions(this.#words(), write?.op === WriteOp.post || this.#canEdit(comment.id));
  }

  /** Takes back an edit the server refused because its edit window had closed. */
  observe(snapshot: ThreadSnapshot): void {
    for (const write of snapshot.pending) {
      if (write.op === WriteOp.edit && write.error?.code === ErrorCode.editWindowClosed)
        void this.#takeBack(write);
    }
  }

  /** Opens the edit form of one of the reader's comments, filled with its text. */
  async startEdit(id: string): Promise<void> {
    const key = editKeyPrefix + id;
    const snapshot = this.#host.sync.snapshot;
    if (!this.#forms.has(key)) {
      const state = this.#forms.state(key);
      const queued = snapshot.pending.find((write) => write.id === id && write.op !== WriteOp.delete);
      // What is typed (a draft) wins over what is queued, which wins over what the server holds
      // (the edit it holds for a moderator, else the text it shows).
      const stored = snapshot.comments.find((comment) => comment.id === id);
      state.body ||= queued?.body || stored?.pendingEdit?.body || stored?.body || '';
    }
    this.editing = id;
    this.confirmingDelete = null;
    this.#forms.showWrite(key);
    await this.#host.update();
    this.#forms.focus(key);
  }

  /** Queues the edit form's text as the comment's new text; the comment shows it, pending. */
  async save(key: string): Promise<void> {
    const id = key.slice(editKeyPrefix.length);
    const state = this.#forms.state(key);
    const check = checkBody(state.body, this.#words());
    const target = this.#host.sync.writeTarget;
    if (!check.isValid) {
      state.errors = { body: check.error };
      this.#forms.showWrite(key);
      await this.#host.update();
      this.#forms.focus(key);
      return;
    }
    if (!target) return;
    const snapshot = this.#host.sync.snapshot;
    const isQueued = snapshot.pending.some((write) => write.id === id);
    const stored = snapshot.comments.find((comment) => comment.id === id);
    this.close(key);
    // Saving the text unchanged only closes the form; the approved text, while an edit waits
    // for a moderator, withdraws that edit.
    const shownBody = stored?.pendingEdit?.body ?? stored?.body;
    if (isQueued || shownBody !== check.value) {
      await changeComment(target, id, { op: WriteOp.edit, body: check.value }, this.#identity.token);
      this.#host.announce(this.#words().editQueued);
    }
    await this.#host.update();
    this.#forms.findComment(id)?.focus();
  }

  /** Closes an edit form and drops its text. */
  close(key: string): void {
    const id = key.slice(editKeyPrefix.length);
    this.#forms.forget(key);
    this.#forms.drafts.clear(key);
    if (this.editing === id) this.editing = null;
  }

  /** Cancels an edit: the form closes, its text goes, and focus returns to Edit. */
  async cancel(key: string): Promise<void> {
    this.close(key);
    await this.#host.update();
    const id = key.slice(editKeyPrefix.length);
    this.#forms.findComment(id)?.querySelector<HTMLElement>('[part~="edit-button"]')?.focus();
  }

  /** Asks "Delete this comment?" under one of the reader's comments, with focus on Keep. */
  async askDelete(id: string): Promise<void> {
    this.confirmingDelete = id;
    await this.#host.update();
    this.#forms.findComment(id)?.querySelector<HTMLElement>('[part~="keep-button"]')?.focus();
  }

  /** Queues the delete the reader confirmed; the comment shows as a pending tombstone. */
  async confirmDelete(id: string): Promise<void> {
    const target = this.#host.sync.writeTarget;
    if (this.confirmingDelete !== id || !target) return;
    this.confirmingDelete = null;
    await changeComment(target, id, { op: WriteOp.delete }, this.#identity.token);
    this.#host.announce(this.#words().deleteQueued);
    await this.#host.update();
    this.#forms.findComment(id)?.focus();
  }

  /** Keeps the comment after all, and puts focus back on its Delete button. */
  async keep(id: string): Promise<void> {
    if (this.confirmingDelete === id) this.confirmingDelete = null;
    await this.#host.update();
    this.#forms.findComment(id)?.querySelector<HTMLElement>('[part~="delete-button"]')?.focus();
  }

  /**
   * An edit the server refused because its window has passed: the queued edit goes, and its
   * text comes back into the edit form (saved as a draft first) with the server's reason.
   */
  async #takeBack(write: PendingWrite): Promise<void> {
    const target = this.#host.sync.writeTarget;
    if (this.#takingBack.has(write.id) || !target) return;
    this.#takingBack.add(write.id);
    const key = editKeyPrefix + write.id;
    const state = this.#forms.state(key);
    state.body = write.body;
    state.alert = this.#words().editClosed(this.#host.describeRefusal(write.error));
    try {
      await this.#forms.drafts.save(key, write.body);
      this.editing = write.id;
      await discardWrite(target, write.id);
    } finally {
      this.#takingBack.delete(write.id);
    }
    await this.#host.update();
  }
}
