import { chromium } from 'playwright-core';
import type { Browser, Page, Request } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/find-chromium.mjs';
import type { ChangesResponse, Comment } from '../src/protocol/index.js';
import { adminHeaders, startServer } from '../test/e2e/helpers/server.js';
import type { HearthServer } from '../test/e2e/helpers/server.js';

// Shared by the benchmarks that drive the real server (server/src/main.ts on a temporary SQLite
// database, spawned by the end-to-end helper) and the built widget it serves on its demo page.

/** The thread of the demo page's `<hearth-comments thread="/posts/small-communities">`. */
export const demoThread = '/posts/small-communities';

export interface LiveHearth {
  server: HearthServer;
  browser: Browser;
  browserVersion: string;
}

/**
 * The demo site as the benchmarks' server runs it: the per-IP and per-thread rate limits (5 and
 * 30 posts a minute by default) lifted, since one browser posts 100 comments from one address;
 * proof of work and the minimum compose time stay at their defaults, so a replay pays for them.
 */
export const benchSite = {
  limits: { postsPerMinutePerIp: 100_000, postsPerHourPerIp: 100_000, postsPerMinutePerThread: 100_000 },
} as const;

/**
 * Starts a server on a fresh database with `site` as its demo site's settings (default
 * `benchSite`) and Chromium, runs `body`, then closes the browser and stops the server (which
 * removes its data directory), whether `body` succeeded or not.
 */
export async function withLiveHearth<T>(
  body: (live: LiveHearth) => Promise<T>,
  site: Record<string, unknown> = benchSite,
): Promise<T> {
  const server = await startServer({ site });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
    return await body({ server, browser, browserVersion: browser.version() });
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

/** The API URL of a thread's comments collection on `server`. */
export function commentsUrl(server: HearthServer, thread: string): string {
  return new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments`, server.url).href;
}

export interface NewCommentBody {
  id: string;
  authorName: string;
  body: string;
  parentId?: string | null;
}

/**
 * POSTs one comment through the API as the server's admin and returns the stored comment. Seeding
 * is an import, not a reader: the admin token skips proof of work, the compose time and the rate
 * limits (and moderation holds), which the widget under measurement still meets.
 */
export async function postComment(
  server: HearthServer,
  thread: string,
  input: NewCommentBody,
): Promise<Comment> {
  const response = await fetch(commentsUrl(server, thread), {
    method: 'POST',
    headers: { ...adminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`POST comment answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as Comment;
}

/**
 * POSTs `inputs` with up to `concurrency` requests in flight. A reply is sent only once its
 * parent has been stored, so inputs must list parents before their replies.
 */
export async function postComments(
  server: HearthServer,
  thread: string,
  inputs: readonly NewCommentBody[],
  concurrency = 8,
): Promise<void> {
  const stored = new Map<string, Promise<unknown>>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      const parent = input.parentId ? stored.get(input.parentId) : undefined;
      const done = (async () => {
        await parent;
        await postComment(server, thread, input);
      })();
      stored.set(input.id, done);
      await done;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
}

/** Every comment of the thread and the final cursor, read page by page from the change feed. */
export async function readThread(
  server: HearthServer,
  thread: string,
): Promise<{ comments: Comment[]; cursor: string }> {
  const comments: Comment[] = [];
  let cursor: string | null = null;
  for (;;) {
    const url = new URL(commentsUrl(server, thread));
    if (cursor) url.searchParams.set('since', cursor);
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status}`);
    const page = (await response.json()) as ChangesResponse;
    comments.push(...page.comments);
    cursor = page.cursor;
    if (!page.more) return { comments, cursor };
  }
}

/**
 * Opens the demo article and scrolls to its comments, as a reader does: the element mounts
 * lazily and does nothing while it sits far below the fold.
 */
export async function openDemoAtComments(page: Page, server: HearthServer): Promise<void> {
  await page.goto(server.url);
  await page.locator('hearth-comments').scrollIntoViewIfNeeded();
}

/**
 * Waits until `<hearth-comments>`'s heading counts `count` comments: the whole thread is synced
 * and shown, though past 1,000 comments only its first window is rendered.
 */
export async function waitForHeadingCount(page: Page, count: number, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const heading = document.querySelector('hearth-comments')?.shadowRoot?.querySelector('[part~="count"]');
      return Number(heading?.textContent?.replace(/\D/g, '')) === expected;
    },
    count,
    { timeout: timeoutMs, polling: 50 },
  );
}

/** Counts the elements matching `selector` in `<hearth-comments>`'s shadow root. */
export function countInWidget(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (css) => document.querySelector('hearth-comments')?.shadowRoot?.querySelectorAll(css).length ?? 0,
    selector,
  );
}

/** Waits until `<hearth-comments>`'s shadow root holds exactly `count` elements matching `selector`. */
export async function waitForCountInWidget(
  page: Page,
  selector: string,
  count: number,
  timeoutMs = 30_000,
): Promise<void> {
  try {
    await page.waitForFunction(
      ({ css, expected }) =>
        (document.querySelector('hearth-comments')?.shadowRoot?.querySelectorAll(css).length ?? 0) ===
        expected,
      { css: selector, expected: count },
      { timeout: timeoutMs, polling: 50 },
    );
  } catch {
    const seen = await countInWidget(page, selector).catch(() => Number.NaN);
    throw new Error(`Waited ${timeoutMs / 1000} s for ${count} ${selector} in the widget; saw ${seen}.`);
  }
}

/** What the widget cached for a thread in IndexedDB (its `threads` store), or null if nothing. */
export interface CachedThreadState {
  cursor: string | null;
  etag: string | null;
}

/**
 * Reads the widget's cached cursor and ETag for `thread` straight from IndexedDB, in any Hearth
 * database of the page's profile. Only call it once the widget has opened its database.
 */
export function readCachedThread(page: Page, thread: string): Promise<CachedThreadState | null> {
  // No named functions in here: tsx would wrap them in a `__name` helper the page lacks.
  return page.evaluate(async (key) => {
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const opening = indexedDB.open(info.name);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error ?? new Error('IndexedDB open failed'));
      });
      try {
        if (!db.objectStoreNames.contains('threads')) continue;
        const reading = db.transaction('threads').objectStore('threads').getAll();
        const records = await new Promise<Array<{ thread?: string; cursor?: string | null; etag?: string }>>(
          (resolve, reject) => {
            reading.onsuccess = () => resolve(reading.result);
            reading.onerror = () => reject(reading.error ?? new Error('IndexedDB read failed'));
          },
        );
        const record = records.find((candidate) => candidate.thread === key);
        if (record) return { cursor: record.cursor ?? null, etag: record.etag ?? null };
      } finally {
        db.close();
      }
    }
    return null;
  }, thread);
}

/** Polls IndexedDB until the widget's cached state for `thread` satisfies `isDone`. */
export async function waitForCachedThread(
  page: Page,
  thread: string,
  isDone: (state: CachedThreadState) => boolean,
  timeoutMs = 15_000,
): Promise<CachedThreadState> {
  const deadline = Date.now() + timeoutMs;
  let state: CachedThreadState | null = null;
  while (Date.now() < deadline) {
    state = await readCachedThread(page, thread);
    if (state && isDone(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `The widget's cache for ${thread} did not settle in time; last saw ${JSON.stringify(state)}.`,
  );
}

/** One request to the API as the browser sent and received it. */
export interface ApiExchange {
  method: string;
  /** Path and query, e.g. `/api/v1/threads/%2Fposts%2Fx/comments?since=1000`. */
  path: string;
  /** HTTP status, or 0 when the request failed before any response. */
  status: number;
  /** Playwright had no sizes (a failed request): headers counted from the header lists, body 0. */
  isEstimated: boolean;
  requestHeadersBytes: number;
  requestBodyBytes: number;
  responseHeadersBytes: number;
  responseBodyBytes: number;
  totalBytes: number;
}

/**
 * Records every request a page makes to `/api/` but the event stream (CORS preflights included,
 * when Chromium reports them) with its sizes on the wire. Attach before navigating.
 */
export function trackApiTraffic(page: Page) {
  const inFlight = new Set<Request>();
  const settled: Array<Promise<ApiExchange>> = [];
  let lastActivityMs = Date.now();
  // The live event stream stays open for as long as the page: it never settles, and what it
  // carries (a hello, then a heartbeat every 25 s and a line per change) is not the feed's transfer.
  const isApi = (request: Request): boolean => {
    const { pathname } = new URL(request.url());
    return pathname.startsWith('/api/') && !pathname.endsWith('/events');
  };

  async function measure(request: Request): Promise<ApiExchange> {
    const url = new URL(request.url());
    const response = await request.response();
    const base = {
      method: request.method(),
      path: `${url.pathname}${url.search}`,
      status: response?.status() ?? 0,
    };
    let sizes: Awaited<ReturnType<Request['sizes']>>;
    let isEstimated = false;
    try {
      sizes = await request.sizes();
    } catch {
      // Chromium reports a bodiless 304 to a `cache: 'no-store'` fetch as net::ERR_ABORTED after
      // the response arrived, and Playwright then has no sizes: count the headers as HTTP/1.1
      // sends them ("name: value\r\n" each, after the start line, then "\r\n") and no body.
      isEstimated = true;
      const headerBytes = (start: string, headers: Array<{ name: string; value: string }>): number =>
        Buffer.byteLength(`${start}\r\n${headers.map((h) => `${h.name}: ${h.value}\r\n`).join('')}\r\n`);
      sizes = {
        requestHeadersSize: headerBytes(
          `${request.method()} ${url.pathname}${url.search} HTTP/1.1`,
          await request.headersArray(),
        ),
        requestBodySize: request.postDataBuffer()?.length ?? 0,
        responseHeadersSize: response
          ? headerBytes(
              `HTTP/1.1 ${response.status()} ${response.statusText()}`,
              await response.headersArray(),
            )
          : 0,
        responseBodySize: 0,
      };
    }
    return {
      ...base,
      isEstimated,
      requestHeadersBytes: sizes.requestHeadersSize,
      requestBodyBytes: sizes.requestBodySize,
      responseHeadersBytes: sizes.responseHeadersSize,
      responseBodyBytes: Math.max(0, sizes.responseBodySize),
      totalBytes:
        sizes.requestHeadersSize +
        sizes.requestBodySize +
        sizes.responseHeadersSize +
        Math.max(0, sizes.responseBodySize),
    };
  }

  function finish(request: Request): void {
    if (!inFlight.delete(request)) return;
    lastActivityMs = Date.now();
    settled.push(measure(request));
  }

  page.on('request', (request) => {
    if (!isApi(request)) return;
    inFlight.add(request);
    lastActivityMs = Date.now();
  });
  page.on('requestfinished', finish);
  page.on('requestfailed', finish);

  return {
    /** Waits until at least `minRequests` API requests have ended and none started for `quietMs`. */
    async settle(minRequests = 1, quietMs = 400, timeoutMs = 15_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 || settled.length < minRequests || Date.now() - lastActivityMs < quietMs) {
        if (Date.now() > deadline) {
          throw new Error(
            `API traffic did not settle: ${inFlight.size} in flight, ${settled.length} of ${minRequests} done.`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    /** The requests that have ended so far, in the order they ended. */
    exchanges: (): Promise<ApiExchange[]> => Promise.all(settled),
  };
}
