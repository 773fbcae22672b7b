import { randomUUID } from 'node:crypto';
import { mainComposer } from '../test/e2e/helpers/parts.js';
import { demoThread, postComments, readThread, waitForCountInWidget, withLiveHearth } from './live.js';

export interface OutboxReplayOptions {
  /** Comments queued offline through the widget. */
  count: number;
  /** Comments on the thread before the page opens, so "loaded" is visible. */
  existing: number;
}

export interface OutboxReplayResult {
  browser: string;
  queued: number;
  /** Typing and submitting every comment while offline, until all show as pending, in ms. */
  queueMs: number;
  /** From going back online until no comment is pending and all show as published, in ms (page clock). */
  replayMs: number;
  /** Queued bodies the API returns more than once. */
  duplicates: number;
  /** Queued bodies the API does not return. */
  missing: number;
  isExactlyOnce: boolean;
  /**
   * Whether the widget had loaded its outbox chunk on its own before going offline; when it had
   * not, the bench loaded it (see measureOutboxReplay).
   */
}

const pendingSelector = '[part~="comment"][data-state="pending"]';
const publishedSelector = '[part~="comment"][data-state="published"]';

/**
 * Queues `count` comments through the widget's main composer while the browser is offline, then
 * times their replay once it is back online, and checks through the API that each was stored
 * exactly once.
 */
export function measureOutboxReplay(options: OutboxReplayOptions): Promise<OutboxReplayResult> {
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
      await page.goto(server.url);
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

      process.stdout.write(`  outbox: replaying ${options.count} comments…      \r`);
      const startMs = await page.evaluate(() => performance.now());
      await context.setOffline(false);
      // Chromium fires `online` when emulation ends; a second one is harmless if it already did.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const done = await page.waitForFunction(
        ({ pending, published, expected }) => {
          const root = document.querySelector('hearth-comments')?.shadowRoot;
          if (!root) return false;
          const isDone =
            root.querySelectorAll(pending).length === 0 &&
            root.querySelectorAll(published).length === expected;
          return isDone && performance.now();
        },
        {
          pending: pendingSelector,
          published: publishedSelector,
          expected: options.existing + options.count,
        },
        { timeout: 30_000, polling: 'raf' },
      );
      const endMs = await done.jsonValue();
      if (typeof endMs !== 'number') throw new Error('The replay wait ended without a time.');
      const replayMs = endMs - startMs;
      process.stdout.write('\n');

      const { comments } = await readThread(server, demoThread);
      const timesStored = new Map<string, number>();
      for (const comment of comments) timesStored.set(comment.body, (timesStored.get(comment.body) ?? 0) + 1);
      const duplicates = bodies.filter((body) => (timesStored.get(body) ?? 0) > 1).length;
      const missing = bodies.filter((body) => !timesStored.has(body)).length;

      return {
        browser: `Chromium ${browserVersion}`,
        queued: options.count,
        queueMs,
        replayMs,
        duplicates,
        missing,
        isExactlyOnce: duplicates === 0 && missing === 0,
      };
    } finally {
      await context.close();
    }
  });
}
