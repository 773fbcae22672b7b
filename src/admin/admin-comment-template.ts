import { html, nothing, type TemplateResult } from 'lit';
import { CommentStatus } from '../protocol/comment-status.js';
import { formatDateTime } from './admin-format.js';
import { renderPageLink } from './admin-links.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import { BanKind, type AdminComment } from '../protocol/admin.js';

/** What a comment card can do; the section owns the state, the card only forwards intent. */
export interface CommentActions {
  /** Whether an action on this comment is in flight: its buttons ignore presses meanwhile. */
  isBusy: boolean;
  /** Whether its ban form is open. */
  isBanOpen: boolean;
  approve(): void;
  reject(): void;
  /** Publishes or drops the author's held edit (the Edits list). */
  settleEdit(isApproved: boolean): void;
  delete(): void;
  togglePin(): void;
  toggleBan(): void;
  ban(kind: BanKind, reason: string): void;
}

/** The id prefix of everything a card renders; unique per list, as both lists share one scope. */
function cardId(comment: AdminComment, list: string): string {
  return `${list}-${comment.id}`;
}

/** The ban kinds this comment's author can be banned by: those the server knows a value for. */
function banKindsOf(comment: AdminComment): BanKind[] {
  const kinds: BanKind[] = [];
  if (comment.userId) kinds.push(BanKind.user);
  if (comment.email) kinds.push(BanKind.email);
  if (comment.ipHash) kinds.push(BanKind.ip);
  return kinds;
}

/**
 * One comment for a moderator: where it is, who wrote it (with the private details bans need)
 * and its body as the raw text the author typed. The body is a text binding, never markup:
 * moderators must see exactly what was sent, links and all. Name, thread and body are bidi
 * isolates, so direction controls in one cannot reorder the card's other text.
 */
export function renderAdminComment(
  comment: AdminComment,
  list: string,
  actions: CommentActions,
): TemplateResult {
  const id = cardId(comment, list);
  const isHeld = comment.status === CommentStatus.held;
  const banKinds = banKindsOf(comment);
  const busy = actions.isBusy ? 'true' : 'false';
  // aria-disabled rather than disabled: a disabled button drops focus to the page.
  const guard = (action: () => void) => () => {
    if (!actions.isBusy) action();
  };

  return html`<article
    class="comment"
    tabindex="-1"
    data-id=${comment.id}
    data-status=${comment.status}
    aria-labelledby="${id}-author"
    aria-describedby="${id}-where"
    aria-busy=${busy}
  >
    <header class="comment-header">
      <h3 class="author" id="${id}-author" dir="auto">${comment.authorName}</h3>
      ${comment.verified ? html`<span class="badge">${m.verified}</span>` : nothing}
      ${comment.pinned ? html`<span class="badge">${m.pinnedBadge}</span>` : nothing}
      ${comment.editedAt ? html`<span class="badge">${m.editedBadge}</span>` : nothing}
      <bdi class="where" id="${id}-where">${m.onThread(comment.site, comment.thread)}</bdi>
      <time datetime=${comment.createdAt}>${formatDateTime(comment.createdAt)}</time>
      ${renderPageLink(comment.commentUrl, m.viewOnPage, m.viewOnPageLabel(comment.authorName))}
    </header>
    ${renderDetails(comment)} ${renderHoldReason(comment)}
    ${renderBodies(comment, id)}
    <div class="actions" role="group" aria-labelledby="${id}-author">
      ${
        comment.pendingEdit
          ? html`<button type="button" data-action="approve-edit" aria-disabled=${busy} @click=${guard(() => actions.settleEdit(true))}>
              ${m.approveEdit}
            </button>
            <button type="button" data-action="reject-edit" aria-disabled=${busy} @click=${guard(() => actions.settleEdit(false))}>
              ${m.rejectEdit}
            </button>`
          : nothing
      }
      ${
        comment.pendingEdit
          ? nothing
          : isHeld
            ? html`<button type="button" data-action="approve" aria-disabled=${busy} @click=${guard(actions.approve)}>
              ${m.approve}
            </button>
            <button type="button" data-action="reject" aria-disabled=${busy} @click=${guard(actions.reject)}>
              ${m.reject}
            </button>`
            : html`<button
              type="button"
              data-action="pin"
              aria-pressed=${comment.pinned ? 'true' : 'false'}
              aria-disabled=${busy}
              @click=${guard(actions.togglePin)}
            >
              ${comment.pinned ? m.unpin : m.pin}
            </button>
            <button type="button" data-action="delete" aria-disabled=${busy} @click=${guard(actions.delete)}>
              ${m.delete}
            </button>`
      }
      ${
        banKinds.length > 0
          ? html`<button
            type="button"
            data-action="ban"
            aria-expanded=${actions.isBanOpen ? 'true' : 'false'}
            aria-controls="${id}-ban"
            @click=${actions.toggleBan}
          >
            ${m.banAuthor}
          </button>`
          : nothing
      }
    </div>
    ${actions.isBanOpen ? renderBanForm(id, banKinds, actions) : nothing}
  </article>`;
}

/** Why the comment, or its edit, waits for a moderator: the rule its text meets. */
function renderHoldReason({ holdReason: reason }: AdminComment): TemplateResult | typeof nothing {
  if (!reason) return nothing;
  const { code, links = 0, maxLinks = 0, phrase = '' } = reason;
  const reasons = m.holdReasons;
  const why =
    code === 'links'
      ? reasons.links(links, maxLinks)
      : code === 'blocklist'
        ? reasons.blocklist(phrase)
        : Object.hasOwn(reasons, code)
          ? (reasons[code as keyof typeof reasons] as () => string)()
          : code;
  return html`<p class="hold-reason" data-reason=${code}><strong>${m.heldBecause}:</strong> <bdi>${why}</bdi></p>`;
}

/** The body; with a held edit, the public text and the waiting one, each labelled. */
function renderBodies(comment: AdminComment, id: string): TemplateResult {
  if (!comment.pendingEdit) return html`<p class="body" dir="auto">${comment.body}</p>`;
  return html`<p class="body-label" id="${id}-public">${m.publicText}</p>
    <p class="body" dir="auto" aria-labelledby="${id}-public">${comment.body}</p>
    <p class="body-label" id="${id}-edit">${m.heldEditText}</p>
    <p class="body held-edit" dir="auto" aria-labelledby="${id}-edit">${comment.pendingEdit.body}</p>`;
}

function renderDetails(comment: AdminComment): TemplateResult | typeof nothing {
  const rows: Array<[string, string]> = [];
  if (comment.email) rows.push([m.email, comment.email]);
  if (comment.userId) rows.push([m.userId, comment.userId]);
  if (comment.ipHash) rows.push([m.ipHash, comment.ipHash]);
  if (rows.length === 0) return nothing;
  return html`<dl class="details">
    ${rows.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}
  </dl>`;
}

function renderBanForm(id: string, kinds: BanKind[], actions: CommentActions): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (actions.isBusy) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    actions.ban(String(data.get('kind')) as BanKind, String(data.get('reason') ?? '').trim());
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') actions.toggleBan();
  };
  return html`<form class="ban-form" id="${id}-ban" @submit=${submit} @keydown=${cancelOnEscape}>
    <label>
      ${m.banBy}
      <select name="kind">
        ${kinds.map((kind) => html`<option value=${kind}>${m.banKinds[kind]}</option>`)}
      </select>
    </label>
    <label>
      ${m.banReason}
      <input name="reason" type="text" maxlength="500" autocomplete="off" />
    </label>
    <button type="submit" aria-disabled=${actions.isBusy ? 'true' : 'false'}>${m.banSubmit}</button>
    <button type="button" @click=${actions.toggleBan}>${m.cancel}</button>
  </form>`;
}
