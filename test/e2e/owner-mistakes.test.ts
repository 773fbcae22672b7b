import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { bundlePath, openPage, watchPageProblems } from './helpers/browser.js';
import { part } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { embedPage, startStaticServer, widgetFiles } from './helpers/static-server.js';
import type { StaticServer } from './helpers/static-server.js';

// Mistakes a site owner makes going live, as a new user made them: the blog's origin is missing
// from the server's config, or the endpoint points somewhere that is not a Hearth server. The
// page must say so, and the console must say how to fix it, instead of "Can't reach" forever.

const thread = '/posts/going-live';
let blog: StaticServer;

// The server lists localhost only; the blog is served from 127.0.0.1, another origin.
const e2e = useServerAndBrowser(
  async ({ server }) => {
    blog = await startStaticServer({
      ...widgetFiles(bundlePath),
      '/from-the-server': {
        type: 'text/html; charset=utf-8',
        body: embedPage({ scriptUrl: `${server.url}hearth.js`, thread }),
      },
      '/wrong-endpoint': {
        type: 'text/html; charset=utf-8',
        // The blog's own origin: no Hearth server answers there.
        body: embedPage({ scriptUrl: '/hearth.js', thread, endpoint: '/comments/' }),
      },
    });
  },
  { site: { origins: ['http://localhost:*'] } },
);

after(async () => {
  await blog?.close();
});

/** The notice's text, spaces collapsed. */
async function readNotice(page: Page): Promise<string> {
  const notice = part(page, 'unavailable-notice');
  await notice.waitFor();
  return (await notice.innerText()).replace(/\s+/g, ' ').trim();
}

test(
  'a page whose origin the config lacks names that origin and sites[].origins, and takes no posts',
  { timeout: 60_000 },
  async () => {
    const { context, page } = await openPage(e2e.browser);
    const { problems } = await watchPageProblems(page);
    await page.goto(`${blog.url}from-the-server`);
    const pageOrigin = new URL(blog.url).origin;

    const notice = await readNotice(page);
    assert.match(notice, /Comments are unavailable on this page\./);
    assert.ok(notice.includes(pageOrigin), notice);
    assert.ok(notice.includes('sites[].origins'), notice);
    assert.equal(await page.getByText(/can['’]t reach/i).count(), 0);
    assert.equal(await part(page, 'composer').count(), 0, 'no composer to queue a post in');

    const seen = await problems();
    const ours = seen.filter((line) => line.includes('Hearth:'));
    assert.equal(ours.length, 1, seen.join('\n'));
    assert.ok(ours[0]!.includes(pageOrigin) && ours[0]!.includes('sites[].origins'), ours[0]);
    // The browser's own CORS error would say only "blocked by CORS policy": the refusal is readable.
    assert.ok(!seen.some((line) => /CORS policy/i.test(line)), seen.join('\n'));

    const refusals = e2e.server
      .readStderr()
      .split('\n')
      .filter((line) => line.includes('"event":"origin_not_allowed"'));
    assert.equal(refusals.length, 1, 'the server logs the refused origin once');
    assert.ok(refusals[0]!.includes(pageOrigin));
    await context.close();
  },
);

test(
  'a wrong endpoint says it is not a Hearth server, and the console names the URL tried',
  { timeout: 60_000 },
  async () => {
    const { context, page } = await openPage(e2e.browser);
    const { problems } = await watchPageProblems(page);
    await page.goto(`${blog.url}wrong-endpoint`);
    const endpoint = `${blog.url}comments/`;

    const notice = await readNotice(page);
    assert.ok(notice.includes(`\u2068${endpoint}\u2069 is not a Hearth comment server`), notice);
    assert.equal(await page.getByText(/can['’]t reach/i).count(), 0);

    const ours = (await problems()).filter((line) => line.includes('Hearth:'));
    assert.equal(ours.length, 1, ours.join('\n'));
    const tried = `${endpoint}api/v1/threads/${encodeURIComponent(thread)}/comments`;
    assert.ok(ours[0]!.includes(tried), ours[0]);
    assert.match(ours[0]!, /404/);
    assert.match(ours[0]!, /protocol v1/);
    await context.close();
  },
);
