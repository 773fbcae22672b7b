import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { openDemo } from './helpers/demo.js';
import { commentById, postPublished } from './helpers/parts.js';
import { repoRoot } from './helpers/server.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

/** The policy the issue promises the widget works under. */
const strictPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'";

const e2e = useServerAndBrowser();

test('the demo page has no inline scripts, inline styles or <style> elements', () => {
  const html = readFileSync(join(repoRoot, 'demo', 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<style[\s>]/i, 'no <style> element');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'no inline <script>');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler attribute');
});

test('the server sends the demo page with a Content-Security-Policy free of unsafe-*', async () => {
  const response = await fetch(e2e.server.url);
  assert.equal(response.status, 200);
  const policy = response.headers.get('content-security-policy');
  assert.ok(policy, 'GET / carries a Content-Security-Policy header');
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
});

test(
  'the demo page works under the strict policy: it loads, posts, and violates nothing',
  { timeout: 60_000 },
  async () => {
    const { context, page } = await openPage(e2e.browser);
    // Enforce the strict policy on top of whatever the server sends (a second policy only narrows).
    await page.route(e2e.server.url, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      const served = headers['content-security-policy'];
      headers['content-security-policy'] = served ? `${served}, ${strictPolicy}` : strictPolicy;
      await route.fulfill({ response, headers });
    });
    const { problems } = await watchPageProblems(page);

    await openDemo(page, e2e.server);
    const maxWidth = await page.locator('main').evaluate((main) => getComputedStyle(main).maxWidth);
    assert.equal(maxWidth, '672px', 'demo.css applies (main is 42rem wide)');

    const id = await postPublished(page, 'Policy Reader', 'Posted from under a strict CSP.');
    await page.reload();
    await commentById(page, id).waitFor();

    assert.deepEqual(await problems(), [], 'no console errors, page errors or CSP violations');
    await context.close();
  },
);
