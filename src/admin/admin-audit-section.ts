import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatDateTime } from './admin-format.js';
import { renderPageLink } from './admin-links.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import type { AuditEntry } from '../protocol/admin.js';
import { AdminSection } from './admin-section.js';

/** Audit entries asked for at first, and added by each Load more. */
const auditPageSize = 100;
/** The most the admin API returns in one answer (`GET /audit?limit=`). */
const auditMaxEntries = 500;

/**
 * What an entry acted on, as the server described it: a comment's author, thread and link, a
 * thread's key and page, a ban's kind and value; the raw target (an id) when it is gone.
 */
function renderTarget({ target, subject }: AuditEntry): TemplateResult {
  switch (subject?.kind) {
    case 'comment':
      return html`<span class="audit-target" data-kind="comment">
        <bdi>${subject.authorName ? m.auditCommentBy(subject.authorName) : m.auditDeletedComment}</bdi>
        <bdi>${m.auditOnThread(subject.thread)}</bdi>
        ${renderPageLink(subject.url, m.viewOnPage, m.viewOnPageLabel(subject.authorName))}
      </span>`;
    case 'thread':
      return html`<span class="audit-target" data-kind="thread">
        <bdi>${m.auditThread(subject.thread)}</bdi>
        ${renderPageLink(subject.url, m.openPage, m.openPageLabel(subject.thread))}
      </span>`;
    case 'ban':
      return html`<bdi class="audit-target" data-kind="ban">${m.auditBan(m.banKinds[subject.banKind], subject.value)}</bdi>`;
    default:
      return html`<span class="audit-target mono" data-kind="id">${target}</span>`;
  }
}

/**
 * The latest audit entries, newest first: who did what, where, and to what. The API pages by
 * size only, so Load more asks again for a longer list.
 */
export class AdminAuditSection extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    entries: { state: true },
    limit: { state: true },
  };

  declare entries: AuditEntry[];
  /** How many entries were last asked for. */
  declare limit: number;

  constructor() {
    super();
    this.entries = [];
    this.limit = auditPageSize;
  }

  override async reload(): Promise<void> {
    await this.#load(auditPageSize);
  }

  #load(limit: number): Promise<void> {
    const before = this.entries.length;
    return this.load(
      (api) => api.listAudit(limit),
      (entries) => {
        this.entries = entries;
        this.limit = limit;
        // The Load more button may be gone; the first new row is where reading continues.
        if (limit > auditPageSize && entries.length > before) {
          void this.focusAfterRender(`tr[data-audit-id="${entries[before]!.id}"]`);
        }
      },
    );
  }

  protected override render(): TemplateResult {
    const hasMore = this.entries.length >= this.limit && this.limit < auditMaxEntries;
    return html`
      <h2 id="audit-heading" tabindex="-1">${m.auditHeading}</h2>
      ${this.renderToolbar()}
      ${
        this.entries.length === 0
          ? this.isLoading
            ? nothing
            : html`<p class="empty">${m.auditEmpty}</p>`
          : html`<div class="table-wrap">
            <table aria-labelledby="audit-heading">
              <thead>
                <tr>
                  ${Object.values(m.auditColumns).map((column) => html`<th scope="col">${column}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  this.entries,
                  (entry) => entry.id,
                  (entry) => html`<tr data-audit-id=${entry.id} tabindex="-1">
                    <td><time datetime=${entry.at}>${formatDateTime(entry.at)}</time></td>
                    <td>${entry.actor}</td>
                    <td class="mono nowrap">${entry.action}</td>
                    <td>${entry.site}</td>
                    <td>${renderTarget(entry)}</td>
                    <td>${entry.detail}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
      ${this.renderLoadMore(hasMore ? () => this.#load(Math.min(this.limit + auditPageSize, auditMaxEntries)) : null)}
    `;
  }
}
