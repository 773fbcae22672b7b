import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { mainComposer } from './parts.js';
import { adminHeaders, type HearthServer } from './server.js';

/** The thread of the demo page's <hearth-comments> (demo/index.html). */
export const demoThread = '/posts/small-communities';

/**
 * Opens the demo article at `server` in `page` and waits until the widget is ready: until its
 * main composer shows, or `ready` when given (a locked thread has no composer).
 */
export async function openDemo(
  page: Page,
  server: Pick<HearthServer, 'url'>,
  ready: Locator = mainComposer(page),
): Promise<void> {
  await page.goto(server.url);
  // The widget mounts lazily, near the viewport: the reader scrolls to the comments.
  await page.locator('hearth-comments').scrollIntoViewIfNeeded();
  await ready.waitFor();
}

/**
 * Stores a published comment on the demo thread as the admin (no proof of work, never held),
 * under `parentId` when given, and returns its id.
 */
export async function seedComment(
  server: Pick<HearthServer, 'url'>,
  body: string,
  parentId: string | null = null,
): Promise<string> {
  const id = randomUUID();
  const response = await fetch(
    new URL(`api/v1/threads/${encodeURIComponent(demoThread)}/comments`, server.url),
    {
      method: 'POST',
      headers: { ...adminHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id, parentId, authorName: 'Host', body }),
    },
  );
  assert.equal(response.status, 201, `the seed comment is stored: ${await response.text()}`);
  return id;
}
