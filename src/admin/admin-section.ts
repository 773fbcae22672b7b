import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import { AdminApiError, type AdminApi } from './admin-api.js';
import { AdminNoticeEvent, NoticeKind } from './admin-notice-event.js';
import type { AdminMe } from '../protocol/admin.js';

/** A site the signed-in admin moderates. */
export type AdminSite = AdminMe['sites'][number];

/** How a list's toolbar filters it by site. */
export interface SiteFilter {
  /** The site shown, or '' for all of them. */
  site: string;
  /** Whether "All sites" is a choice. */
  canShowAll: boolean;
  onChange: (event: Event) => void;
}

/**
 * What every section of the admin page shares: the API client, the sites, whether it is the
 * visible tab, and how it reports results.
 *
 * Sections render into their own light DOM, which sits inside `<hearth-admin>`'s shadow root:
 * one stylesheet and one id scope serve the whole page, so labels and `aria-controls` work
 * across sections, and nothing leaks into or out of the page around it.
 */
export abstract class AdminSection extends LitElement {
  static override properties = {
    api: { attribute: false },
    sites: { attribute: false },
    active: { type: Boolean },
    isBusy: { state: true },
    isLoading: { state: true },
  };

  /** The signed-in client; null before sign-in. */
  declare api: AdminApi | null;
  /** The sites from `GET /me`, in configuration order. */
  declare sites: readonly AdminSite[];
  /** True while this section is the selected tab; it (re)loads its data when it becomes so. */
  declare active: boolean;
  /** True while an action started through `runAction` is in flight. */
  declare isBusy: boolean;
  /** True while a load started through `load` is in flight. */
  declare isLoading: boolean;

  /** Increases with every load, so a reply to a superseded load is dropped. */
  #loadGeneration = 0;

  constructor() {
    super();
    this.api = null;
    this.sites = [];
    this.active = false;
    this.isBusy = false;
    this.isLoading = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const becameRelevant = changed.has('active') || changed.has('api') || changed.has('sites');
    if (this.active && this.api && becameRelevant) void this.reload();
  }

  /** Loads the section's data from scratch. */
  abstract reload(): Promise<void>;

  /**
   * Reads the section's data with `read` and hands it to `show`, unless a later load started
   * meanwhile (its reply is dropped, failure included); `isLoading` is true until then.
   */
  protected async load<T>(read: (api: AdminApi) => Promise<T>, show: (value: T) => void): Promise<void> {
    const api = this.api;
    if (!api) return;
    const generation = ++this.#loadGeneration;
    const isCurrent = (): boolean => generation === this.#loadGeneration;
    this.isLoading = true;
    try {
      const value = await read(api);
      if (isCurrent()) show(value);
    } catch (error) {
      if (isCurrent()) this.reportError(error);
    } finally {
      if (isCurrent()) this.isLoading = false;
    }
  }

  /**
   * Runs one action with the section marked busy (its buttons say `aria-disabled`), reporting a
   * failure in the live region. Resolves quietly without running it while another action of
   * this section is still going, or before sign-in.
   */
  protected async runAction(action: (api: AdminApi) => Promise<void>): Promise<void> {
    if (this.isBusy || !this.api) return;
    this.isBusy = true;
    try {
      await action(this.api);
    } catch (error) {
      this.reportError(error);
    } finally {
      this.isBusy = false;
    }
  }

  /** A site select's options, `selected` chosen; "All sites" first when `canShowAll`. */
  protected renderSiteOptions(selected: string, canShowAll: boolean): TemplateResult {
    return html`
      ${canShowAll ? html`<option value="" ?selected=${selected === ''}>${m.allSites}</option>` : nothing}
      ${this.sites.map((site) => html`<option value=${site.id} ?selected=${site.id === selected}>${site.id}</option>`)}
    `;
  }

  /** Above a list: its site filter (when the admin has several sites), Refresh, and whether it is loading. */
  protected renderToolbar(filter?: SiteFilter): TemplateResult {
    return html`
      <div class="toolbar">
        ${
          filter && this.sites.length > 1
            ? html`<label>
              ${m.siteFilter}
              <select @change=${filter.onChange}>${this.renderSiteOptions(filter.site, filter.canShowAll)}</select>
            </label>`
            : nothing
        }
        <button type="button" data-action="refresh" @click=${() => void this.reload()}>${m.refresh}</button>
        ${this.isLoading ? html`<span class="loading">${m.loading}</span>` : nothing}
      </div>
    `;
  }

  /** Below a list with more to show: Load more, which runs `loadMore`; nothing when it is null. */
  protected renderLoadMore(loadMore: (() => Promise<void>) | null): TemplateResult | typeof nothing {
    if (!loadMore) return nothing;
    return html`<button type="button" class="load-more" data-action="load-more" @click=${() => void loadMore()}>
      ${m.loadMore}
    </button>`;
  }

  /** Announces a success in the page's live region. */
  protected announce(message: string): void {
    this.dispatchEvent(new AdminNoticeEvent(NoticeKind.success, message));
  }

  /** Announces a failure with the server's message; a refused token signs the page out. */
  protected reportError(error: unknown): void {
    const apiError =
      error instanceof AdminApiError ? error : new AdminApiError(0, 'unexpected', String(error));
    this.dispatchEvent(new AdminNoticeEvent(NoticeKind.error, apiError.message, apiError));
  }

  /** Moves focus to the first element matching `selector` once the next render is done. */
  protected async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }
}
