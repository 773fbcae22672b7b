import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { AdminApi, AdminApiError } from './admin-api.js';
import { adminMessages as m } from './admin-messages.js';
import { AdminNoticeEvent, NoticeKind } from './admin-notice-event.js';
import type { AdminMe } from './admin-schemas.js';
import { clearSessionToken, readSessionToken, saveSessionToken } from './admin-session.js';
import { hearthAdminStyles } from './hearth-admin.styles.js';

/** Where the page is: checking a remembered token, asking for one, or signed in. */
const Phase = { checking: 'checking', signedOut: 'signed-out', signedIn: 'signed-in' } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** The sections, in tab order. */
const tabs = ['held', 'edits', 'recent', 'threads', 'bans', 'audit'] as const;
type Tab = (typeof tabs)[number];

/**
 * The moderation page: sign in with an admin token, then work through the held queue, the held
 * edits, recent comments, thread locks, bans and the audit log. Talks only to its own origin's admin API
 * (`/api/v1/admin`); the token stays in this tab's sessionStorage.
 *
 * @summary Hearth's moderation page.
 *
 * @csspart notice - The live region announcing each action's success or the server's error; carries `data-kind` (`success` or `error`).
 */
export class HearthAdmin extends LitElement {
  static override styles = hearthAdminStyles;

  static override properties = {
    endpoint: {},
    phase: { state: true },
    me: { state: true },
    api: { state: true },
    tab: { state: true },
    signInError: { state: true },
    isSigningIn: { state: true },
    notice: { state: true },
  };

  /** Base URL of the Hearth server; default: this page's origin. */
  declare endpoint: string;
  declare phase: Phase;
  declare me: AdminMe | null;
  declare api: AdminApi | null;
  declare tab: Tab;
  declare signInError: string;
  declare isSigningIn: boolean;
  declare notice: { kind: NoticeKind | ''; text: string; id: number };

  constructor() {
    super();
    this.endpoint = '';
    this.phase = Phase.signedOut;
    this.me = null;
    this.api = null;
    this.tab = 'held';
    this.signInError = '';
    this.isSigningIn = false;
    this.notice = { kind: '', text: '', id: 0 };
    this.addEventListener(AdminNoticeEvent.eventName, (event) => this.#handleNotice(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const token = readSessionToken();
    if (token && this.phase === Phase.signedOut) void this.#resume(token);
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
    this.api = null;
    this.me = null;
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
            ${m.tabs[tab]}
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
    `;
  }
}
