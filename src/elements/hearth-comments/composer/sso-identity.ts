import { composerMessages } from '../../../i18n/messages/composer-messages.js';
import { readSsoClaims } from '../../../internal/jwt-claims.js';
import { limits } from '../../../protocol/limits.js';
import { toOneLineName } from '../../../protocol/text-rules.js';
import { fetchMine } from '../../../sync/fetch-mine.js';
import { rememberServerVotes } from '../../../sync/server-votes.js';
import type { WriteTarget } from '../../../sync/thread-sync.js';
import { warnInDev } from '../../../internal/dev-warning.js';

/** What the identity tells the element it belongs to. */
export interface SsoIdentityHost {
  /** The reader's comments (or their name) changed: render again. */
  changed(): void;
  /** The server said the token has expired: ask the page for a fresh one. */
  expired(): void;
}

/**
 * The reader's SSO identity as the page gave it: the token writes are sent with, the name to
 * show (read from the token for display only; the server verifies it), and which comments of
 * the shown thread the server says are theirs (`GET …/comments/mine`), held in memory and
 * fetched again when the token or the thread changes. The votes that answer lists are stored
 * as the reader's, so votes cast on another device show pressed here too.
 */
export class SsoIdentity {
  #host: SsoIdentityHost;
  #token: string | null = null;
  #name = '';
  #mine = new Set<string>();
  /** The [endpoint, thread, token] `#mine` was fetched for. */
  #mineKey = '';
  #abort: AbortController | null = null;

  constructor(host: SsoIdentityHost) {
    this.#host = host;
  }

  /** The SSO token, or null for a guest. */
  get token(): string | null {
    return this.#token;
  }

  /** The signed-in reader's display name, one line, at most the protocol's length. */
  get name(): string {
    return this.#name;
  }

  /** Takes the page's token (null signs out); returns whether it changed. */
  set(token: string | null): boolean {
    const next = token || null;
    if (next === this.#token) return false;
    this.#token = next;
    const name = next ? (readSsoClaims(next)?.name ?? '') : '';
    this.#name = toOneLineName(name, limits.authorNameMaxChars) || composerMessages.signedInFallbackName;
    return true;
  }

  /** Whether the server listed the comment as the signed-in reader's. */
  isMine(id: string): boolean {
    return this.#token !== null && this.#mine.has(id);
  }

  /** Counts a comment as the reader's, as when their own signed-in post was stored. */
  addMine(id: string): void {
    if (this.#token !== null) this.#mine.add(id);
  }

  /** Fetches the reader's comments of the shown thread, unless known for this token and thread. */
  refresh(target: WriteTarget | null): void {
    const token = this.#token;
    const key = token && target ? JSON.stringify([target.endpoint, target.thread, token]) : '';
    if (key === this.#mineKey) return;
    this.#mineKey = key;
    this.#abort?.abort();
    this.#mine = new Set();
    if (!token || !target) return;
    const abort = (this.#abort = new AbortController());
    fetchMine(target.endpoint, target.thread, token, abort.signal).then(
      (result) => {
        if (abort.signal.aborted) return;
        if (result.kind === 'expired') {
          // Asked again once the page hands over another token.
          this.#mineKey = '';
          this.#host.expired();
        } else if (result.kind === 'ids') {
          for (const id of result.ids) this.#mine.add(id);
          this.#host.changed();
          void rememberServerVotes(target, result.votedIds);
        }
      },
      (error) => void warnInDev('own comments not read', error),
    );
  }
}
