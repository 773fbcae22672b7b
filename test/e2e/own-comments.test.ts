import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, requireBundle } from './helpers/browser.js';
import { demoThread, openDemo, seedComment } from './helpers/demo.js';
import { commentBody, commentById, part, postPublished } from './helpers/parts.js';
import { fetchThread } from './helpers/api.js';
import { startServer, type HearthServer } from './helpers/server.js';

// The real server and the built widget: a guest edits and deletes their comment, and an SSO
// user edits theirs from another browser profile (decision 0004). Proof of work is switched
// off here: the widget does not solve challenges yet, and this file is about identity.
const ssoSecret = 'e2e-sso-secret-that-is-long-enough-0123456789';
const configDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-config-'));
const configPath = join(configDir, 'hearth.config.json');
writeFileSync(
  configPath,
  JSON.stringify({
    sites: [
      {
        id: 'demo',
        origins: ['http://127.0.0.1:*', 'http://localhost:*'],
        sso: { secret: ssoSecret },
        proofOfWork: { enabled: false },
        limits: { minComposeSeconds: 0 },
      },
    ],
  }),
);

let server: HearthServer;
let browser: Browser;

before(async () => {
  requireBundle();
  server = await startServer({ env: { HEARTH_CONFIG: configPath } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

/** A token as a site's back end would sign it for one of its users. */
function signToken(sub: string, name: string): Promise<string> {
  return new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setAudience('demo')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(ssoSecret));
}

/** Opens the demo page in a fresh profile, signed in with `token` when given. */
async function openReader(token?: string): Promise<Page> {
  const { page } = await openPage(browser);
  await openDemo(page, server);
  if (token) {
    await page.evaluate((value) => document.querySelector('hearth-comments')!.setIdentity(value), token);
    await part(page, 'identity').waitFor();
  }
  return page;
}

async function waitState(page: Page, id: string, state: string): Promise<void> {
  await commentById(page, id)
    .and(page.locator(`[data-state="${state}"]`))
    .waitFor();
}

async function editThrough(page: Page, id: string, body: string): Promise<void> {
  await commentById(page, id).locator('[part~="edit-button"]').click();
  const form = commentById(page, id).locator('[part~="composer"]');
  await form.locator('[part~="body-input"]').fill(body);
  await form.locator('[part~="submit-button"]').click();
}

test(
  'a guest edits and deletes their own comment on the real server; others see both',
  { timeout: 90_000 },
  async () => {
    const author = await openReader();
    const id = await postPublished(author, 'Ada', 'A comment with a tpyo');

    const stranger = await openReader();
    await commentBody(stranger, 'A comment with a tpyo').waitFor();
    assert.equal(await part(stranger, 'edit-button').count(), 0, 'no Edit on someone else’s comment');

    await editThrough(author, id, 'A comment without a typo');
    await commentBody(author, 'A comment without a typo').waitFor();
    await waitState(author, id, 'published');
    await commentById(author, id).locator('[part~="edited"]').waitFor();

    await stranger.reload();
    await commentBody(stranger, 'A comment without a typo').waitFor();
    await commentById(stranger, id).locator('[part~="edited"]').waitFor();

    await commentById(author, id).locator('[part~="delete-button"]').click();
    await part(author, 'confirm-delete-button').click();
    // With no replies to hold in place, the tombstone is not shown at all.
    await commentById(author, id).waitFor({ state: 'detached' });
    const stored = (await fetchThread(server, demoThread)).find((comment) => comment.id === id);
    assert.equal(
      (stored as { status?: string } | undefined)?.status,
      'deleted',
      'the server keeps a tombstone',
    );

    // The reload paints the stranger's cached copy first and the pull brings the tombstone after;
    // a comment posted after the delete shows once that pull has been applied.
    await seedComment(server, 'Posted after the delete');
    await stranger.reload();
    await commentBody(stranger, 'Posted after the delete').waitFor();
    assert.equal(await commentById(stranger, id).count(), 0);
    assert.equal(await commentBody(stranger, 'A comment without a typo').count(), 0);
  },
);

test(
  'an SSO user posts as themselves, then edits the comment from another browser profile',
  { timeout: 90_000 },
  async () => {
    const laptop = await openReader(await signToken('user-42', 'Grace Member'));
    assert.equal(await part(laptop, 'name-input').count(), 0, 'no name field when signed in');
    const id = await postPublished(laptop, null, 'Posted while signed in');
    assert.equal(await commentById(laptop, id).locator('[part~="author"]').innerText(), 'Grace Member');
    await commentById(laptop, id).locator('[part~="verified-badge"]').waitFor();

    // A fresh profile knows nothing locally: the server's list of the user's comments enables Edit.
    const phone = await openReader(await signToken('user-42', 'Grace Member'));
    await commentById(phone, id).locator('[part~="edit-button"]').waitFor();
    await editThrough(phone, id, 'Edited from my phone');
    await commentBody(phone, 'Edited from my phone').waitFor();
    await waitState(phone, id, 'published');

    const someoneElse = await openReader(await signToken('user-7', 'Linus'));
    await commentBody(someoneElse, 'Edited from my phone').waitFor();
    assert.equal(await commentById(someoneElse, id).locator('[part~="edit-button"]').count(), 0);
  },
);
