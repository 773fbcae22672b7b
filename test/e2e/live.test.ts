import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useTestPostgres } from '../server/helpers/postgres.js';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { openDemo, seedComment } from './helpers/demo.js';
import { commentBody, commentById, postPublished } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { startServer } from './helpers/server.js';

const e2e = useServerAndBrowser();
const postgres = await useTestPostgres();

/**
 * How long a comment may take to reach another reader's open page: generous for a busy
 * machine, and still below the 15 s of the first poll, so only the live stream can meet it.
 */
const liveWithinMs = 10_000;

/** The text of the widget's polite announcement region. */
function announcement(page: Page): Promise<string> {
  return page
    .locator('hearth-comments .visually-hidden[role="status"]')
    .first()
    .textContent()
    .then((text) => text ?? '');
}

test(
  'a comment posted by one reader appears live, announced, on another reader’s open page',
  { timeout: 90_000 },
  async () => {
    const writer = await openPage(e2e.browser);
    const reader = await openPage(e2e.browser);
    try {
      // The demo page is served under a strict Content-Security-Policy: the stream must pass it.
      const watched = await watchPageProblems(reader.page);
      await openDemo(writer.page, e2e.server);
      await openDemo(reader.page, e2e.server);

      const body = 'Posted in one window, read in the other without a reload.';
      await postPublished(writer.page, 'Grace Hopper', body);
      await commentBody(reader.page, body).waitFor({ timeout: liveWithinMs });
      await reader.page.waitForFunction(
        () =>
          document
            .querySelector('hearth-comments')
            ?.shadowRoot?.querySelector('.visually-hidden[role="status"]')
            ?.textContent?.includes('1 new comment'),
        undefined,
        { timeout: liveWithinMs },
      );
      assert.doesNotMatch(
        await announcement(writer.page),
        /new comment/,
        "the writer's own comment is not news",
      );
      assert.deepEqual(await watched.problems(), [], 'no console errors or CSP violations');
    } finally {
      await writer.context.close();
      await reader.context.close();
    }
  },
);

/** The distance from the viewport's top to the comment's top, in CSS px. */
function topOf(page: Page, id: string): Promise<number> {
  return page.evaluate(
    (id) =>
      document
        .querySelector('hearth-comments')!
        .shadowRoot!.querySelector(`#comment-${id}`)!
        .getBoundingClientRect().top,
    id,
  );
}

test('a reply arriving above what the reader reads does not move it', { timeout: 90_000 }, async () => {
  const long = 'A paragraph long enough to wrap over a few lines on the demo page. '.repeat(4);
  const ids: string[] = [];
  for (let i = 0; i < 40; i += 1) ids.push(await seedComment(e2e.server, `${i}: ${long}`));
  const { context, page } = await openPage(e2e.browser);
  try {
    await openDemo(page, e2e.server);
    await commentById(page, ids[39]!).waitFor();
    const read = ids[20]!;
    await page.evaluate((id) => {
      document
        .querySelector('hearth-comments')!
        .shadowRoot!.querySelector(`#comment-${id}`)!
        .scrollIntoView();
      window.scrollBy(0, -40);
    }, read);
    await page.waitForTimeout(100);
    const before = await topOf(page, read);
    assert.ok(before > 0 && before < 200, `the comment read is near the top of the screen (${before})`);

    const reply = await seedComment(e2e.server, `A late reply. ${long}`, ids[2]!);
    await commentById(page, reply).waitFor({ state: 'attached', timeout: liveWithinMs });
    await page.waitForTimeout(100);
    assert.ok((await topOf(page, reply)) < 0, 'the reply landed above the screen');
    const after = await topOf(page, read);
    assert.ok(Math.abs(after - before) <= 1, `the comment read stayed put: ${before} px, then ${after} px`);
  } finally {
    await context.close();
  }
});

test(
  'two server processes on one PostgreSQL: a post through one reaches a page on the other live',
  { timeout: 120_000, skip: postgres === null ? 'no PostgreSQL server answers' : false },
  async () => {
    const serverA = await startServer({ databaseUrl: postgres!.url });
    const serverB = await startServer({ databaseUrl: postgres!.url });
    const writer = await openPage(e2e.browser);
    const reader = await openPage(e2e.browser);
    try {
      assert.notEqual(serverA.url, serverB.url);
      await openDemo(writer.page, serverA);
      await openDemo(reader.page, serverB);

      const body = 'Through process A, onto a page served by process B.';
      await postPublished(writer.page, 'Grace Hopper', body);
      await commentBody(reader.page, body).waitFor({ timeout: liveWithinMs });
    } finally {
      await writer.context.close();
      await reader.context.close();
      await serverA.stop();
      await serverB.stop();
    }
  },
);
