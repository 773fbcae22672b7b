import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { demoUserId } from '../../server/src/routes/demo-sso.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { findViolations } from './helpers/axe.js';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { commentById, commentIdOf, mainComposer, part, postThrough } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

// The real server with its built-in demo site (no config file), which signs demo readers in
// through POST /demo/sso-token, and demo/sso.html playing a site with its own accounts.
const e2e = useServerAndBrowser();

async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel('Sign in as').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Signed in as ${name}.` })
    .waitFor();
}

test('a reader signed in through the demo login posts as a verified user', { timeout: 60_000 }, async () => {
  const { context, page } = await openPage(e2e.browser);
  const watcher = await watchPageProblems(page);
  await page.goto(new URL('sso.html', e2e.server.url).href);
  await mainComposer(page).locator('[part~="name-input"]').waitFor();
  assert.deepEqual(await findViolations(page), [], 'signed out');

  await signIn(page, 'Ada Example');
  const composer = mainComposer(page);
  await composer
    .locator('[part~="identity"]')
    .filter({ hasText: 'Signed in as \u2068Ada Example\u2069' })
    .waitFor();
  assert.equal(await composer.locator('[part~="name-input"]').count(), 0, 'no name field when signed in');

  const body = 'Posted from the SSO demo as a signed-in reader.';
  await postThrough(composer, null, body);
  const id = await commentIdOf(page, body);
  const comment = commentById(page, id);
  await comment.and(page.locator('[data-state="published"]')).waitFor();
  assert.equal(await comment.locator('[part~="author"]').textContent(), 'Ada Example');
  assert.equal(await comment.locator('[part~="verified-badge"]').textContent(), 'Verified');
  assert.deepEqual(await findViolations(page), [], 'signed in, with a comment');

  // Another reader, never signed in, sees the same name and badge, from the server.
  const { context: otherContext, page: other } = await openPage(e2e.browser);
  await other.goto(new URL('sso.html', e2e.server.url).href);
  const seen = commentById(other, id);
  await seen.and(other.locator('[data-state="published"]')).waitFor();
  assert.equal(await seen.locator('[part~="author"]').textContent(), 'Ada Example');
  assert.equal(await seen.locator('[part~="verified-badge"]').textContent(), 'Verified');
  assert.equal(await part(other, 'identity').count(), 0, 'the other reader is a guest');
  await otherContext.close();

  // Signing out turns the composer back into a guest's.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('status').filter({ hasText: 'Signed out' }).waitFor();
  await composer.locator('[part~="name-input"]').waitFor();
  assert.equal(await composer.locator('[part~="identity"]').count(), 0);

  assert.deepEqual(await watcher.problems(), []);
  await context.close();
});

test(
  'an expired demo token is renewed, and the comment waiting for it goes out',
  { timeout: 60_000 },
  async () => {
    const { context, page } = await openPage(e2e.browser);
    const watcher = await watchPageProblems(page);
    // The first token the page gets has already expired, signed as the demo login would have
    // signed it ten minutes ago: the server refuses it, and the page must fetch a fresh one.
    const nowSeconds = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ name: 'Ada Example' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(demoUserId('Ada Example'))
      .setAudience('demo')
      .setIssuedAt(nowSeconds - 20 * 60)
      .setExpirationTime(nowSeconds - 10 * 60)
      .sign(new TextEncoder().encode(await readDemoSsoSecret()));
    let tokenRequests = 0;
    await page.route('**/demo/sso-token', async (route) => {
      tokenRequests += 1;
      if (tokenRequests === 1) await route.fulfill({ json: { token: expired } });
      else await route.continue();
    });
    // The reader's-comments check would meet the expired token too, and whether its refusal or
    // the post's comes first (one renewal or two) is a matter of timing. Cut it off, so the post
    // is what finds the token expired and waits for the renewal.
    await page.route('**/comments/mine*', async (route) => {
      if (route.request().headers()['authorization'] === `Bearer ${expired}`) await route.abort();
      else await route.continue();
    });

    await page.goto(new URL('sso.html', e2e.server.url).href);
    await signIn(page, 'Ada Example');
    const body = 'Sent again with a fresh token after the first one expired.';
    await postThrough(mainComposer(page), null, body);
    const id = await commentIdOf(page, body);
    const comment = commentById(page, id);
    await comment.and(page.locator('[data-state="published"]')).waitFor();
    assert.equal(await comment.locator('[part~="verified-badge"]').textContent(), 'Verified');
    assert.equal(tokenRequests, 2, 'one sign-in, one renewal');
    await page.getByRole('status').filter({ hasText: 'Signed in as Ada Example.' }).waitFor();

    // Chromium logs the refused request and the cut-off check itself; nothing else may go wrong.
    const problems = await watcher.problems();
    assert.deepEqual(
      problems.filter(
        (problem) => !problem.includes('status of 401') && !problem.includes('net::ERR_FAILED'),
      ),
      [],
    );
    await context.close();
  },
);

/** The demo site's SSO secret, which the server keeps in its store (server/src/main.ts). */
async function readDemoSsoSecret(): Promise<string> {
  const store = createSqliteStore(join(e2e.server.dataDir, 'hearth.db'));
  try {
    return await store.readSecret('demo-sso');
  } finally {
    await store.close();
  }
}
