import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { countByBody } from './helpers/api.js';
import { bundlePath, openPage } from './helpers/browser.js';
import {
  commentBody,
  commentById,
  commentIdOf,
  mainComposer,
  part,
  postPublished,
  postThrough,
  waitPublished,
} from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { embedPage, startStaticServer, widgetFiles } from './helpers/static-server.js';
import type { StaticServer } from './helpers/static-server.js';

// The page and the widget come from a site that stays up; only the comment endpoint dies, and
// then comes back on the same port with the same database.

let site: StaticServer;
let page: Page;

const thread = '/posts/offline';
const cachedText = 'Written while the server was up; it should stay on screen.';
const trainText = 'Written on a train with no signal. Please do not lose this.';

const e2e = useServerAndBrowser(async ({ server, browser }) => {
  site = await startStaticServer({
    ...widgetFiles(bundlePath),
    '/article': {
      type: 'text/html; charset=utf-8',
      body: embedPage({ scriptUrl: '/hearth.js', thread, endpoint: server.url }),
    },
  });
  // The page's context closes with the browser.
  ({ page } = await openPage(browser));
});

after(async () => {
  await site?.close();
});

test(
  'with the endpoint down, cached comments still show with a quiet "can\'t reach" status',
  { timeout: 60_000 },
  async () => {
    await page.goto(`${site.url}article`);
    await postPublished(page, 'Cached Reader', cachedText);

    await e2e.server.stop({ keepData: true });
    await page.reload();
    await commentBody(page, cachedText).waitFor();
    const status = part(page, 'status')
      .filter({ hasText: /can['’]t reach/i })
      .first();
    await status.waitFor();
    // Quiet: announced politely, never as an alert that interrupts a screen reader.
    assert.notEqual(await status.getAttribute('role'), 'alert');
    assert.notEqual(await status.getAttribute('aria-live'), 'assertive');
  },
);

test(
  'a post while the endpoint is down is pending, survives a reload, and lands once when it is back',
  { timeout: 60_000 },
  async () => {
    const composer = mainComposer(page);
    const nameInput = composer.locator('[part~="name-input"]');
    if ((await nameInput.inputValue()) === '') await nameInput.fill('Cached Reader');
    await postThrough(composer, null, trainText);
    const id = await commentIdOf(page, trainText);
    const pending = commentById(page, id).and(page.locator('[data-state="pending"]'));
    await pending.waitFor();
    assert.match(await pending.innerText(), /Posting…/);
    assert.equal(await composer.locator('[part~="body-input"]').inputValue(), '', 'the composer empties');
    await part(page, 'status').filter({ hasText: '1 comment waiting to post.' }).waitFor();

    await page.reload();
    await commentById(page, id).and(page.locator('[data-state="pending"]')).waitFor();

    await e2e.server.restart();
    // The reader asks for a retry rather than waiting out the backoff.
    await part(page, 'status').getByRole('button', { name: 'Try again' }).click();
    await waitPublished(page, id, 15_000);
    await part(page, 'status').filter({ hasText: 'waiting to post' }).waitFor({ state: 'detached' });
    assert.equal(await commentBody(page, trainText).count(), 1, 'shown once');
    assert.equal(await countByBody(e2e.server, thread, trainText), 1, 'stored once');
    assert.equal(
      await countByBody(e2e.server, thread, cachedText),
      1,
      'the old comment survived the restart',
    );

    await page.reload();
    await waitPublished(page, id);
    assert.equal(await commentBody(page, trainText).count(), 1, 'still once after a reload');
  },
);
