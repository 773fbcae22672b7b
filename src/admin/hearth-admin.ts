import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { AdminApi, AdminApiError } from './admin-api.js';
import { adminMessages as m } from '../i18n/messages/admin-messages.js';
import { AdminNoticeEvent, NoticeKind } from './admin-notice-event.js';
import { AdminQueueChangeEvent } from './admin-queue-event.js';
import type { AdminMe, QueueCount } from '../protocol/admin.js';
import { clearSessionToken, readSessionToken, saveSessionToken } from './admin-session.js';
import { hearthAdminStyles } from './hearth-admin.styles.js';

/** Where the page is: checking a remembered token, asking for one, or signed in. */
const Phase = { checking: 'checking', signedOut: 'signed-out', signedIn: 'signed-in' } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** The sections, in tab order. */
const tabs = ['held', 'edits', 'recent', 'threads', 'bans', 'audit', 'webhooks', 'export'] as const;
type Tab = (typeof tabs)[number];

/**
 * The moderation page: sign in with an admin token, then work through the held queue, the held
 * edits, recent comments, threads and their locks, bans, the audit log and webhook deliveries,
 * or download a site's export.
 * Talks only to its own origin's admin API (`/api/v1/admin`); the token stays in this tab's
 * sessionStorage.
 *
 * While signed in it counts what waits for a moderator (`GET queue`) after every approval or
 * rejection and every `refreshSeconds`, shows the counts on the Held and Edits tabs, and puts
 * their sum before the document's title: `(3) Hearth moderation`.
 *
 * @summary Hearth's moderation page.
 *
 * @csspart notice - The live region announcing each action's success or the server's error; carries `data-kind` (`success` or `error`).
 */
export class HearthAdmin extends LitElement {
  static override styles = hearthAdminStyles;

  static override properties = {
    endpoint: {},
    refreshSeconds: { type: Number, attribute: 'refresh-seconds' },
    phase: { state: true },
    queue: { state: true },
    me: { state: true },
    api: { state: true },
    tab: { state: true },
    signInError: { state: true },
    isSigningIn: { state: true },
    notice: { state: true },
  };

  /** Base URL of the Hearth server; default: this page's origin. */
  declare endpoint: string;
  /** How often the held and edit counts are asked for again while signed in, in seconds; default 60. */
  declare refreshSeconds: number;
  declare phase: Phase;
  /** What waits for a moderator, as last counted; null before the first count. */
  declare queue: QueueCount | null;
  declare me: AdminMe | null;
  declare api: AdminApi | null;
  declare tab: Tab;
  declare signInError: string;
  declare isSigningIn: boolean;
  declare notice: { kind: NoticeKind | ''; text: string; id: number };

  constructor() {
    super();
    this.endpoint = '';
    this.refreshSeconds = 60;
    this.phase = Phase.signedOut;
    this.queue = null;
    this.me = null;
    this.api = null;
    this.tab = 'held';
    this.signInError = '';
    this.isSigningIn = false;
    this.notice = { kind: '', text: '', id: 0 };
    this.addEventListener(AdminNoticeEvent.eventName, (event) => this.#handleNotice(event));
    this.addEventListener(AdminQueueChangeEvent.eventName, (event) => {
      event.stopPropagation();
      void this.#countQueue();
    });
  }

  /** The document's title without a count, as the page set it. */
  #baseTitle = '';
  #refreshTimer: ReturnType<typeof setInterval> | undefined;
  /** Increases with every count asked for, so an older answer arriving late is dropped. */
  #countGeneration = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#baseTitle = document.title.replace(/^\(\d+\) /, '');
    const token = readSessionToken();
    if (token && this.phase === Phase.signedOut) void this.#resume(token);
    if (this.phase === Phase.signedIn) this.#startRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopRefresh();
    document.title = this.#baseTitle;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('queue') || changed.has('phase')) {
      const waiting =
        this.phase === Phase.signedIn && this.queue ? this.queue.held + this.queue.pendingEdits : 0;
      document.title = waiting > 0 ? m.titleWithCount(waiting, this.#baseTitle) : this.#baseTitle;
    }
    if (changed.has('refreshSeconds') && this.#refreshTimer !== undefined) this.#startRefresh();
  }

  /** Counts the queue now and then every `refreshSeconds`, replacing an earlier schedule. */
  #startRefresh(): void {
    this.#stopRefresh();
    void this.#countQueue();
    const seconds =
      Number.isFinite(this.refreshSeconds) && this.refreshSeconds > 0 ? this.refreshSeconds : 60;
    this.#refreshTimer = setInterval(() => void this.#countQueue(), seconds * 1000);
  }

  #stopRefresh(): void {
    clearInterval(this.#refreshTimer);
    this.#refreshTimer = undefined;
  }

  /**
   * Asks how much waits. Quiet on failure (a count every minute must not fill the live region
   * while offline), except that a refused token signs the page out, as anywhere else.
   */
  async #countQueue(): Promise<void> {
    const api = this.api;
    if (!api || this.phase !== Phase.signedIn) return;
    const generation = ++this.#countGeneration;
    try {
      const queue = await api.queueCount();
      if (generation === this.#countGeneration && this.api === api) this.queue = queue;
    } catch (error) {
      if (error instanceof AdminApiError && error.isUnauthorized && this.api === api) {
        void this.#signOut(m.sessionEnded, NoticeKind.error);
      }
    }
  }

  #createApi(token: string): AdminApi {
    return new AdminApi(this.endpoint || '/', token);
  }

  /** Signs in again with the token this tab remembered, quietly unless it is refused. */
  async #resume(token: string): Promise<void> {
    this.phase = Phase.checking;
    const api = this.#createApi(token);
    try {
      this.#enter(api, await api.me());
    } catch (error) {
      const isRefused = error instanceof AdminApiError && error.isUnauthorized;
      // A refused token is forgotten; one the server could not check (offline) is kept for a reload.
      if (isRefused) clearSessionToken();
      this.phase = Phase.signedOut;
      this.#announce(NoticeKind.error, isRefused ? m.sessionEnded : (error as Error).message);
    }
  }

  #enter(api: AdminApi, me: AdminMe): void {
    this.api = api;
    this.me = me;
    this.phase = Phase.signedIn;
    this.signInError = '';
    this.#startRefresh();
  }

  async #handleSignIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.isSigningIn) return;
    const field = this.renderRoot.querySelector<HTMLInputElement>('#token')!;
    const token = field.value.trim();
    if (token === '') {
      this.#failSignIn(m.tokenMissing);
      return;
    }
    this.isSigningIn = true;
    const api = this.#createApi(token);
    try {
      const me = await api.me();
      saveSessionToken(token);
      this.#enter(api, me);
      this.#announce(NoticeKind.success, m.signedIn(me.name));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus();
    } catch (error) {
      this.#failSignIn(error instanceof AdminApiError ? error.message : String(error));
    } finally {
      this.isSigningIn = false;
    }
  }

  #failSignIn(message: string): void {
    this.signInError = message;
    this.#announce(NoticeKind.error, message);
    void this.updateComplete.then(() => {
      const field = this.renderRoot.querySelector<HTMLInputElement>('#token');
      field?.focus();
      field?.select();
    });
  }

  async #signOut(message: string, kind: NoticeKind = NoticeKind.success): Promise<void> {
    clearSessionToken();
    this.#stopRefresh();
    this.api = null;
    this.me = null;
    this.queue = null;
    this.phase = Phase.signedOut;
    this.tab = 'held';
    this.#announce(kind, message);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#token')?.focus();
  }

  #handleNotice(event: AdminNoticeEvent): void {
    event.stopPropagation();
    if (event.error?.isUnauthorized) {
      void this.#signOut(m.sessionEnded, NoticeKind.error);
      return;
    }
    this.#announce(event.kind, event.message);
  }

  #announce(kind: NoticeKind, text: string): void {
    // A new id re-creates the text node, so the same message twice is announced twice.
    this.notice = { kind, text, id: this.notice.id + 1 };
  }

  #select(tab: Tab, focus: boolean): void {
    this.tab = tab;
    if (focus)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  /** Arrow keys, Home and End move between tabs and select them (the WAI-ARIA tabs pattern). */
  #handleTabKey(event: KeyboardEvent): void {
    const index = tabs.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    this.#select(next, true);
  }

  protected override render(): TemplateResult {
    return html`
      <header class="bar">
        <h1>${m.title}</h1>
        ${
          this.phase === Phase.signedIn && this.me
            ? html`<p class="who">${m.signedInAs(this.me.name)}</p>
              <button type="button" data-action="sign-out" @click=${() => void this.#signOut(m.signedOut)}>
                ${m.signOut}
              </button>`
            : nothing
        }
      </header>
      <p class="notice" part="notice" role="status" aria-atomic="true" data-kind=${this.notice.kind}>
        ${keyed(this.notice.id, html`<span>${this.notice.text}</span>`)}
      </p>
      ${
        this.phase === Phase.signedIn
          ? this.#renderSections()
          : this.phase === Phase.checking
            ? html`<p class="loading">${m.signingIn}</p>`
            : this.#renderSignIn()
      }
    `;
  }

  #renderSignIn(): TemplateResult {
    const describedBy = this.signInError ? 'token-hint token-error' : 'token-hint';
    return html`<form class="sign-in stack" novalidate aria-labelledby="sign-in-heading" @submit=${this.#handleSignIn}>
      <h2 id="sign-in-heading">${m.signIn}</h2>
      <label for="token">${m.tokenLabel}</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="off"
        spellcheck="false"
        required
        aria-invalid=${this.signInError ? 'true' : 'false'}
        aria-describedby=${describedBy}
      />
      <p class="hint" id="token-hint">${m.tokenHint}</p>
      ${this.signInError ? html`<p class="field-error" id="token-error">${this.signInError}</p>` : nothing}
      <div class="actions">
        <button type="submit" aria-disabled=${this.isSigningIn ? 'true' : 'false'}>
          ${this.isSigningIn ? m.signingIn : m.signIn}
        </button>
      </div>
    </form>`;
  }

  #renderSections(): TemplateResult {
    const sites = this.me?.sites ?? [];
    const panel = (tab: Tab) => ({ id: `panel-${tab}`, labelledBy: `tab-${tab}`, active: this.tab === tab });
    const held = panel('held');
    const edits = panel('edits');
    const recent = panel('recent');
    const threads = panel('threads');
    const bans = panel('bans');
    const audit = panel('audit');
    const webhooks = panel('webhooks');
    const exportPanel = panel('export');
    return html`
      <div class="tabs" role="tablist" aria-label=${m.sections} @keydown=${this.#handleTabKey}>
        ${tabs.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id="tab-${tab}"
            aria-controls="panel-${tab}"
            aria-selected=${this.tab === tab ? 'true' : 'false'}
            tabindex=${this.tab === tab ? '0' : '-1'}
            @click=${() => this.#select(tab, false)}
          >
            ${m.tabs[tab]}${this.#renderCount(tab)}
          </button>`,
        )}
      </div>
      <hearth-admin-comments
        id=${held.id}
        role="tabpanel"
        aria-labelledby=${held.labelledBy}
        status="held"
        .api=${this.api}
        .sites=${sites}
        ?active=${held.active}
        ?hidden=${!held.active}
      ></hearth-admin-comments>
      <hearth-admin-comments
        id=${edits.id}
        role="tabpanel"
        aria-labelledby=${edits.labelledBy}
        status="edits"
        .api=${this.api}
        .sites=${sites}
        ?active=${edits.active}
        ?hidden=${!edits.active}
      ></hearth-admin-comments>
      <hearth-admin-comments
        id=${recent.id}
        role="tabpanel"
        aria-labelledby=${recent.labelledBy}
        status="published"
        .api=${this.api}
        .sites=${sites}
        ?active=${recent.active}
        ?hidden=${!recent.active}
      ></hearth-admin-comments>
      <hearth-admin-threads
        id=${threads.id}
        role="tabpanel"
        aria-labelledby=${threads.labelledBy}
        .api=${this.api}
        .sites=${sites}
        ?active=${threads.active}
        ?hidden=${!threads.active}
      ></hearth-admin-threads>
      <hearth-admin-bans
        id=${bans.id}
        role="tabpanel"
        aria-labelledby=${bans.labelledBy}
        .api=${this.api}
        .sites=${sites}
        ?active=${bans.active}
        ?hidden=${!bans.active}
      ></hearth-admin-bans>
      <hearth-admin-audit
        id=${audit.id}
        role="tabpanel"
        aria-labelledby=${audit.labelledBy}
        .api=${this.api}
        .sites=${sites}
        ?active=${audit.active}
        ?hidden=${!audit.active}
      ></hearth-admin-audit>
      <hearth-admin-webhooks
        id=${webhooks.id}
        role="tabpanel"
        aria-labelledby=${webhooks.labelledBy}
        .api=${this.api}
        .sites=${sites}
        ?active=${webhooks.active}
        ?hidden=${!webhooks.active}
      ></hearth-admin-webhooks>
      <hearth-admin-export
        id=${exportPanel.id}
        role="tabpanel"
        aria-labelledby=${exportPanel.labelledBy}
        .api=${this.api}
        .sites=${sites}
        ?active=${exportPanel.active}
        ?hidden=${!exportPanel.active}
      ></hearth-admin-export>
    `;
  }

  /** The Held and Edits tabs' badges: how many wait, spoken after the tab's name. */
  #renderCount(tab: Tab): TemplateResult | typeof nothing {
    const count = tab === 'held' ? this.queue?.held : tab === 'edits' ? this.queue?.pendingEdits : undefined;
    if (!count) return nothing;
    return html` <span class="count" aria-hidden="true">${count}</span
      ><span class="visually-hidden">${m.waiting(count)}</span>`;
  }
}
