import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { countByBody } from './helpers/api.js';
import { launchBrowser, openPage } from './helpers/browser.js';
import { buildWidget } from './helpers/build-widget.js';
import { demoThread as thread } from './helpers/demo.js';
import {
  commentBody,
  commentIdOf,
  mainComposer,
  part,
  postPublished,
  postThrough,
  waitPublished,
} from './helpers/parts.js';
import { startServer, type HearthServer } from './helpers/server.js';

// A page opened before a deploy, used after it. The server serves a dist/ of its own
// (HEARTH_DIST), which the tests rebuild with the repository's vite config while pages are open.

// Short, so the comments start well over a viewport below the fold: the element sleeps, and
// loads no chunk, until the reader scrolls to it.
const viewport = { width: 1000, height: 300 };
const distDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-dist-'));
let server: HearthServer;
let browser: Browser;

before(async () => {
  await buildWidget(distDir, 'first release');
  server = await startServer({ env: { HEARTH_DIST: distDir } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(distDir, { recursive: true, force: true });
});

/** Every response for a widget chunk the page gets from now on. */
function watchChunks(page: Page): Response[] {
  const seen: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/chunks/')) seen.push(response);
  });
  return seen;
}

/** The texts of every draft saved in the page's IndexedDB. */
function readDrafts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const open = indexedDB.open('hearth');
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const drafts = await new Promise<Array<{ body: string }>>((resolve) => {
      const request = db.transaction('drafts').objectStore('drafts').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return drafts.map((draft) => draft.body);
  });
}

test(
  'a page opened before a rebuild loads its own chunks after it and posts',
  { timeout: 120_000 },
  async () => {
    const { context, page } = await openPage(browser, { scrollToComments: false, viewport });
    const chunks = watchChunks(page);
    await page.goto(server.url);
    await page.waitForFunction(() => customElements.get('hearth-comments') !== undefined);

    const next = await buildWidget(distDir, 'second release');
    const oldChunks = readdirSync(join(distDir, 'chunks')).filter(
      (name) => name.endsWith('.js') && !next.includes(`chunks/${name}`),
    );
    assert.ok(
      oldChunks.some((name) => name.startsWith('composer-kit-')),
      'the rebuild gave the composer new chunk names and kept the old ones',
    );

    await page.locator('hearth-comments').scrollIntoViewIfNeeded();
    const body = 'Written in a tab opened before the deploy, and not one word of it lost.';
    await postPublished(page, 'Early Reader', body);
    assert.equal(await countByBody(server, thread, body), 1, 'the server stored the text as typed');

    const fetched = chunks.map((response) => ({
      name: new URL(response.url()).pathname.slice('/chunks/'.length),
      status: response.status(),
    }));
    assert.ok(
      fetched.some((chunk) => oldChunks.includes(chunk.name)),
      `the page loaded its own build's chunks after the rebuild: ${JSON.stringify(fetched)}`,
    );
    assert.deepEqual(
      fetched.filter((chunk) => chunk.status !== 200),
      [],
      'every chunk the old page asked for was there',
    );
    await context.close();
  },
);

test(
  'when a deploy removed its chunks, the page says to reload and the reader keeps their draft',
  { timeout: 120_000 },
  async () => {
    const { context, page: writer } = await openPage(browser, { scrollToComments: false, viewport });
    const draft = 'A draft from before the deploy, which must survive it word for word.';
    await writer.goto(server.url);
    await writer.locator('hearth-comments').scrollIntoViewIfNeeded();
    await mainComposer(writer).locator('[part~="body-input"]').fill(draft);
    // Saved once typing pauses.
    while (!(await readDrafts(writer)).includes(draft)) await writer.waitForTimeout(100);
    // A later visit, whose HTTP cache no longer holds the chunks (IndexedDB outlives it).
    await (await context.newCDPSession(writer)).send('Network.clearBrowserCache');
    await writer.close();

    // Opened before the deploy, read for a while: the comments below have not woken yet.
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.waitForFunction(() => customElements.get('hearth-comments') !== undefined);

    // A host that replaced dist/ wholesale: only the new build's chunks remain.
    const next = await buildWidget(distDir, 'third release');
    for (const name of readdirSync(join(distDir, 'chunks')))
      if (!next.includes(`chunks/${name}`)) rmSync(join(distDir, 'chunks', name));

    await page.locator('hearth-comments').scrollIntoViewIfNeeded();
    const status = part(page, 'status');

    await status.filter({ hasText: 'Comments were updated. Reload the page to keep writing' }).waitFor();
    assert.equal(await mainComposer(page).count(), 0, 'no composer without its chunk');
    assert.deepEqual(await readDrafts(page), [draft], 'the draft is still in IndexedDB');

    await Promise.all([page.waitForEvent('load'), status.getByRole('button', { name: 'Reload' }).click()]);
    await page.locator('hearth-comments').scrollIntoViewIfNeeded();
    const body = mainComposer(page).locator('[part~="body-input"]');
    await body.waitFor();
    await page.waitForFunction(
      (text) =>
        document
          .querySelector('hearth-comments')
          ?.shadowRoot?.querySelector<HTMLTextAreaElement>('[part~="body-input"]')?.value === text,
      draft,
    );
    await postThrough(mainComposer(page), 'Patient Reader', await body.inputValue());
    await commentBody(page, draft).waitFor();
    const id = await commentIdOf(page, draft);
    await waitPublished(page, id);
    assert.equal(await countByBody(server, thread, draft), 1, 'the draft was posted as typed');
    await context.close();
  },
);
