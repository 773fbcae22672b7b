import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fetchThread } from './helpers/api.js';
import { launchBrowser, openPage, requireBundle } from './helpers/browser.js';
import { demoThread, openDemo } from './helpers/demo.js';
import { commentBody, commentById, postPublished } from './helpers/parts.js';
import { adminHeaders, startServer, type HearthServer } from './helpers/server.js';

const approved = 'The shed opens at nine on Saturdays.';
const spam = `Cheap tickets: ${[1, 2, 3, 4, 5].map((n) => `https://spam.example/${n}`).join(' ')}`;

// The real server and the built widget (issue #12, item 2): a published comment edited into too
// many links keeps its approved text in public until a moderator approves the edit.
let server: HearthServer;
let browser: Browser;

before(async () => {
  requireBundle();
  server = await startServer({
    site: { maxLinks: 3, proofOfWork: { enabled: false }, limits: { minComposeSeconds: 0 } },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openReader(): Promise<Page> {
  const { page } = await openPage(browser);
  await openDemo(page, server);
  return page;
}

function heldLabel(page: Page, id: string) {
  return commentById(page, id).locator('[part~="held-label"]');
}

test(
  'an edit into spam waits for a moderator: readers keep the approved text, the author sees it waiting, approval reaches everyone',
  { timeout: 90_000 },
  async () => {
    const author = await openReader();
    const id = await postPublished(author, 'Ada', approved);
    const reader = await openReader();
    await commentBody(reader, approved).waitFor();

    await commentById(author, id).locator('[part~="edit-button"]').click();
    const form = commentById(author, id).locator('[part~="composer"]');
    await form.locator('[part~="body-input"]').fill(spam);
    await form.locator('[part~="submit-button"]').click();
    await heldLabel(author, id).filter({ hasText: 'Edit awaiting approval' }).waitFor();
    await commentBody(author, 'Cheap tickets').waitFor();

    const feed = await fetchThread(server, demoThread);
    assert.equal(
      feed.find((comment) => comment.id === id)?.body,
      approved,
      'the feed keeps the approved text',
    );
    await reader.reload();
    await commentBody(reader, approved).waitFor();
    assert.equal(await commentBody(reader, 'Cheap tickets').count(), 0);

    // The author's held edit survives a reload: it lives in their cache, not in the outbox.
    await author.reload();
    await heldLabel(author, id).filter({ hasText: 'Edit awaiting approval' }).waitFor();
    await commentBody(author, 'Cheap tickets').waitFor();

    const response = await fetch(new URL(`api/v1/admin/comments/${id}/edit/approve`, server.url), {
      method: 'POST',
      headers: adminHeaders,
    });
    assert.equal(response.status, 200, await response.text());
    // Both open pages hear of it live, from the feed.
    await commentBody(reader, 'Cheap tickets').waitFor();
    await heldLabel(author, id).waitFor({ state: 'detached' });
    await commentBody(author, 'Cheap tickets').waitFor();
    assert.equal(await commentBody(reader, approved).count(), 0);
  },
);
