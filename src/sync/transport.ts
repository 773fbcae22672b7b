import { createModuleLoader } from '../internal/lazy-module.js';
import { buildCommentsUrl } from './api-urls.js';
import type { ChangesPage } from './read-changes.js';
import type { SyncStatus } from './sync-status.js';
import { warnInDev } from '../internal/dev-warning.js';

/** The server could not be reached, answered 5xx, or answered something unreadable. */
export interface UnreachableResult {
  kind: 'unreachable';
}

/**
 * The endpoint can never serve this page as it stands: its owner must fix the server's
 * configuration or the endpoint. The kind is the thread's SyncStatus, as `unreachable`'s is.
 */
export interface UnavailableResult {
  kind: typeof SyncStatus.refused | typeof SyncStatus.notHearth;
}

export type FetchChangesResult =
  | { kind: 'changes'; page: ChangesPage; etag: string | null }
  | { kind: 'not-modified' }
  | UnreachableResult
  | UnavailableResult;

/** The result of any request that failed to reach the server or got an unusable answer. */
export const unreachable: UnreachableResult = { kind: 'unreachable' };

/**
 * Loads what reads a page of changes: one chunk holding the schemas (zod) and the plain-body
 * check beside the reader (vite.config.ts groups them), so it costs one request rather than a
 * wave of chunks and then another of their imports (a profile showed the second wave, about
 * 80 ms, finishing after a first visit's page had arrived). The markdown parser is not in it:
 * read-changes fetches it only for a page that holds markdown. Call it early: a first visit's
 * page must not wait for it.
 */
const loadChangesReader = createModuleLoader(() => import('./read-changes.js'));

/** fetch() without cookies, resolving null instead of throwing when the network fails. */
export async function request(url: string, init: RequestInit): Promise<Response | null> {
  try {
    // Looked up at call time so a page (or a test) may wrap window.fetch after load.
    return await globalThis.fetch(url, { ...init, credentials: 'omit', mode: 'cors' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return null;
  }
}

/** The response's JSON body, or undefined when it has none. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Fetches one page of a thread's changes after `since`; `etag` makes an unchanged thread a 304,
 * and `limit` asks for pages of up to that many comments.
 */
export async function fetchChanges(
  endpoint: string,
  thread: string,
  since: string | null,
  etag: string | null,
  signal?: AbortSignal,
  limit?: number,
): Promise<FetchChangesResult> {
  // Requested with the page at the latest, not after it: a failed load counts as an unreadable answer.
  const reader = loadChangesReader().catch(
    (error) => (warnInDev('changes reader did not load', error), null),
  );
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (etag) headers['If-None-Match'] = etag;
  // no-store: the HTTP cache must neither answer nor revalidate on its own, or a 304 to our
  // If-None-Match could reach this code as the cached 200 instead.
  const url = buildCommentsUrl(endpoint, thread, since, limit);
  const response = await request(url, { headers, signal, cache: 'no-store' });
  if (!response) return unreachable;
  const { status } = response;
  if (status === 304) return { kind: 'not-modified' };
  // A server in trouble, or a proxy in front of one: it may answer next time.
  if (status >= 500 || status === 429) return unreachable;
  const [json, module] = await Promise.all([readJson(response), reader]);
  const page = response.ok ? await module?.readChangesPage(json) : null;
  if (page) return { kind: 'changes', page, etag: response.headers.get('ETag') };
  if (!module) return unreachable;
  // Rare: loaded only for an answer that is neither a page of changes nor a server in trouble.
  return import('./endpoint-problem.js').then(
    ({ judgeAnswer }) => ({ kind: judgeAnswer(url, response, json) }),
    () => unreachable,
  );
}
