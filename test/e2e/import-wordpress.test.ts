import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runHearthCli } from '../server/helpers/hearth-cli.js';
import { openPage } from './helpers/browser.js';
import { commentBody, commentById, commentIdOf, isNestedIn, mainComposer, part } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

const e2e = useServerAndBrowser();
const wordpressFile = fileURLToPath(new URL('./fixtures/wordpress-demo.xml', import.meta.url));

test(
  'a WordPress export imported while the server runs appears on the open demo page, threaded and formatted',
  { timeout: 90_000 },
  async () => {
    const { context, page } = await openPage(e2e.browser);
    await page.goto(new URL('posts/small-communities', e2e.server.url).href);
    await mainComposer(page).waitFor();
    assert.equal(await part(page, 'comment').count(), 0, 'the thread is empty before the import');

    const result = await runHearthCli(['import', wordpressFile, '--site', 'demo'], {
      DATABASE_URL: `sqlite:${path.join(e2e.server.dataDir, 'hearth.db')}`,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ {2}comments: +3$/m);

    // The open page hears of the new comments (the server polls its SQLite file) and pulls them.
    const parentId = await commentIdOf(page, 'Imported from WordPress');
    const replyId = await commentIdOf(page, 'Imported reply');
    assert.ok(await isNestedIn(page, replyId, parentId), 'the reply renders inside its parent');
    const parentBody = commentById(page, parentId).locator('[part~="comment-body"]').first();
    assert.equal(await parentBody.locator('p').count(), 2, 'two paragraphs, as WordPress showed them');
    assert.equal(await parentBody.locator('br').count(), 1, 'the single line break stays one');
    assert.equal(await parentBody.locator('em').textContent(), 'still');
    const link = parentBody.locator('a');
    assert.equal(await link.getAttribute('href'), 'https://example.org/allotments');
    assert.match((await parentBody.textContent()) ?? '', /link & an ampersand\./);
    assert.equal(
      await commentById(page, replyId).locator('[part~="comment-body"] strong').textContent(),
      'third',
    );
    assert.equal(
      await commentBody(page, 'waiting for a moderator').count(),
      0,
      'held comments are not shown',
    );
    assert.equal(await commentBody(page, 'spam').count(), 0);
    assert.equal(await part(page, 'comment').count(), 2);

    // A reader arriving later sees the same, from the first visit.
    await page.reload();
    await commentBody(page, 'Imported reply').waitFor();
    assert.ok(await isNestedIn(page, replyId, parentId));
    await context.close();
  },
);
