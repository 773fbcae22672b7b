import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { commentBody, postPublished } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { adminHeaders } from './helpers/server.js';
import { embedPage, startStaticServer } from './helpers/static-server.js';
import type { StaticServer } from './helpers/static-server.js';

const thread = '/posts/my-post';

let site: StaticServer;

const e2e = useServerAndBrowser(async ({ server }) => {
  site = await startStaticServer({
    '/posts/my-post': {
      type: 'text/html; charset=utf-8',
      body: embedPage({ scriptUrl: `${server.url}hearth.js`, thread }),
    },
  });
});

after(async () => {
  await site?.close();
});

function commentsUrl(): string {
  return `${e2e.server.url}api/v1/threads/${encodeURIComponent(thread)}/comments`;
}

test(
  'embedded on another origin, the widget loads the thread and posts to where hearth.js came from',
  { timeout: 60_000 },
  async () => {
    const seeded = await fetch(commentsUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...adminHeaders },
      body: JSON.stringify({
        id: randomUUID(),
        authorName: 'Seed Reader',
        body: 'Seeded before the page opened.',
      }),
    });
    assert.equal(seeded.status, 201, 'seeding through the API works');

    const { context, page } = await openPage(e2e.browser);
    const { problems } = await watchPageProblems(page);
    const apiRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/')) apiRequests.push(request.url());
    });

    await page.goto(`${site.url}posts/my-post`);
    assert.notEqual(new URL(site.url).origin, new URL(e2e.server.url).origin);
    await commentBody(page, 'Seeded before the page opened.').waitFor();

    const id = await postPublished(page, 'Faraway Reader', 'Hello from another origin.');

    const listed = (await (await fetch(commentsUrl())).json()) as {
      comments: { id: string; authorName: string; body: string; parentId: string | null }[];
    };
    const stored = listed.comments.find((comment) => comment.id === id);
    assert.ok(stored, 'the comment reached the Hearth server');
    assert.equal(stored.authorName, 'Faraway Reader');
    assert.equal(stored.body, 'Hello from another origin.');
    assert.equal(stored.parentId, null);

    assert.ok(apiRequests.length > 0);
    for (const url of apiRequests) {
      assert.ok(url.startsWith(e2e.server.url), `API request ${url} goes to the script's origin`);
    }
    assert.deepEqual(await problems(), [], 'no CORS or other errors in the console');
    await context.close();
  },
);
