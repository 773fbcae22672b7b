import { html, nothing, type TemplateResult } from 'lit';
import { adminMessages as m } from './admin-messages.js';
import { AdminSection } from './admin-section.js';

/** Locks or unlocks one thread of one site: a locked thread shows its comments but takes no new ones. */
export class AdminThreadsSection extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    fieldError: { state: true },
  };

  /** The thread key field's problem, shown under it; '' when none. */
  declare fieldError: string;

  constructor() {
    super();
    this.fieldError = '';
  }

  // Nothing to load: the admin API has no list of threads, only the lock action.
  override async reload(): Promise<void> {}

  async #handleSubmit(event: SubmitEvent): Promise<void> {
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
    await this.runAction(async (api) => {
      const result = await api.lockThread(site, thread, locked);
      this.announce(
        result.locked ? m.locked(result.thread, result.site) : m.unlocked(result.thread, result.site),
      );
    });
  }

  protected override render(): TemplateResult {
    const busy = this.isBusy ? 'true' : 'false';
    return html`
      <h2 id="threads-heading" tabindex="-1">${m.threadsHeading}</h2>
      <form class="stack" aria-labelledby="threads-heading" novalidate @submit=${this.#handleSubmit}>
        <label>
          ${m.siteFilter}
          <select name="site">
            ${this.sites.map((site) => html`<option value=${site.id}>${site.id}</option>`)}
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
      </form>
    `;
  }
}
