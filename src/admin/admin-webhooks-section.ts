import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatDateTime } from './admin-format.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import type { WebhookDelivery } from '../protocol/admin.js';
import { AdminSection } from './admin-section.js';

/**
 * The latest webhook deliveries of one site or all, newest first: which event went to which
 * endpoint, whether it arrived, how many attempts it took, why the last one failed, and when
 * the next try is due. Read only: the server retries by itself.
 */
export class AdminWebhooksSection extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    site: { state: true },
    deliveries: { state: true },
  };

  /** The site whose deliveries are shown, or '' for every site. */
  declare site: string;
  declare deliveries: WebhookDelivery[];

  constructor() {
    super();
    this.site = '';
    this.deliveries = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sites') && this.site !== '' && !this.sites.some((site) => site.id === this.site)) {
      this.site = '';
    }
  }

  override reload(): Promise<void> {
    return this.load(
      (api) => api.listWebhookDeliveries(this.site || undefined),
      (deliveries) => (this.deliveries = deliveries),
    );
  }

  #handleSiteChange(event: Event): void {
    this.site = (event.target as HTMLSelectElement).value;
    this.deliveries = [];
    void this.reload();
  }

  protected override render(): TemplateResult {
    const columns = m.webhookColumns;
    return html`
      <h2 id="webhooks-heading" tabindex="-1">${m.webhooksHeading}</h2>
      ${this.renderToolbar({ site: this.site, canShowAll: true, onChange: (event) => this.#handleSiteChange(event) })}
      ${
        this.deliveries.length === 0
          ? this.isLoading
            ? nothing
            : html`<p class="empty">${m.webhooksEmpty}</p>`
          : html`<div class="table-wrap">
            <table aria-labelledby="webhooks-heading">
              <thead>
                <tr>
                  <th scope="col">${columns.createdAt}</th>
                  ${this.sites.length > 1 ? html`<th scope="col">${columns.site}</th>` : nothing}
                  <th scope="col">${columns.type}</th>
                  <th scope="col">${columns.url}</th>
                  <th scope="col">${columns.state}</th>
                  <th scope="col" class="numeric">${columns.attempts}</th>
                  <th scope="col">${columns.lastError}</th>
                  <th scope="col">${columns.when}</th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  this.deliveries,
                  (delivery) => delivery.id,
                  (delivery) => this.#renderRow(delivery),
                )}
              </tbody>
            </table>
          </div>`
      }
    `;
  }

  #renderRow(delivery: WebhookDelivery): TemplateResult {
    const states: Record<string, string> = m.webhookStates;
    const when = delivery.finishedAt ?? delivery.nextAttemptAt;
    return html`<tr data-delivery-id=${delivery.id} data-state=${delivery.state}>
      <td><time datetime=${delivery.createdAt}>${formatDateTime(delivery.createdAt)}</time></td>
      ${this.sites.length > 1 ? html`<td>${delivery.site}</td>` : nothing}
      <td class="mono nowrap">${delivery.type}</td>
      <td class="mono">${delivery.url}</td>
      <td class="state" data-state=${delivery.state}>
        ${Object.hasOwn(states, delivery.state) ? states[delivery.state] : delivery.state}
      </td>
      <td class="numeric">${delivery.attempts}</td>
      <td><bdi>${delivery.lastError ?? ''}</bdi></td>
      <td>${when ? html`<time datetime=${when}>${formatDateTime(when)}</time>` : nothing}</td>
    </tr>`;
  }
}
