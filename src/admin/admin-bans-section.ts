import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatDateTime } from './admin-format.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import { BanKind, type Ban } from '../protocol/admin.js';
import { AdminSection } from './admin-section.js';

/** The bans of one site or all, with Remove, and a form to ban a user id, email or network by hand. */
export class AdminBansSection extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    site: { state: true },
    bans: { state: true },
    fieldError: { state: true },
  };

  /** The site whose bans are shown, or '' for every site. */
  declare site: string;
  declare bans: Ban[];
  declare fieldError: string;

  constructor() {
    super();
    this.site = '';
    this.bans = [];
    this.fieldError = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sites') && this.site !== '' && !this.sites.some((site) => site.id === this.site)) {
      this.site = '';
    }
  }

  override reload(): Promise<void> {
    return this.load(
      (api) => api.listBans(this.site || undefined),
      (bans) => (this.bans = bans),
    );
  }

  #handleSiteChange(event: Event): void {
    this.site = (event.target as HTMLSelectElement).value;
    this.bans = [];
    void this.reload();
  }

  #remove(ban: Ban): Promise<void> {
    return this.runAction(async (api) => {
      await api.removeBan(ban.id);
      const index = this.bans.findIndex((b) => b.id === ban.id);
      this.bans = this.bans.filter((b) => b.id !== ban.id);
      this.announce(m.banRemoved(m.banKinds[ban.kind], ban.value));
      const neighbour = this.bans[index] ?? this.bans[index - 1];
      await this.focusAfterRender(neighbour ? `button[data-ban-id="${neighbour.id}"]` : '#bans-heading');
    });
  }

  async #handleAdd(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.isBusy || !this.api) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const site = String(data.get('site') ?? '');
    const kind = String(data.get('kind')) as BanKind;
    const value = String(data.get('value') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    if (value === '') {
      this.fieldError = m.banValueMissing;
      await this.focusAfterRender('#ban-value');
      return;
    }
    this.fieldError = '';
    await this.runAction(async (api) => {
      const ban = await api.addBan({ site, kind, value, ...(reason ? { reason } : {}) });
      if (this.site === '' || ban.site === this.site)
        this.bans = [ban, ...this.bans.filter((b) => b.id !== ban.id)];
      this.announce(m.bannedValue(m.banKinds[ban.kind], ban.value, ban.site));
      form.reset();
    });
  }

  protected override render(): TemplateResult {
    const busy = this.isBusy ? 'true' : 'false';
    return html`
      <h2 id="bans-heading" tabindex="-1">${m.bansHeading}</h2>
      ${this.renderToolbar({ site: this.site, canShowAll: true, onChange: (event) => this.#handleSiteChange(event) })}
      ${
        this.bans.length === 0
          ? this.isLoading
            ? nothing
            : html`<p class="empty">${this.site ? m.bansEmpty(this.site) : m.bansEmptyAll}</p>`
          : html`<div class="table-wrap">
            <table aria-labelledby="bans-heading">
              <thead>
                <tr>
                  ${Object.values(m.banColumns).map((column) => html`<th scope="col">${column}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  this.bans,
                  (ban) => ban.id,
                  (ban) => html`<tr data-ban-id=${ban.id}>
                    <td>${ban.site}</td>
                    <td>${m.banKinds[ban.kind]}</td>
                    <td class="mono">${ban.value}</td>
                    <td>${ban.reason}</td>
                    <td><time datetime=${ban.createdAt}>${formatDateTime(ban.createdAt)}</time></td>
                    <td>${ban.createdBy}</td>
                    <td>
                      <button
                        type="button"
                        data-ban-id=${ban.id}
                        aria-label=${m.removeBanLabel(m.banKinds[ban.kind], ban.value)}
                        aria-disabled=${busy}
                        @click=${() => void this.#remove(ban)}
                      >
                        ${m.removeBan}
                      </button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
      <form class="stack add-ban" aria-labelledby="add-ban-heading" novalidate @submit=${this.#handleAdd}>
        <h3 id="add-ban-heading">${m.addBan}</h3>
        <label>
          ${m.siteFilter}
          <select name="site">
            ${this.renderSiteOptions(this.site, false)}
          </select>
        </label>
        <label>
          ${m.banBy}
          <select name="kind">
            ${Object.values(BanKind).map((kind) => html`<option value=${kind}>${m.banKinds[kind]}</option>`)}
          </select>
        </label>
        <label for="ban-value">${m.banValue}</label>
        <input
          id="ban-value"
          name="value"
          type="text"
          required
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${this.fieldError ? 'true' : 'false'}
          aria-describedby=${this.fieldError ? 'ban-value-error' : nothing}
        />
        ${this.fieldError ? html`<p class="field-error" id="ban-value-error">${this.fieldError}</p>` : nothing}
        <label>
          ${m.banReason}
          <input name="reason" type="text" maxlength="500" autocomplete="off" />
        </label>
        <div class="actions">
          <button type="submit" aria-disabled=${busy}>${m.banSubmit}</button>
        </div>
      </form>
    `;
  }
}
