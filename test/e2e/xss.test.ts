import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  findRenderingProblems,
  fitsAsAuthorName,
  fitsAsBody,
  spyName,
  xssCorpus,
  type XssVector,
} from '../helpers/xss-corpus.js';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { demoThread } from './helpers/demo.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { adminHeaders, type HearthServer } from './helpers/server.js';

/** The thread of the demo page at `/` (its canonical link's path). */

const e2e = useServerAndBrowser();

/** A comment the server stored, and the vector it carries as its body or its author's name. */
interface Posted {
  id: string;
  vector: XssVector;
  as: 'body' | 'name';
}

/** A POST the server refused. */
interface Refusal {
  vectorId: string;
  status: number;
  field: string | undefined;
}

async function postComment(
  server: HearthServer,
  comment: { id: string; authorName: string; body: string; parentId?: string | null },
): Promise<Response> {
  return fetch(new URL(`api/v1/threads/${encodeURIComponent(demoThread)}/comments`, server.url), {
    method: 'POST',
    // As an admin: 500 posts in a row would otherwise meet proof of work and rate limits.
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...adminHeaders },
    body: JSON.stringify(comment),
  });
}

async function refusalOf(vector: XssVector, response: Response): Promise<Refusal> {
  const reply = (await response.json().catch(() => ({}))) as { error?: { field?: string } };
  return { vectorId: vector.id, status: response.status, field: reply.error?.field };
}

/**
 * Posts every vector as a body (in parallel batches) and every vector that fits a name as an
 * author name, those as one chain of replies so that deep ones show "replying to <name>".
 */
async function postCorpus(server: HearthServer): Promise<{ posted: Posted[]; refused: Refusal[] }> {
  const posted: Posted[] = [];
  const refused: Refusal[] = [];
  const batchSize = 25;
  for (let start = 0; start < xssCorpus.length; start += batchSize) {
    await Promise.all(
      xssCorpus.slice(start, start + batchSize).map(async (vector) => {
        const id = randomUUID();
        const response = await postComment(server, {
          id,
          authorName: 'Harmless Reader',
          body: vector.payload,
        });
        if (response.status === 201) posted.push({ id, vector, as: 'body' });
        else refused.push(await refusalOf(vector, response));
      }),
    );
  }
  let parentId: string | null = null;
  for (const vector of xssCorpus.filter(fitsAsAuthorName)) {
    const id = randomUUID();
    const body = `Name vector ${vector.id}`;
    const response = await postComment(server, { id, authorName: vector.payload, body, parentId });
    if (response.status !== 201) {
      refused.push(await refusalOf(vector, response));
      continue;
    }
    posted.push({ id, vector, as: 'name' });
    parentId = id;
  }
  return { posted, refused };
}

/** Waits until the widget shows `count` comments, all from parsed bodies, then lets late handlers fire. */
async function waitRenderedAndSettled(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const root = document.querySelector('hearth-comments')?.shadowRoot;
      return (
        root?.querySelectorAll('[part~="comment"]').length === expected &&
        root.querySelector('p.plain') === null
      );
    },
    count,
    { timeout: 20_000 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
      ),
  );
  await page.waitForTimeout(300);
}

/** What each comment shows: its author's name and its body's text, by comment id. */
async function shownText(page: Page): Promise<Map<string, { author: string; body: string }>> {
  const rows = await page.locator('hearth-comments').evaluate((host) =>
    [...host.shadowRoot!.querySelectorAll('[part~="comment"]')].map((comment) => ({
      id: comment.getAttribute('data-id')!,
      author: comment.querySelector('[part~="author"]')?.textContent ?? '',
      body: comment.querySelector('[part~="comment-body"]')?.textContent ?? '',
    })),
  );
  return new Map(rows.map(({ id, author, body }) => [id, { author, body }]));
}

async function assertNothingGotThrough(
  page: Page,
  posted: readonly Posted[],
  dialogs: readonly string[],
  newProblems: () => Promise<string[]>,
): Promise<void> {
  const calls = await page.evaluate(
    () => (window as unknown as { __hearthXssCalls: string[] }).__hearthXssCalls,
  );
  assert.deepEqual(calls, [], 'no payload called a spy');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(await page.locator('hearth-comments').evaluate(findRenderingProblems), []);
  // A payload the policy blocked would still be a breach: the policy is only a second wall.
  assert.deepEqual(
    await newProblems(),
    [],
    "no console errors, page errors or CSP violations beyond the empty page's",
  );

  const shown = await shownText(page);
  for (const { id, vector, as } of posted) {
    const comment = shown.get(id);
    assert.ok(comment, `${vector.id} (${as}) is rendered`);
    if (as === 'name') assert.equal(comment.author, vector.payload.trim(), `${vector.id} shows as a name`);
  }
  const scriptBody = posted.find(({ vector, as }) => vector.id === 'script-tag-1' && as === 'body')!;
  assert.equal(shown.get(scriptBody.id)!.body, `<script>${spyName}('script-tag-1')</script>`);
  const imageBody = posted.find(({ vector, as }) => vector.id === 'event-handler-1' && as === 'body')!;
  assert.equal(shown.get(imageBody.id)!.body, `<img src=x onerror="${spyName}('event-handler-1')">`);
}

test(
  'the XSS corpus, posted through the API, renders as inert text on the demo page',
  { timeout: 60_000 },
  async (t) => {
    const { context, page } = await openPage(e2e.browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const { problems } = await watchPageProblems(page);
    await page.addInitScript((name) => {
      const calls: string[] = [];
      const spied = window as unknown as Record<string, unknown>;
      Object.defineProperty(window, '__hearthXssCalls', { value: calls });
      spied[name] = (id: string) => calls.push(`spy:${id}`);
      window.alert = (message?: unknown) => calls.push(`alert:${String(message)}`);
      window.confirm = (message?: string) => (calls.push(`confirm:${message}`), false);
      window.prompt = (message?: string) => (calls.push(`prompt:${message}`), null);
    }, spyName);

    // What the page reports with no comments at all is the baseline; the corpus must add nothing.
    await page.goto(e2e.server.url);
    await page.locator('hearth-comments [part~="composer"]').first().waitFor();
    await page.waitForTimeout(300);
    const baseline = new Set(await problems());
    const newProblems = async (): Promise<string[]> =>
      (await problems()).filter((problem) => !baseline.has(problem));

    const { posted, refused } = await postCorpus(e2e.server);
    // The server refuses only what the shared schema refuses: here, control characters.
    const expectedRefusals = xssCorpus
      .filter((vector) => !fitsAsBody(vector))
      .map((vector) => ({ vectorId: vector.id, status: 400, field: 'body' }));
    const byId = (a: Refusal, b: Refusal): number => a.vectorId.localeCompare(b.vectorId);
    assert.deepEqual([...refused].sort(byId), expectedRefusals.sort(byId), 'refused posts');
    t.diagnostic(
      `${xssCorpus.length} vectors: ${posted.filter((p) => p.as === 'body').length} bodies and ` +
        `${posted.filter((p) => p.as === 'name').length} names stored, ${refused.length} bodies refused ` +
        `(${refused.map((r) => r.vectorId).join(', ')})`,
    );

    // The thread arrives from the server, is parsed, rendered and cached.
    await page.reload();
    await waitRenderedAndSettled(page, posted.length);
    await assertNothingGotThrough(page, posted, dialogs, newProblems);

    // A return visit paints from IndexedDB first: the cached trees must be as inert.
    await page.reload();
    await waitRenderedAndSettled(page, posted.length);
    await assertNothingGotThrough(page, posted, dialogs, newProblems);
    assert.equal(new URL(page.url()).pathname, '/', 'nothing navigated the page away');
    await context.close();
  },
);
