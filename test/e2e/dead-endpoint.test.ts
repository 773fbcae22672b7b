import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { bundlePath, openPage } from './helpers/browser.js';
import { commentBody, commentById, commentIdOf, mainComposer, part, postThrough } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { embedPage, startStaticServer, widgetFiles } from './helpers/static-server.js';
import type { StaticServer } from './helpers/static-server.js';

// The page and the widget come from a site that stays up; only the comment endpoint dies.

let site: StaticServer;
let page: Page;

const cachedText = 'Written while the server was up; it should stay on screen.';
const trainText = 'Written on a train with no signal. Please do not lose this.';

const e2e = useServerAndBrowser(async ({ server, browser }) => {
  site = await startStaticServer({
    ...widgetFiles(bundlePath),
    '/article': {
      type: 'text/html; charset=utf-8',
      body: embedPage({ scriptUrl: '/hearth.js', thread: '/posts/offline', endpoint: server.url }),
    },
  });
  // The page's context closes with the browser.
  ({ page } = await openPage(browser));
});

after(async () => {
  await site?.close();
});

/** The text is still somewhere the reader can get it back: the composer, or a (pending) comment. */
async function isKept(text: string): Promise<boolean> {
  const inComposer = (await mainComposer(page).locator('[part~="body-input"]').inputValue()).includes(text);
  const inList = (await commentBody(page, text).count()) > 0;
  return inComposer || inList;
}

test(
  'with the endpoint down, cached comments still show with a quiet "can\'t reach" status',
  { timeout: 60_000 },
  async () => {
    await page.goto(`${site.url}article`);
    await postThrough(mainComposer(page), 'Cached Reader', cachedText);
    const id = await commentIdOf(page, cachedText);
    await commentById(page, id).and(page.locator('[data-state="published"]')).waitFor();

    await e2e.server.stop();
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

test('posting while the endpoint is down keeps what the reader typed', { timeout: 60_000 }, async () => {
  const composer = mainComposer(page);
  const nameInput = composer.locator('[part~="name-input"]');
  if ((await nameInput.inputValue()) === '') await nameInput.fill('Cached Reader');
  await postThrough(composer, null, trainText);
  await composer.getByText(/couldn['’]t reach the comment server/i).waitFor();
  assert.ok(await isKept(trainText), 'the text stays in the composer or shows as a pending comment');
  assert.equal(await composer.locator('[part~="submit-button"]').getAttribute('aria-busy'), 'false');
});
