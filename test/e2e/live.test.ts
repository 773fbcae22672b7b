import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useTestPostgres } from '../server/helpers/postgres.js';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { commentBody, commentById, commentIdOf, mainComposer, postThrough } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { adminHeaders, startServer, type HearthServer } from './helpers/server.js';

const e2e = useServerAndBrowser();
const postgres = await useTestPostgres();

// The thread of the demo page's <hearth-comments> (demo/index.html).
const thread = '/posts/small-communities';

/**
 * How long a comment may take to reach another reader's open page: generous for a busy
 * machine, and still below the 15 s of the first poll, so only the live stream can meet it.
 */
const liveWithinMs = 10_000;

async function openDemo(page: Page, server: HearthServer): Promise<void> {
  await page.goto(server.url);
  // The widget mounts lazily, near the viewport: the reader scrolls to the comments.
  await page.locator('hearth-comments').scrollIntoViewIfNeeded();
  await mainComposer(page).waitFor();
}

/** The text of the widget's polite announcement region. */
function announcement(page: Page): Promise<string> {
  return page
    .locator('hearth-comments .visually-hidden[role="status"]')
    .first()
    .textContent()
    .then((text) => text ?? '');
}

/** Posts `body` through the page's composer and waits until the server has stored it. */
async function post(page: Page, body: string): Promise<void> {
  await postThrough(mainComposer(page), 'Grace Hopper', body);
  const id = await commentIdOf(page, body);
  await commentById(page, id).and(page.locator('[data-state="published"]')).waitFor();
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
      await post(writer.page, body);
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

/** Stores a published comment as the admin (no proof of work, never held) and returns its id. */
async function seedComment(
  server: HearthServer,
  body: string,
  parentId: string | null = null,
): Promise<string> {
  const id = randomUUID();
  const response = await fetch(new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments`, server.url), {
    method: 'POST',
    headers: { ...adminHeaders, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, parentId, authorName: 'Host', body }),
  });
  assert.equal(response.status, 201, `the seed comment is stored: ${await response.text()}`);
  return id;
}

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
      await post(writer.page, body);
      await commentBody(reader.page, body).waitFor({ timeout: liveWithinMs });
    } finally {
      await writer.context.close();
      await reader.context.close();
      await serverA.stop();
      await serverB.stop();
    }
  },
);
