import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatDateTime } from './admin-format.js';
import { renderPageLink } from './admin-links.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import type { AdminThread } from '../protocol/admin.js';
import { AdminSection } from './admin-section.js';

/**
 * One site's threads, newest activity first, with their published and held comments, when the
 * newest was written, a link to the page and Lock or Unlock; Load more pages on. Below, a form
 * locks or unlocks any thread by key, one nobody has commented on yet included. A locked thread
 * shows its comments but takes no new ones.
 */
export class AdminThreadsSection extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    site: { state: true },
    threads: { state: true },
    nextBefore: { state: true },
    fieldError: { state: true },
  };

  /** The site whose threads are listed; the first site until the moderator picks another. */
  declare site: string;
  declare threads: AdminThread[];
  /** The `before` of the next page, or null at the end. */
  declare nextBefore: string | null;
  /** The thread key field's problem, shown under it; '' when none. */
  declare fieldError: string;

  constructor() {
    super();
    this.site = '';
    this.threads = [];
    this.nextBefore = null;
    this.fieldError = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sites') && !this.sites.some((site) => site.id === this.site)) {
      this.site = this.sites[0]?.id ?? '';
    }
  }

  override async reload(): Promise<void> {
    await this.#load(undefined);
  }

  async #load(before: string | undefined): Promise<void> {
    if (this.site === '') return;
    await this.load(
      (api) => api.listThreads(this.site, before),
      (page) => {
        if (before === undefined) {
          this.threads = page.threads;
        } else {
          const known = new Set(this.threads.map((thread) => thread.thread));
          const added = page.threads.filter((thread) => !known.has(thread.thread));
          this.threads = [...this.threads, ...added];
          // The Load more button may be gone; the first new row is where reading continues.
          if (added[0]) void this.focusAfterRender(`tr[data-thread="${CSS.escape(added[0].thread)}"]`);
        }
        this.nextBefore = page.nextBefore;
      },
    );
  }

  #handleSiteChange(event: Event): void {
    this.site = (event.target as HTMLSelectElement).value;
    this.threads = [];
    this.nextBefore = null;
    void this.reload();
  }

  /** Locks or unlocks one thread, then shows the new state in its row (or lists it, when new). */
  #setLocked(site: string, thread: string, locked: boolean): Promise<void> {
    return this.runAction(async (api) => {
      const result = await api.lockThread(site, thread, locked);
      this.announce(
        result.locked ? m.locked(result.thread, result.site) : m.unlocked(result.thread, result.site),
      );
      if (result.site !== this.site) return;
      if (this.threads.some((row) => row.thread === result.thread)) {
        this.threads = this.threads.map((row) =>
          row.thread === result.thread ? { ...row, locked: result.locked } : row,
        );
      } else if (result.locked) {
        await this.reload();
      }
    });
  }

  async #handleKeySubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.isBusy || !this.api) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const site = String(data.get('site') ?? '');
    const thread = String(data.get('thread') ?? '').trim();
    // Enter in the text field submits with the first button: Lock.
    const locked = (event.submitter as HTMLButtonElement | null)?.value !== 'unlock';
    if (thread === '') {
      this.fieldError = m.threadKeyMissing;
      await this.focusAfterRender('#thread-key');
      return;
    }
    this.fieldError = '';
    await this.#setLocked(site, thread, locked);
  }

  protected override render(): TemplateResult {
    const busy = this.isBusy ? 'true' : 'false';
    return html`
      <h2 id="threads-heading" tabindex="-1">${m.threadsHeading}</h2>
      ${this.renderToolbar({ site: this.site, canShowAll: false, onChange: (event) => this.#handleSiteChange(event) })}
      ${
        this.threads.length === 0
          ? this.isLoading
            ? nothing
            : html`<p class="empty">${m.threadsEmpty(this.site)}</p>`
          : html`<div class="table-wrap">
            <table aria-labelledby="threads-heading">
              <thead>
                <tr>
                  <th scope="col">${m.threadColumns.thread}</th>
                  <th scope="col" class="numeric">${m.threadColumns.published}</th>
                  <th scope="col" class="numeric">${m.threadColumns.held}</th>
                  <th scope="col">${m.threadColumns.lastActivity}</th>
                  <th scope="col">${m.threadColumns.state}</th>
                  <th scope="col">${m.threadColumns.actions}</th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  this.threads,
                  (row) => row.thread,
                  (row) => this.#renderRow(row, busy),
                )}
              </tbody>
            </table>
          </div>`
      }
      ${this.renderLoadMore(this.nextBefore !== null ? () => this.#load(this.nextBefore ?? undefined) : null)}
      ${this.#renderKeyForm(busy)}
    `;
  }

  #renderRow(row: AdminThread, busy: string): TemplateResult {
    return html`<tr data-thread=${row.thread} data-locked=${row.locked ? 'true' : 'false'} tabindex="-1">
      <th scope="row">
        <bdi class="mono">${row.thread}</bdi>
        ${renderPageLink(row.url, m.openPage, m.openPageLabel(row.thread))}
      </th>
      <td class="numeric">${row.published}</td>
      <td class="numeric">${row.held}</td>
      <td>
        ${
          row.lastActivityAt === null
            ? m.noComments
            : html`<time datetime=${row.lastActivityAt}>${formatDateTime(row.lastActivityAt)}</time>`
        }
      </td>
      <td>${row.locked ? m.threadLocked : m.threadOpen}</td>
      <td>
        <button
          type="button"
          data-action=${row.locked ? 'unlock' : 'lock'}
          aria-label=${row.locked ? m.unlockLabel(row.thread) : m.lockLabel(row.thread)}
          aria-disabled=${busy}
          @click=${() => void this.#setLocked(row.site, row.thread, !row.locked)}
        >
          ${row.locked ? m.unlockRow : m.lockRow}
        </button>
      </td>
    </tr>`;
  }

  #renderKeyForm(busy: string): TemplateResult {
    return html`<form
      class="stack lock-by-key"
      aria-labelledby="lock-by-key-heading"
      novalidate
      @submit=${this.#handleKeySubmit}
    >
      <h3 id="lock-by-key-heading">${m.lockByKeyHeading}</h3>
      <label>
        ${m.siteFilter}
        <select name="site">
          ${this.renderSiteOptions(this.site, false)}
        </select>
      </label>
      <label for="thread-key">${m.threadKey}</label>
      <input
        id="thread-key"
        name="thread"
        type="text"
        required
        autocomplete="off"
        spellcheck="false"
        aria-invalid=${this.fieldError ? 'true' : 'false'}
        aria-describedby="thread-key-hint${this.fieldError ? ' thread-key-error' : ''}"
      />
      <p class="hint" id="thread-key-hint">${m.threadKeyHint}</p>
      ${this.fieldError ? html`<p class="field-error" id="thread-key-error">${this.fieldError}</p>` : nothing}
      <div class="actions">
        <button type="submit" value="lock" aria-disabled=${busy}>${m.lock}</button>
        <button type="submit" value="unlock" aria-disabled=${busy}>${m.unlock}</button>
      </div>
    </form>`;
  }
}
