import { randomUUID } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { solveChallenge } from '../src/internal/proof-of-work-solver.js';
import { fetchChallenge } from '../src/sync/proof-of-work.js';
import { mainComposer } from '../test/e2e/helpers/parts.js';
import type { HearthServer } from '../test/e2e/helpers/server.js';
import {
  benchSite,
  countInWidget,
  demoThread,
  openDemoAtComments,
  postComments,
  readThread,
  waitForCountInWidget,
  withLiveHearth,
} from './live.js';
import { summarizeMs } from './stats.js';
import type { Stats } from './stats.js';

export interface OutboxReplayOptions {
  /** Comments queued offline through the widget. */
  count: number;
  /** Comments on the thread before the page opens, so "loaded" is visible. */
  existing: number;
  /**
   * The demo site's `limits.minComposeSeconds`; undefined keeps the server's default (3 s).
   * Proof of work stays on either way.
   */
  minComposeSeconds?: number;
  /** Challenges fetched and solved in Node with the widget's own solver, for its cost. Default 20. */
  solveSamples?: number;
}

/** Where a replay's time went, from the page's own requests. */
export interface ReplayBreakdown {
  /** `GET /api/v1/challenge` requests made during the replay. */
  challenges: number;
  /** Comment POSTs made during the replay, and how many answered each status. */
  posts: number;
  postStatuses: Record<string, number>;
  /** One challenge request, from sending to the end of its answer. */
  challengeMs: Stats;
  /** One comment POST, from sending to the end of its answer. */
  postMs: Stats;
  /** From one POST being sent to the next (the replay's pace). */
  postIntervalMs: Stats;
  /**
   * From the k-th challenge's answer to the k-th POST being sent: solving it, waiting until it
   * is `minComposeSeconds` old, and waiting for the POST before it.
   */
  challengeToPostMs: Stats;
}

export interface OutboxReplayResult {
  browser: string;
  queued: number;
  /** The demo site's minimum compose time, in seconds; null when it is the server's default. */
  minComposeSeconds: number | null;
  /** Typing and submitting every comment while offline, until all show as pending, in ms. */
  queueMs: number;
  /** From going back online until no comment is pending and all show as published, in ms (page clock). */
  replayMs: number;
  breakdown: ReplayBreakdown;
  /** Solving one challenge of this server with the widget's solver, in Node (same V8 as Chromium). */
  solveMs: Stats;
  /** Queued bodies the API returns more than once. */
  duplicates: number;
  /** Queued bodies the API does not return. */
  missing: number;
  isExactlyOnce: boolean;
}

const pendingSelector = '[part~="comment"][data-state="pending"]';
const publishedSelector = '[part~="comment"][data-state="published"]';
const failedSelector = '[part~="comment"][data-state="failed"]';

/** One finished request of the replay, on the wall clock (ms since the epoch). */
interface Exchange {
  kind: 'challenge' | 'post';
  startMs: number;
  endMs: number;
  status: number;
}

/** Records the page's challenge GETs and comment POSTs from now on. */
function recordReplayTraffic(page: Page): Exchange[] {
  const exchanges: Exchange[] = [];
  page.on('requestfinished', (request: Request) => {
    const { pathname } = new URL(request.url());
    const kind =
      request.method() === 'GET' && pathname === '/api/v1/challenge'
        ? 'challenge'
        : request.method() === 'POST' && pathname.endsWith('/comments')
          ? 'post'
          : null;
    if (kind === null) return;
    void request.response().then((response) => {
      const timing = request.timing();
      exchanges.push({
        kind,
        startMs: timing.startTime,
        endMs: timing.startTime + Math.max(0, timing.responseEnd),
        status: response?.status() ?? 0,
      });
    });
  });
  return exchanges;
}

function breakDown(exchanges: readonly Exchange[]): ReplayBreakdown {
  const byStart = [...exchanges].sort((a, b) => a.startMs - b.startMs);
  const challenges = byStart.filter((exchange) => exchange.kind === 'challenge');
  const posts = byStart.filter((exchange) => exchange.kind === 'post');
  const postStatuses: Record<string, number> = {};
  for (const post of posts) postStatuses[post.status] = (postStatuses[post.status] ?? 0) + 1;
  const duration = (exchange: Exchange): number => exchange.endMs - exchange.startMs;
  return {
    challenges: challenges.length,
    posts: posts.length,
    postStatuses,
    challengeMs: summarizeMs(challenges.map(duration)),
    postMs: summarizeMs(posts.map(duration)),
    postIntervalMs: summarizeMs(posts.slice(1).map((post, index) => post.startMs - posts[index]!.startMs)),
    // Each post takes the oldest solved challenge, and the next is fetched as it is taken.
    challengeToPostMs: summarizeMs(
      posts.flatMap((post, index) => {
        const challenge = challenges[index];
        return challenge ? [post.startMs - challenge.endMs] : [];
      }),
    ),
  };
}

/** Fetches and solves `samples` challenges with the widget's code, timing each solve. */
async function measureSolve(server: HearthServer, samples: number): Promise<Stats> {
  const solveMs: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const result = await fetchChallenge(server.url);
    if (result.kind !== 'challenge') throw new Error(`GET /api/v1/challenge gave ${result.kind}.`);
    const start = performance.now();
    const altcha = await solveChallenge(result.challenge);
    solveMs.push(performance.now() - start);
    if (altcha === null) throw new Error('The solver found no number for a challenge.');
  }
  return summarizeMs(solveMs);
}

/**
 * Queues `count` comments through the widget's main composer while the browser is offline, then
 * times their replay once it is back online (each post fetching and solving a proof of work and
 * waiting out the compose time, as a reader's would), and checks through the API that each was
 * stored exactly once.
 */
export function measureOutboxReplay(options: OutboxReplayOptions): Promise<OutboxReplayResult> {
  const site =
    options.minComposeSeconds === undefined
      ? benchSite
      : { ...benchSite, limits: { ...benchSite.limits, minComposeSeconds: options.minComposeSeconds } };
  return withLiveHearth(async ({ server, browser, browserVersion }) => {
    await postComments(
      server,
      demoThread,
      Array.from({ length: options.existing }, (_, index) => ({
        id: randomUUID(),
        authorName: 'Early Bird',
        body: `Already here before the replay bench, comment ${index + 1}.`,
      })),
    );

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
      await openDemoAtComments(page, server);
      await waitForCountInWidget(page, publishedSelector, options.existing);

      const run = randomUUID().slice(0, 8);
      const bodies = Array.from(
        { length: options.count },
        (_, index) => `Offline replay ${run} #${String(index + 1).padStart(3, '0')}: written on a train.`,
      );

      process.stdout.write(`  outbox: queueing ${options.count} comments offline…\r`);
      await context.setOffline(true);
      const composer = mainComposer(page);
      await composer.locator('[part~="name-input"]').fill('Offline Olive');
      const bodyInput = composer.locator('[part~="body-input"]');
      const queueStart = performance.now();
      for (const [index, body] of bodies.entries()) {
        await bodyInput.fill(body);
        await bodyInput.press('Control+Enter');
        // The composer empties once the write is in the outbox; wait for that before the next one.
        await waitForCountInWidget(page, pendingSelector, index + 1, 10_000);
      }
      const queueMs = performance.now() - queueStart;

      const exchanges = recordReplayTraffic(page);
      const progress = setInterval(() => {
        const posted = exchanges.filter((exchange) => exchange.kind === 'post').length;
        process.stdout.write(`  outbox: replaying ${options.count} comments… ${posted} posted   \r`);
      }, 1000);
      const expected = options.existing + options.count;
      // Generous: each post may wait out the compose time (3 s by default) on its own.
      const timeoutMs = 30_000 + options.count * ((options.minComposeSeconds ?? 3) + 1) * 1000;
      let endMs: unknown;
      let startMs: number;
      try {
        startMs = await page.evaluate(() => performance.now());
        await context.setOffline(false);
        // Chromium fires `online` when emulation ends; a second one is harmless if it already did.
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        const done = await page.waitForFunction(
          ({ pending, published, failed, expected }) => {
            const root = document.querySelector('hearth-comments')?.shadowRoot;
            if (!root) return false;
            // A refused post would stay failed forever: stop and say so.
            if (root.querySelector(failed)) return -1;
            const isDone =
              root.querySelectorAll(pending).length === 0 &&
              root.querySelectorAll(published).length === expected;
            return isDone && performance.now();
          },
          { pending: pendingSelector, published: publishedSelector, failed: failedSelector, expected },
          { timeout: timeoutMs, polling: 'raf' },
        );
        endMs = await done.jsonValue();
      } finally {
        clearInterval(progress);
      }
      if (endMs === -1) {
        const reason = await page
          .locator(`hearth-comments ${failedSelector} [role="alert"]`)
          .first()
          .textContent();
        const failedCount = await countInWidget(page, failedSelector);
        throw new Error(`${failedCount} replayed comments failed: ${reason?.replace(/\s+/g, ' ').trim()}`);
      }
      if (typeof endMs !== 'number') throw new Error('The replay wait ended without a time.');
      const replayMs = endMs - startMs;
      // Let the last responses' events reach the recorder.
      await new Promise((resolve) => setTimeout(resolve, 200));
      process.stdout.write(`  outbox: measuring the solver…                        \r`);
      const solveMs = await measureSolve(server, options.solveSamples ?? 20);
      process.stdout.write('\n');

      const { comments } = await readThread(server, demoThread);
      const timesStored = new Map<string, number>();
      for (const comment of comments) timesStored.set(comment.body, (timesStored.get(comment.body) ?? 0) + 1);
      const duplicates = bodies.filter((body) => (timesStored.get(body) ?? 0) > 1).length;
      const missing = bodies.filter((body) => !timesStored.has(body)).length;

      return {
        browser: `Chromium ${browserVersion}`,
        queued: options.count,
        minComposeSeconds: options.minComposeSeconds ?? null,
        queueMs,
        replayMs,
        breakdown: breakDown(exchanges),
        solveMs,
        duplicates,
        missing,
        isExactlyOnce: duplicates === 0 && missing === 0,
      };
    } finally {
      await context.close();
    }
  }, site);
}
