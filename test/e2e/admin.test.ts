import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startWebhookReceiver, type WebhookReceiver } from '../server/helpers/webhook-receiver.js';
import { fetchThread } from './helpers/api.js';
import { findViolations } from './helpers/axe.js';
import { launchBrowser, openPage, requireBundle, watchPageProblems } from './helpers/browser.js';
import { demoThread as thread, openDemo } from './helpers/demo.js';
import { commentBody } from './helpers/parts.js';
import { startServer, type HearthServer } from './helpers/server.js';

const adminToken = `e2e-admin-${randomBytes(18).toString('base64url')}`;
const body = 'Held for a moderator: the allotment shed needs a new lock. <b>not bold</b> **not bold either**';

const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;

let server: HearthServer;
let browser: Browser;
let configDir: string;
let receiver: WebhookReceiver;

before(async () => {
  requireBundle();
  // A real endpoint for the site's webhook: its deliveries are what the Webhooks tab lists, and
  // with a listener the server keeps each post's page, which the admin page links to.
  receiver = await startWebhookReceiver();
  receiver.setSecret('/hearth', webhookSecret);
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
          webhooks: [
            {
              url: `${receiver.origin}/hearth`,
              events: ['comment.held', 'comment.approved'],
              secret: webhookSecret,
            },
          ],
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
  await receiver?.close();
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
    // The page the widget says it is on: the demo article's canonical address.
    body: JSON.stringify({
      id,
      authorName: 'Wren Guest',
      body,
      email: 'Wren@Example.org',
      pageUrl: new URL(thread, server.url).href,
    }),
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
    await openDemo(reader, server);
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
    assert.equal(await page.title(), 'Hearth moderation');

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

    // What waits, on the tab and in the title; and a link to the comment on the page it was written on.
    await page.locator('hearth-admin #tab-held .count').filter({ hasText: '1' }).waitFor();
    await page.waitForFunction(() => document.title === '(1) Hearth moderation');
    const link = held.locator('a.page-link');
    assert.equal(await link.getAttribute('href'), `${new URL(thread, server.url).href}#comment-${posted.id}`);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.deepEqual(await findViolations(page), [], 'the held queue is axe-clean');

    await held.locator('[data-action="approve"]').click();
    // The name sits between bidi isolate marks (U+2068, U+2069), so it cannot reorder the sentence.
    const approved = 'Approved \u2068Wren Guest\u2069';
    await page.locator('hearth-admin [part~="notice"]').filter({ hasText: approved }).waitFor();
    await held.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.title === 'Hearth moderation');
    assert.equal(await page.locator('hearth-admin #tab-held .count').count(), 0);

    // The audit log names the comment by its author and thread, with its link, not by its id.
    await page.locator('hearth-admin #tab-audit').click();
    const audited = page
      .locator('hearth-admin #panel-audit tbody tr')
      .filter({ hasText: 'comment.approve' })
      .filter({ hasText: 'Comment by \u2068Wren Guest\u2069' });
    await audited.waitFor();
    assert.equal(
      await audited.locator('a').getAttribute('href'),
      `${new URL(thread, server.url).href}#comment-${posted.id}`,
    );

    // The thread, listed with its counts, locked and unlocked from its row.
    await page.locator('hearth-admin #tab-threads').click();
    const row = page.locator(`hearth-admin #panel-threads tbody tr[data-thread="${thread}"]`);
    await row.waitFor();
    assert.deepEqual(
      await row.locator('td.numeric').allTextContents(),
      ['1', '0'],
      'one published comment, none held',
    );
    await row.getByRole('button', { name: `Lock \u2068${thread}\u2069` }).click();
    await page
      .locator(`hearth-admin #panel-threads tbody tr[data-thread="${thread}"][data-locked="true"]`)
      .waitFor();
    assert.equal(
      (
        (await fetch(new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments`, server.url)).then((r) =>
          r.json(),
        )) as { locked?: boolean }
      ).locked,
      true,
    );
    assert.deepEqual(await findViolations(page), [], 'the threads list is axe-clean');
    await row.getByRole('button', { name: `Unlock \u2068${thread}\u2069` }).click();
    await page
      .locator(`hearth-admin #panel-threads tbody tr[data-thread="${thread}"][data-locked="false"]`)
      .waitFor();

    // The webhook's deliveries: the held and approved events, delivered to the receiver.
    await page.locator('hearth-admin #tab-webhooks').click();
    // The list is read when the tab opens; a delivery still in flight shows after a Refresh.
    const delivered = page.locator('hearth-admin #panel-webhooks tbody tr[data-state="done"]');
    for (let tries = 0; (await delivered.count()) < 2 && tries < 50; tries += 1) {
      await page.waitForTimeout(200);
      await page.locator('hearth-admin #panel-webhooks [data-action="refresh"]').click();
    }
    assert.deepEqual((await delivered.locator('td.mono.nowrap').allTextContents()).sort(), [
      'comment.approved',
      'comment.held',
    ]);
    assert.ok(receiver.received.length >= 2 && receiver.received.every((each) => each.isVerified));
    assert.deepEqual(await findViolations(page), [], 'the webhook deliveries are axe-clean');

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
