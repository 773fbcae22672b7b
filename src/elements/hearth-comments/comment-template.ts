import { html, nothing, type TemplateResult } from 'lit';
import { formatAbsoluteTime, formatRelativeTime } from '../../internal/relative-time.js';
import { messages } from '../../internal/messages.js';
import type { ThreadComment } from '../../internal/rich-text.js';
import type { ThreadNode } from '../../internal/thread-tree.js';
import type { PendingWrite } from '../../sync/thread-sync.js';

/** What comment templates need from the element besides the node itself. */
export interface CommentContext {
  nowMs: number;
  locale: string;
  /** The comment whose reply composer is open, if any. */
  replyTo: string | null;
  renderReplyComposer: (node: ThreadNode) => TemplateResult | typeof nothing;
  /** The reader's writes not yet stored by the server, by id. */
  pending: ReadonlyMap<string, PendingWrite>;
  /** A comment's formatted body. */
  renderBody: (comment: ThreadComment) => unknown;
  /** The line saying how a pending write stands; drawn by the composer chunk once loaded. */
  renderWriteState: (write: PendingWrite) => TemplateResult | typeof nothing;
}

/**
 * One comment and its replies. The reply button carries no listener of its own: one
 * delegated click handler on the thread serves a thousand comments.
 */
export function renderComment(node: ThreadNode, context: CommentContext): TemplateResult {
  const { comment, replies, replyingTo } = node;
  const createdAtMs = Date.parse(comment.createdAt);
  const isReplying = context.replyTo === comment.id;
  const write = context.pending.get(comment.id);
  return html`<li>
    <article
      part="comment"
      id="comment-${comment.id}"
      data-id=${comment.id}
      data-state=${write ? write.state : comment.status}
      tabindex="-1"
    >
      <header>
        <span part="author">${comment.authorName}</span>
        ${replyingTo === null ? nothing : html`<span class="replying-to">${messages.replyingTo(replyingTo)}</span>`}
        <time datetime=${comment.createdAt} title=${formatAbsoluteTime(createdAtMs, context.locale)}
          >${formatRelativeTime(createdAtMs, context.nowMs, context.locale)}</time
        >
      </header>
      <div part="comment-body" class="rich-text">${context.renderBody(comment)}</div>
      ${write ? context.renderWriteState(write) : nothing}
      <button
        part="reply-button"
        class="link-button"
        type="button"
        data-action="reply"
        aria-expanded=${isReplying ? 'true' : 'false'}
        aria-label=${messages.replyTo(comment.authorName)}
      >
        ${messages.reply}
      </button>
    </article>
    ${isReplying ? context.renderReplyComposer(node) : nothing}
    ${
      replies.length === 0
        ? nothing
        : html`<ol class="replies">
            ${replies.map((reply) => renderComment(reply, context))}
          </ol>`
    }
  </li>`;
}
