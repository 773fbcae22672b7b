import { html, type PropertyValues, type TemplateResult } from 'lit';
import { saveFile } from './admin-download.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import { AdminSection } from './admin-section.js';

/**
 * Export site: downloads one site's export (docs/export-format.md) through the admin API, the
 * same file as `hearth export`, with the private fields when the moderator ticks the box.
 */
export class AdminExportSection extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    site: { state: true },
  };

  /** The site to export; the first site until the moderator picks another. */
  declare site: string;

  constructor() {
    super();
    this.site = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sites') && !this.sites.some((site) => site.id === this.site)) {
      this.site = this.sites[0]?.id ?? '';
    }
  }

  /** Nothing to load: the section is a form. */
  override async reload(): Promise<void> {}

  async #handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const site = this.site;
    const includePrivate = new FormData(event.currentTarget as HTMLFormElement).get('private') !== null;
    await this.runAction(async (api) => {
      const { blob, fileName } = await api.exportSite(site, includePrivate);
      saveFile(this, blob, fileName);
      this.announce(m.exported(fileName));
    });
  }

  protected override render(): TemplateResult {
    return html`
      <h2 id="export-heading" tabindex="-1">${m.exportHeading}</h2>
      <form class="stack" aria-labelledby="export-heading" novalidate @submit=${this.#handleSubmit}>
        <p class="hint" id="export-intro">${m.exportIntro}</p>
        ${
          this.sites.length > 1
            ? html`<label>
              ${m.siteFilter}
              <select @change=${(event: Event) => (this.site = (event.target as HTMLSelectElement).value)}>
                ${this.renderSiteOptions(this.site, false)}
              </select>
            </label>`
            : html`<p>${m.siteFilter}: <bdi class="mono">${this.site}</bdi></p>`
        }
        <label class="check">
          <input type="checkbox" name="private" aria-describedby="export-private-hint" />
          ${m.includePrivate}
        </label>
        <p class="hint" id="export-private-hint">${m.includePrivateHint}</p>
        <div class="actions">
          <button type="submit" data-action="export" aria-disabled=${this.isBusy ? 'true' : 'false'} aria-describedby="export-intro">
            ${this.isBusy ? m.exporting : m.exportSubmit}
          </button>
        </div>
      </form>
    `;
  }
}
