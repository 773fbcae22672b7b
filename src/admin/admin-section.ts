import { LitElement, type PropertyValues } from 'lit';
import { AdminApiError, type AdminApi } from './admin-api.js';
import { AdminNoticeEvent, NoticeKind } from './admin-notice-event.js';
import type { AdminMe } from '../protocol/admin.js';

/** A site the signed-in admin moderates. */
export type AdminSite = AdminMe['sites'][number];

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
  };

  /** The signed-in client; null before sign-in. */
  declare api: AdminApi | null;
  /** The sites from `GET /me`, in configuration order. */
  declare sites: readonly AdminSite[];
  /** True while this section is the selected tab; it (re)loads its data when it becomes so. */
  declare active: boolean;
  /** True while an action started through `runAction` is in flight. */
  declare isBusy: boolean;

  /** Increases with every load, so a reply to a superseded load is dropped. */
  #loadGeneration = 0;

  constructor() {
    super();
    this.api = null;
    this.sites = [];
    this.active = false;
    this.isBusy = false;
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

  /** A token for a load about to start; pass it to `isCurrentLoad` when the reply arrives. */
  protected startLoad(): number {
    this.#loadGeneration += 1;
    return this.#loadGeneration;
  }

  /** Whether the load that got `generation` is still the latest one. */
  protected isCurrentLoad(generation: number): boolean {
    return generation === this.#loadGeneration;
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
