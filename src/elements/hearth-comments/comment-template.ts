import { html, nothing, type TemplateResult } from 'lit';
import { formatAbsoluteTime, formatRelativeTime } from '../../internal/relative-time.js';
import type { WordsFor } from '../../controllers/locale-controller.js';
import type { ReadingWords } from '../../i18n/messages/reading-messages.js';
import type { ReaderVote } from '../../internal/reader-votes.js';
import type { ThreadComment } from '../../internal/rich-text.js';
import type { ThreadNode } from '../../internal/thread-tree.js';
import { CommentStatus } from '../../protocol/comment-status.js';
import { CommentAction } from './comment-action.js';
import type { PendingWrite } from '../../sync/thread-sync.js';

/** What comment templates draw for writing; the composer's chunk supplies it once loaded. */
export interface WritingContext {
  /** The comment whose reply composer is open, if any. */
  replyTo: string | null;
  renderReplyComposer: (node: ThreadNode) => TemplateResult | typeof nothing;
  /** The line saying how a pending write stands. */
  renderWriteState: (write: PendingWrite) => TemplateResult | typeof nothing;
  /** The edit form standing in for the body while the reader edits it, else null. */
  renderEditor: (comment: ThreadComment) => TemplateResult | null;
  /** Edit and Delete when the comment is the reader's own, else nothing. */
  renderOwnActions: (
    comment: ThreadComment,
    write: PendingWrite | undefined,
  ) => TemplateResult | typeof nothing;
}

/**
 * What comment templates need from the element besides the node itself. Until the composer's
 * chunk is loaded the writing parts are absent: no reply form, write state, edit form or own actions.
 */
export interface CommentContext extends Partial<WritingContext> {
  nowMs: number;
  locale: string;
  /** The reading words, in the element's locale. */
  messages: ReadingWords;
  /** Any other part's words, in the element's locale. */
  wordsFor: WordsFor;
  /** A locked thread offers no Reply buttons. */
  isLocked: boolean;
  /** The reader's writes not yet applied by the server, by id. */
  pending: ReadonlyMap<string, PendingWrite>;
  /** The reader's votes, by comment id (see ThreadSnapshot.votes). */
  votes: ReadonlyMap<string, ReaderVote>;
  /** A comment's formatted body: its `[part~=comment-body]` element. */
  renderBody: (comment: ThreadComment) => unknown;
  /** The comment a permalink (`#comment-<id>`) points at, marked `data-highlighted`; null for none. */
  highlightedId?: string | null;
  /** "Show N more replies" at the end of a reply list cut short in a big thread, else nothing. */
  renderMoreReplies?: (node: ThreadNode) => TemplateResult | typeof nothing;
}

/** "(edited)" with the edit time, or nothing: most comments were never edited. */
function renderEdited(
  comment: ThreadComment,
  { locale, messages }: CommentContext,
): TemplateResult | typeof nothing {
  const editedAtMs = comment.editedAt ? Date.parse(comment.editedAt) : NaN;
  return Number.isNaN(editedAtMs)
    ? nothing
    : html` <time
        part="edited"
        datetime=${comment.editedAt!}
        title=${messages.editedAt(formatAbsoluteTime(editedAtMs, locale))}
        >${messages.edited}</time
      >`;
}

/** Verified, Pinned and Awaiting approval, or nothing: most comments carry none of them. */
function renderBadges(comment: ThreadComment, messages: ReadingWords): TemplateResult | typeof nothing {
  const isHeld = comment.status === CommentStatus.held;
  // An edit held for a moderator is marked once its text is shown (show-pending.ts).
  const isEditHeld = comment.body === comment.pendingEdit?.body;
  if (!comment.verified && !comment.pinned && !isHeld && !isEditHeld) return nothing;
  return html`${
    comment.verified
      ? html`<span part="verified-badge" class="badge" title=${messages.verifiedTitle}>${messages.verified}</span>`
      : nothing
  }${comment.pinned ? html`<span part="pinned-label" class="badge">${messages.pinned}</span>` : nothing}${
    isHeld || isEditHeld
      ? html`<span part="held-label" class="badge held">${isHeld ? messages.held : messages.heldEdit}</span>`
      : nothing
  }`;
}

/**
 * The upvote toggle of a published comment the server has stored: pressed when the reader's
 * vote is on it, with the count, which moves at once on a click (the vote goes through the outbox).
 * A locked thread takes no votes: its counts show as text.
 */
function renderVote(
  comment: ThreadComment,
  write: PendingWrite | undefined,
  context: CommentContext,
): TemplateResult | typeof nothing {
  if (comment.status !== CommentStatus.published || write?.op === 'post' || write?.op === 'delete') {
    return nothing;
  }
  const vote = context.votes.get(comment.id);
  const isUp = vote?.isUp ?? false;
  if (context.isLocked) {
    return html`<span part="vote-count" class="vote-count">${context.messages.upvotes(vote?.count ?? comment.votes ?? 0)}</span>`;
  }
  return html`<button
    part="vote-button"
    class="link-button"
    type="button"
    data-action=${CommentAction.vote}
    aria-pressed=${isUp ? 'true' : 'false'}
  >
    ${context.messages.upvote(vote?.count ?? comment.votes ?? 0)}
  </button>`;
}

function renderReplies(node: ThreadNode, context: CommentContext): TemplateResult | typeof nothing {
  return node.replies.length === 0
    ? nothing
    : html`<ol class="replies">
        ${node.replies.map((reply) => renderComment(reply, context))}${context.renderMoreReplies?.(node) ?? nothing}
      </ol>`;
}

/**
 * One comment and its replies. The reply, edit and delete buttons carry no listeners of their
 * own: one delegated click handler on the thread serves a thousand comments. A deleted comment
 * is a tombstone: no author, time, text or buttons, but its replies stay under it.
 */
export function renderComment(node: ThreadNode, context: CommentContext): TemplateResult {
  const { comment } = node;
  const write = context.pending.get(comment.id);
  const state = write ? write.state : comment.status;
  if (comment.status === CommentStatus.deleted) {
    return html`<li>
      <article part=${context.highlightedId === comment.id ? 'comment highlighted' : 'comment'} id="comment-${comment.id}" data-id=${comment.id} data-state=${state} tabindex="-1" ?data-highlighted=${context.highlightedId === comment.id}>
        <p part="tombstone" class="tombstone">${context.messages.deleted}</p>
        ${(write && context.renderWriteState?.(write)) ?? nothing}
      </article>
      ${renderReplies(node, context)}
    </li>`;
  }
  const isReplying = context.replyTo === comment.id && !context.isLocked;
  // Nobody else can see a held comment, so a reply to it would appear without its parent; nor
  // can the server take a reply to one of the reader's posts it has not stored (or refused).
  const canReply = !context.isLocked && comment.status !== CommentStatus.held && write?.op !== 'post';
  const editor = context.renderEditor?.(comment) ?? null;
  const createdAtMs = Date.parse(comment.createdAt);
  // One template for the whole comment, with the rarer pieces as bindings that are usually
  // `nothing`: each nested template costs a clone per comment, which a thousand comments feel.
  // Names and bodies are bidi isolates (<bdi>, dir="auto") that take their direction from their
  // own text, so an override or embedding left open in them cannot reorder the text around them.
  return html`<li>
    <article part=${context.highlightedId === comment.id ? 'comment highlighted' : 'comment'} id="comment-${comment.id}" data-id=${comment.id} data-state=${state} tabindex="-1" ?data-highlighted=${context.highlightedId === comment.id}>
      <header>
        <bdi part="author">${comment.authorName}</bdi>
        ${renderBadges(comment, context.messages)}
        ${node.replyingTo === null ? nothing : html`<bdi class="replying-to">${context.messages.replyingTo(node.replyingTo)}</bdi>`}
        <a part="permalink" href="#comment-${comment.id}"><time datetime=${comment.createdAt} title=${formatAbsoluteTime(createdAtMs, context.locale)}
          >${formatRelativeTime(createdAtMs, context.nowMs, context.locale)}</time
        ></a>${renderEdited(comment, context)}
      </header>
      ${editor ?? nothing}
      ${editor === null ? context.renderBody(comment) : html`<div part="comment-body" class="rich-text" dir="auto" hidden></div>`}
      ${(write && context.renderWriteState?.(write)) ?? nothing}
      <div class="comment-actions">
        ${renderVote(comment, write, context)}${
          canReply
            ? html`<button
                part="reply-button"
                class="link-button"
                type="button"
                data-action=${CommentAction.reply}
                aria-expanded=${isReplying ? 'true' : 'false'}
                aria-label=${context.messages.replyTo(comment.authorName)}
              >
                ${context.messages.reply}
              </button>`
            : nothing
        }${context.renderOwnActions?.(comment, write) ?? nothing}
      </div>
    </article>
    ${(isReplying && context.renderReplyComposer?.(node)) || nothing} ${renderReplies(node, context)}
  </li>`;
}
