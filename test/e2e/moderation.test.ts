import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { countByBody, fetchThread } from './helpers/api.js';
import { openPage } from './helpers/browser.js';
import { demoThread, openDemo, seedComment } from './helpers/demo.js';
import {
  commentBody,
  commentById,
  commentIdOf,
  mainComposer,
  part,
  postThrough,
  waitPublished,
} from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { adminHeaders, type HearthServer } from './helpers/server.js';

/** Calls the admin API as the test server's admin and returns the parsed answer. */
async function callAdmin(server: HearthServer, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`api/v1/admin/${path}`, server.url), {
    method: 'POST',
    headers: { ...adminHeaders, 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `POST /api/v1/admin/${path}: ${text}`);
  return JSON.parse(text) as unknown;
}

/** Whether the public feed says the thread is locked. */
async function isFeedLocked(server: HearthServer): Promise<boolean> {
  const response = await fetch(
    new URL(`api/v1/threads/${encodeURIComponent(demoThread)}/comments`, server.url),
  );
  assert.equal(response.status, 200);
  return ((await response.json()) as { locked?: boolean }).locked === true;
}

/** An element's text with whitespace runs collapsed, as a reader would read it. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('a locked thread', () => {
  const seeded = 'Welcome, everyone: the garden meets on Thursdays.';
  // The server's defaults: moderation none, proof of work on, 3 s minimum compose time.
  const e2e = useServerAndBrowser(async ({ server }) => {
    await seedComment(server, seeded);
  });

  test('refuses a comment queued offline with the server’s message, then shows itself closed', async () => {
    const body = 'Queued on the bus, sent after the thread was locked.';
    const { context, page } = await openPage(e2e.browser);
    await openDemo(page, e2e.server, commentBody(page, seeded));
    assert.ok((await part(page, 'reply-button').count()) > 0, 'an open thread offers Reply');
    // The composer loads once the thread shows; a reader writes offline in the one they see.
    await mainComposer(page).waitFor();

    await context.setOffline(true);
    await postThrough(mainComposer(page), 'Late Larkin', body);
    const id = await commentIdOf(page, body);
    await commentById(page, id)
      .and(page.locator('[data-state="pending"]'))
      .getByText("Will post when you're back online")
      .waitFor();

    assert.deepEqual(
      await callAdmin(e2e.server, 'threads/lock', { site: 'demo', thread: demoThread, locked: true }),
      {
        site: 'demo',
        thread: demoThread,
        locked: true,
      },
    );

    await context.setOffline(false);
    // Online, the outbox fetches and solves a challenge and waits out the 3 s compose time
    // before the POST that the lock refuses.
    const failed = commentById(page, id).and(page.locator('[data-state="failed"]'));
    await failed.waitFor({ timeout: 15_000 });
    const alert = failed.locator('[role="alert"]');
    assert.match(
      await textOf(alert),
      /^Not posted: This conversation is closed to new comments\. Edit\s?Discard$/,
      "the server's reason, then Edit and Discard",
    );
    assert.equal(await textOf(alert.locator('[data-action="edit"]')), 'Edit');
    assert.equal(await textOf(alert.locator('[data-action="discard"]')), 'Discard');

    assert.equal(await countByBody(e2e.server, demoThread, body), 0, 'the refused comment is not stored');
    assert.equal(await isFeedLocked(e2e.server), true, 'the feed says the thread is locked');

    await page.reload();
    await commentBody(page, seeded).waitFor();
    await part(page, 'locked-notice').filter({ hasText: 'Comments are closed on this thread.' }).waitFor();
    assert.equal(await part(page, 'composer').count(), 0, 'no composer on a locked thread');
    assert.equal(await part(page, 'reply-button').count(), 0, 'no Reply buttons on a locked thread');
    await context.close();
  });
});

describe('a held comment', () => {
  const seeded = 'Pinned by the host: please be kind to each other.';
  const e2e = useServerAndBrowser(
    async ({ server }) => {
      await seedComment(server, seeded);
    },
    { site: { moderation: 'all' } },
  );

  test('is shown to its author only, until a moderator approves it', async () => {
    const body = 'Held for approval: who has the key to the tool shed?';
    const author = await openPage(e2e.browser);
    const reader = await openPage(e2e.browser);
    await openDemo(author.page, e2e.server, commentBody(author.page, seeded));
    await openDemo(reader.page, e2e.server, commentBody(reader.page, seeded));

    await postThrough(mainComposer(author.page), 'Hazel Held', body);
    const id = await commentIdOf(author.page, body);
    const held = commentById(author.page, id).and(author.page.locator('[data-state="held"]'));
    await held.waitFor({ timeout: 15_000 });
    assert.equal((await held.locator('[part~="held-label"]').textContent())?.trim(), 'Awaiting approval');
    assert.equal(
      (await fetchThread(e2e.server, demoThread)).some((comment) => comment.id === id),
      false,
      'a held comment is not in the public feed',
    );

    // The author still sees it held after a reload (it comes from their own cache).
    await author.page.reload();
    await commentBody(author.page, seeded).waitFor();
    await held.locator('[part~="held-label"]').waitFor();

    // A comment stored after the held one: once the reader shows it, the reader has read the
    // feed past the held comment (the seeded one alone might come from the reader's cache).
    const later = 'Posted after the held comment, by the host.';
    await seedComment(e2e.server, later);
    await reader.page.reload();
    await commentBody(reader.page, later).waitFor();
    assert.equal(await commentBody(reader.page, body).count(), 0, 'another reader does not see it');
    assert.equal(await part(reader.page, 'held-label').count(), 0);

    const approved = (await callAdmin(e2e.server, `comments/${id}/approve`)) as { status: string };
    assert.equal(approved.status, 'published');

    await reader.page.reload();
    await waitPublished(reader.page, id);
    assert.equal(await commentBody(reader.page, body).count(), 1);

    await author.page.reload();
    const published = commentById(author.page, id).and(author.page.locator('[data-state="published"]'));
    await published.waitFor();
    assert.equal(await published.locator('[part~="held-label"]').count(), 0, 'no "Awaiting approval"');
    assert.equal(await commentBody(author.page, body).count(), 1);

    await author.context.close();
    await reader.context.close();
  });
});
