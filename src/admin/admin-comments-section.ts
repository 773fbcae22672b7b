import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CommentStatus } from '../protocol/comment-status.js';
import type { Comment } from '../protocol/comment.js';
import { renderAdminComment, type CommentActions } from './admin-comment-template.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import { AdminQueueChangeEvent } from './admin-queue-event.js';
import type { AdminComment, BanKind } from '../protocol/admin.js';
import { AdminSection } from './admin-section.js';

/**
 * A list of comments for moderators, newest first, across all sites or one: the held queue
 * (Approve, Reject), the published comments whose author's edit is held (Approve edit, Reject
 * edit), or the published comments (Pin, Delete); each can ban the author.
 *
 * Invariants:
 * - A comment an action removed (approved, rejected, deleted) leaves the list at once, and focus
 *   moves to the next comment, so a keyboard user keeps their place.
 * - Only one action per comment is in flight; presses meanwhile are ignored.
 */
export class AdminCommentsSection extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    status: {},
    comments: { state: true },
    nextBefore: { state: true },
    siteFilter: { state: true },
    busyIds: { state: true },
    banOpenId: { state: true },
  };

  /** Which comments to list: `held`, `published`, or `edits` (published, with a held edit). */
  declare status: typeof CommentStatus.held | typeof CommentStatus.published | 'edits';
  declare comments: AdminComment[];
  declare nextBefore: number | null;
  /** A site id, or '' for all sites. */
  declare siteFilter: string;
  declare busyIds: ReadonlySet<string>;
  declare banOpenId: string | null;

  constructor() {
    super();
    this.status = CommentStatus.held;
    this.comments = [];
    this.nextBefore = null;
    this.siteFilter = '';
    this.busyIds = new Set();
    this.banOpenId = null;
  }

  get #headingId(): string {
    return `${this.status}-heading`;
  }

  override async reload(): Promise<void> {
    await this.#load(undefined);
  }

  #load(before: number | undefined): Promise<void> {
    const status = this.status;
    return this.load(
      (api) =>
        api.listComments({
          status: status === 'edits' ? CommentStatus.published : status,
          hasPendingEdit: status === 'edits',
          site: this.siteFilter,
          before,
        }),
      (page) => {
        const firstNew = page.comments.find((comment) => !this.comments.some((c) => c.id === comment.id));
        if (before === undefined) {
          this.comments = page.comments;
          this.banOpenId = null;
          // A fresh queue is a good moment for the badges to catch up with it.
          if (status !== CommentStatus.published) this.dispatchEvent(new AdminQueueChangeEvent());
        } else {
          const known = new Set(this.comments.map((comment) => comment.id));
          this.comments = [...this.comments, ...page.comments.filter((comment) => !known.has(comment.id))];
          // The Load more button may be gone; the first new comment is where reading continues.
          if (firstNew) void this.focusAfterRender(`article[data-id="${CSS.escape(firstNew.id)}"]`);
        }
        this.nextBefore = page.nextBefore;
      },
    );
  }

  #setBusy(id: string, isBusy: boolean): void {
    const next = new Set(this.busyIds);
    if (isBusy) next.add(id);
    else next.delete(id);
    this.busyIds = next;
  }

  /** Runs one action on a comment, announcing its result; resolves to the server's reply or null. */
  async #act<T>(
    comment: AdminComment,
    run: () => Promise<T>,
    success: (result: T) => string,
  ): Promise<T | null> {
    this.#setBusy(comment.id, true);
    try {
      const result = await run();
      this.announce(success(result));
      return result;
    } catch (error) {
      this.reportError(error);
      return null;
    } finally {
      this.#setBusy(comment.id, false);
    }
  }

  /** Takes a comment out of the list and moves focus to its neighbour (or the heading). */
  async #remove(comment: AdminComment): Promise<void> {
    const index = this.comments.findIndex((c) => c.id === comment.id);
    if (index === -1) return;
    this.comments = this.comments.filter((c) => c.id !== comment.id);
    if (this.banOpenId === comment.id) this.banOpenId = null;
    this.dispatchEvent(new AdminQueueChangeEvent());
    const neighbour = this.comments[index] ?? this.comments[index - 1];
    await this.focusAfterRender(
      neighbour ? `article[data-id="${CSS.escape(neighbour.id)}"]` : `#${this.#headingId}`,
    );
  }

  #replace(comment: AdminComment, changed: Comment): void {
    this.comments = this.comments.map((c) => (c.id === comment.id ? { ...c, ...changed } : c));
  }

  #actionsFor(comment: AdminComment): CommentActions {
    const api = this.api!;
    const where = comment.thread;
    return {
      isBusy: this.busyIds.has(comment.id),
      isBanOpen: this.banOpenId === comment.id,
      approve: async () => {
        const done = await this.#act(
          comment,
          () => api.approve(comment.id),
          () => m.approved(comment.authorName, where),
        );
        if (done) await this.#remove(comment);
      },
      reject: async () => {
        const done = await this.#act(
          comment,
          () => api.reject(comment.id),
          () => m.rejected(comment.authorName, where),
        );
        if (done) await this.#remove(comment);
      },
      settleEdit: async (isApproved: boolean) => {
        const done = await this.#act(
          comment,
          () => api.settleEdit(comment.id, isApproved),
          () => (isApproved ? m.editApproved : m.editRejected)(comment.authorName, where),
        );
        if (done) await this.#remove(comment);
      },
      delete: async () => {
        const done = await this.#act(
          comment,
          () => api.deleteComment(comment.id),
          () => m.deleted(comment.authorName, where),
        );
        if (done) await this.#remove(comment);
      },
      togglePin: async () => {
        const pinned = !comment.pinned;
        const changed = await this.#act(
          comment,
          () => api.pin(comment.id, pinned),
          (result) => (result.pinned ? m.pinned : m.unpinned)(comment.authorName, where),
        );
        if (changed) this.#replace(comment, changed);
      },
      toggleBan: () => {
        const isOpen = this.banOpenId === comment.id;
        this.banOpenId = isOpen ? null : comment.id;
        const card = `article[data-id="${CSS.escape(comment.id)}"]`;
        void this.focusAfterRender(isOpen ? `${card} [data-action="ban"]` : `${card} .ban-form select`);
      },
      ban: async (kind: BanKind, reason: string) => {
        const ban = await this.#act(
          comment,
          () =>
            api.addBan({ site: comment.site, kind, commentId: comment.id, ...(reason ? { reason } : {}) }),
          (result) => m.banned(m.banKinds[result.kind], result.site),
        );
        if (!ban) return;
        this.banOpenId = null;
        await this.focusAfterRender(`article[data-id="${CSS.escape(comment.id)}"] [data-action="ban"]`);
      },
    };
  }

  #handleSiteChange(event: Event): void {
    this.siteFilter = (event.target as HTMLSelectElement).value;
    void this.reload();
  }

  protected override render(): TemplateResult {
    const list = this.status;
    const [heading, empty] =
      list === CommentStatus.held
        ? [m.heldHeading, m.heldEmpty]
        : list === 'edits'
          ? [m.editsHeading, m.editsEmpty]
          : [m.recentHeading, m.recentEmpty];
    return html`
      <h2 id=${this.#headingId} tabindex="-1">${heading}</h2>
      ${this.renderToolbar({ site: this.siteFilter, canShowAll: true, onChange: (event) => this.#handleSiteChange(event) })}
      ${this.comments.length === 0 && !this.isLoading ? html`<p class="empty">${empty}</p>` : nothing}
      <ul class="comments" aria-labelledby=${this.#headingId}>
        ${repeat(
          this.comments,
          (comment) => comment.id,
          (comment) => html`<li>${renderAdminComment(comment, list, this.#actionsFor(comment))}</li>`,
        )}
      </ul>
      ${this.renderLoadMore(this.nextBefore !== null ? () => this.#load(this.nextBefore ?? undefined) : null)}
    `;
  }
}
