import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { countByBody } from './helpers/api.js';
import { openPage } from './helpers/browser.js';
import { demoThread, openDemo } from './helpers/demo.js';
import {
  commentBody,
  commentById,
  commentIdOf,
  mainComposer,
  postPublished,
  postThrough,
  waitPublished,
} from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

const e2e = useServerAndBrowser();

/** Polls until `check` is true, failing with `what` after `timeoutMs`. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`Timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a comment posted offline is sent once from a later visit after the page was closed', async () => {
  const body = 'Posted in airplane mode, sent after landing.';
  const { context, page } = await openPage(e2e.browser);
  await openDemo(page, e2e.server);
  await context.setOffline(true);
  await postThrough(mainComposer(page), 'Flyer', body);
  const id = await commentIdOf(page, body);
  const pending = commentById(page, id).and(page.locator('[data-state="pending"]'));
  await pending.getByText("Will post when you're back online").waitFor();
  await page.close();
  assert.equal(await countByBody(e2e.server, demoThread, body), 0, 'nothing reached the server offline');

  await context.setOffline(false);
  const later = await context.newPage();
  later.setDefaultTimeout(15_000);
  await openDemo(later, e2e.server);
  await waitPublished(later, id);
  assert.equal(await countByBody(e2e.server, demoThread, body), 1);
  assert.equal(await commentBody(later, body).count(), 1);
  await context.close();
});

test('a composer that could not load while offline appears once the reader is back online', async () => {
  const { context, page } = await openPage(e2e.browser);
  // The composer's chunk is fetched once the thread shows: the network drops just as it is asked for.
  let dropNetwork: () => void = () => {};
  const dropped = new Promise<void>((resolve) => (dropNetwork = resolve));
  await page.route(
    /\/chunks\/composer-kit-[^/]+\.js$/,
    async (route) => {
      await context.setOffline(true);
      await route.abort('internetdisconnected');
      dropNetwork();
    },
    { times: 1 },
  );
  await page.goto(e2e.server.url);
  await dropped;
  await page.getByText("You're offline.").waitFor();
  assert.equal(await mainComposer(page).count(), 0, 'offline with a cold cache, no composer could load');

  await context.setOffline(false);
  const body = 'Typed once the train left the tunnel.';
  await postPublished(page, 'Commuter', body);
  assert.equal(await countByBody(e2e.server, demoThread, body), 1);
  await context.close();
});

test('a comment posted in one tab appears in another tab of the same profile', async () => {
  const body = 'Hello from the first tab.';
  const { context, page } = await openPage(e2e.browser);
  await openDemo(page, e2e.server);
  const other = await context.newPage();
  other.setDefaultTimeout(15_000);
  await openDemo(other, e2e.server);

  const id = await postPublished(page, 'Two Tabs', body);
  await waitPublished(other, id);
  assert.equal(await commentBody(other, body).count(), 1);
  assert.equal(await countByBody(e2e.server, demoThread, body), 1);
  await context.close();
});

/** The drafts the page holds in IndexedDB, read from the page through a connection of its own. */
function readDraftBodies(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('hearth');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const read = db.transaction('drafts').objectStore('drafts').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            db.close();
            resolve(read.result.map((draft: { body: string }) => draft.body));
          };
        };
      }),
  );
}

async function reloadDemo(page: Page): Promise<void> {
  await page.reload();
  await mainComposer(page).waitFor();
}

test('a draft typed before a reload is restored', async () => {
  const body = 'A draft that must survive a reload';
  const { context, page } = await openPage(e2e.browser);
  await openDemo(page, e2e.server);
  const bodyInput = mainComposer(page).locator('[part~="body-input"]');
  await bodyInput.fill(body);
  await eventually('the draft is saved', async () => (await readDraftBodies(page)).includes(body));
  await reloadDemo(page);
  await eventually('the draft is back in the composer', async () => (await bodyInput.inputValue()) === body);
  assert.deepEqual(await readDraftBodies(page), [body]);
  await context.close();
});

test('the last keystrokes before a reload are restored, though the draft had not been saved yet', async () => {
  const body = 'Typed just before the reload';
  const { context, page } = await openPage(e2e.browser);
  await openDemo(page, e2e.server);
  const bodyInput = mainComposer(page).locator('[part~="body-input"]');
  await bodyInput.fill(body);
  // No wait: the save is still in its debounce, and pagehide writes it.
  await reloadDemo(page);
  await eventually('the draft is back in the composer', async () => (await bodyInput.inputValue()) === body);
  await context.close();
});

test('the server killed while a post is in flight: after a restart the comment lands once', async () => {
  const body = 'Sent just as the server crashed.';
  const { context, page } = await openPage(e2e.browser);
  await openDemo(page, e2e.server);

  // The server receives and stores the first POST, but dies before the reply gets back.
  let isFirstPost = true;
  await page.route('**/api/v1/threads/*/comments', async (route) => {
    if (route.request().method() !== 'POST' || !isFirstPost) return route.continue();
    isFirstPost = false;
    await route.fetch();
    await e2e.server.kill();
    await route.abort('connectionreset');
  });

  await postThrough(mainComposer(page), 'Crash Tester', body);
  const id = await commentIdOf(page, body);
  await eventually('the server is killed', async () => !isFirstPost);
  await commentById(page, id).and(page.locator('[data-state="pending"]')).waitFor();
  assert.equal(await commentBody(page, body).count(), 1);

  await e2e.server.restart();
  // Retried with backoff (about 1–2 s, then 2–4 s) with the same id: the server stores it once.
  await waitPublished(page, id, 20_000);
  assert.equal(await countByBody(e2e.server, demoThread, body), 1);
  assert.equal(await commentBody(page, body).count(), 1);
  await context.close();
});
