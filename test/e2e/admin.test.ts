import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fetchThread } from './helpers/api.js';
import { launchBrowser, openPage, requireBundle, watchPageProblems } from './helpers/browser.js';
import { commentBody, mainComposer } from './helpers/parts.js';
import { startServer, type HearthServer } from './helpers/server.js';

const adminToken = `e2e-admin-${randomBytes(18).toString('base64url')}`;
const thread = '/posts/small-communities';
const body = 'Held for a moderator: the allotment shed needs a new lock. <b>not bold</b> **not bold either**';

let server: HearthServer;
let browser: Browser;
let configDir: string;

before(async () => {
  requireBundle();
  configDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-config-'));
  const configFile = join(configDir, 'hearth.config.json');
  // The demo site as `npm start` serves it, but every comment waits for a moderator, and no proof
  // of work or compose delay stands between this test's post and the server.
  writeFileSync(
    configFile,
    JSON.stringify({
      sites: [
        {
          id: 'demo',
          origins: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'],
          moderation: 'all',
          proofOfWork: { enabled: false },
          limits: { minComposeSeconds: 0 },
        },
      ],
    }),
  );
  server = await startServer({ env: { HEARTH_CONFIG: configFile, HEARTH_ADMIN_TOKEN: adminToken } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

/** Posts a comment as a guest, the way the widget does, and returns the server's reply. */
async function postAsGuest(): Promise<{ id: string; status: string }> {
  const id = randomUUID();
  const response = await fetch(new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments`, server.url), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: new URL(server.url).origin,
      Authorization: `Bearer hga_${randomBytes(32).toString('base64url')}`,
    },
    body: JSON.stringify({ id, authorName: 'Wren Guest', body, email: 'Wren@Example.org' }),
  });
  const text = await response.text();
  assert.equal(response.status, 201, `the post is stored: ${text}`);
  return JSON.parse(text) as { id: string; status: string };
}

function card(page: Page, id: string) {
  return page.locator(`hearth-admin article[data-id="${id}"]`);
}

test(
  'a held guest comment is approved on /admin and then appears on the demo page',
  { timeout: 90_000 },
  async () => {
    const posted = await postAsGuest();
    assert.equal(posted.status, 'held', 'moderation "all" holds the guest comment');
    assert.equal(
      (await fetchThread(server, thread)).some((comment) => comment.id === posted.id),
      false,
      'a held comment is not in the public feed',
    );

    // A second reader, before approval: the page has read the (empty) feed and shows no trace of it.
    const { context: readerContext, page: reader } = await openPage(browser);
    await reader.goto(server.url);
    await mainComposer(reader).waitFor();
    await reader.locator('hearth-comments').getByText('No comments yet. Start the conversation.').waitFor();
    assert.equal(await commentBody(reader, 'the allotment shed needs a new lock').count(), 0);
    assert.equal(await reader.locator('hearth-comments [part~="comment"]').count(), 0);

    const pageResponse = await fetch(new URL('admin', server.url));
    assert.equal(pageResponse.status, 200);
    assert.doesNotMatch(pageResponse.headers.get('content-security-policy') ?? '', /unsafe-/);
    assert.match(pageResponse.headers.get('content-security-policy') ?? '', /script-src 'self'/);

    const { context, page } = await openPage(browser);
    const { problems } = await watchPageProblems(page);
    await page.goto(new URL('admin', server.url).href);

    await page.locator('hearth-admin #token').fill(adminToken);
    await page.locator('hearth-admin #token').press('Enter');
    await page.locator('hearth-admin .who').filter({ hasText: 'Signed in as admin' }).waitFor();
    assert.equal(
      await page.evaluate(() => sessionStorage.getItem('hearth-admin-token')),
      adminToken,
      'the token is kept for this tab',
    );

    const held = card(page, posted.id);
    await held.waitFor();
    assert.equal(await held.locator('.body').textContent(), body, 'the raw text, not rendered markdown');
    assert.equal(await held.locator('.body b, .body strong').count(), 0);
    assert.match((await held.locator('.where').textContent()) ?? '', /demo · \/posts\/small-communities/);
    assert.match((await held.locator('.details').textContent()) ?? '', /wren@example\.org/);

    await held.locator('[data-action="approve"]').click();
    // The name sits between bidi isolate marks (U+2068, U+2069), so it cannot reorder the sentence.
    const approved = 'Approved \u2068Wren Guest\u2069';
    await page.locator('hearth-admin [part~="notice"]').filter({ hasText: approved }).waitFor();
    await held.waitFor({ state: 'detached' });

    await page.locator('hearth-admin #tab-audit').click();
    await page
      .locator('hearth-admin #panel-audit tbody tr')
      .filter({ hasText: 'comment.approve' })
      .filter({ hasText: posted.id })
      .waitFor();

    assert.deepEqual(await problems(), [], 'no console errors, page errors or CSP violations on /admin');
    await context.close();

    // The same reader after approval: a reload fetches it from the feed.
    await reader.reload();
    await commentBody(reader, 'the allotment shed needs a new lock').waitFor();
    assert.equal(await reader.locator('hearth-comments [part~="held-label"]').count(), 0);
    await readerContext.close();
  },
);

test('a wrong token shows the server’s message and is not kept', { timeout: 30_000 }, async () => {
  const { context, page } = await openPage(browser);
  await page.goto(new URL('admin', server.url).href);
  await page.locator('hearth-admin #token').fill('not-an-admin-token-at-all');
  await page.locator('hearth-admin form.sign-in button[type="submit"]').click();
  await page.locator('hearth-admin #token-error').filter({ hasText: 'valid admin token' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assert.equal(await page.locator('hearth-admin [role="tablist"]').count(), 0);
  await context.close();
});

test('the admin API and script answer no other origin', async () => {
  const response = await fetch(new URL('api/v1/admin/me', server.url), {
    headers: { Origin: 'http://127.0.0.1:1' },
  });
  assert.equal(response.status, 401);
  assert.equal(response.headers.get('access-control-allow-origin'), null);
  const script = await fetch(new URL('admin.js', server.url), {
    headers: { Origin: 'https://evil.example' },
  });
  assert.equal(script.status, 200);
  assert.equal(script.headers.get('access-control-allow-origin'), null);
});
