import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { demoThread } from './helpers/demo.js';
import { commentById, postPublished } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

const e2e = useServerAndBrowser();

test(
  'an upvote goes through the real server, survives a reload, and counts show on a list',
  { timeout: 60_000 },
  async () => {
    const { context, page } = await openPage(e2e.browser);
    const watch = await watchPageProblems(page);
    await page.goto(e2e.server.url);
    // The element mounts lazily, once it nears the viewport.
    await page.locator('hearth-comments').scrollIntoViewIfNeeded();
    const body = 'Worth an upvote, end to end.';
    const id = await postPublished(page, 'Voter', body);
    // The byline's count was fetched at load (0); the thread on the page tells it the new number.
    await page.locator('.post__byline hearth-count', { hasText: '1 comment' }).waitFor();

    const button = commentById(page, id).locator('[part~="vote-button"]');
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await button.click();
    await commentById(page, id).locator('[part~="vote-button"][aria-pressed="true"]').waitFor();
    assert.equal((await button.textContent())?.trim(), 'Upvote (1)');
    // Delivered: the outbox empties, and a reload shows the server's count with the button pressed.
    await page.waitForFunction(async () => {
      const open = indexedDB.open('hearth');
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const count = await new Promise<number>((resolve) => {
        const request = db.transaction('outbox').objectStore('outbox').count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return count === 0;
    });
    await page.reload();
    await page.locator('hearth-comments').scrollIntoViewIfNeeded();
    await commentById(page, id).locator('[part~="vote-button"][aria-pressed="true"]').waitFor();
    assert.equal((await button.textContent())?.trim(), 'Upvote (1)');

    // Counts: three elements added in one task make one request, rendered as plain text.
    const countRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/counts') countRequests.push(request.url());
    });
    await page.evaluate((thread) => {
      const list = document.createElement('p');
      list.id = 'counts';
      for (const key of [thread, '/posts/none', '/posts/a,b']) {
        const count = document.createElement('hearth-count');
        count.setAttribute('thread', key);
        count.textContent = 'Comments';
        list.append(count, ' ');
      }
      document.body.append(list);
    }, demoThread);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#counts hearth-count')].every(
        (count) => count.textContent !== 'Comments',
      ),
    );
    const texts = await page.locator('#counts hearth-count').allTextContents();
    assert.deepEqual(texts, ['1 comment', '0 comments', '0 comments']);
    assert.equal(countRequests.length, 1);
    assert.deepEqual(await watch.problems(), []);
    await context.close();
  },
);
