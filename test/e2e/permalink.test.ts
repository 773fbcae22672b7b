import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateThread } from '../../bench/fixtures/generate-thread.js';
import { seedSqliteThread } from '../../bench/fixtures/seed-sqlite.js';
import { demoThread } from '../../bench/live.js';
import type { Comment } from '../../src/protocol/index.js';
import { launchBrowser, openPage, requireBundle } from './helpers/browser.js';
import { commentById, part } from './helpers/parts.js';
import { startServer, type HearthServer } from './helpers/server.js';

let dataDir = '';
let server: HearthServer | undefined;
let browser: Browser | undefined;
let comments: Comment[] = [];

before(async () => {
  requireBundle();
  // In memory where there is a tmpfs: 10,000 durable inserts on a disk take seconds each thousand.
  dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'hearth-permalink-'));
  const file = join(dataDir, 'hearth.db');
  comments = await seedSqliteThread(file, 'demo', generateThread({ thread: demoThread, count: 10_000 }));
  server = await startServer({ databaseUrl: `sqlite:${file}` });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test(
  'a permalink to a late comment of 10,000 scrolls to it and highlights it',
  { timeout: 120_000 },
  async () => {
    const late = comments[9_499]!;
    const { context, page } = await openPage(browser!);
    await page.goto(`${server!.url}#comment-${late.id}`);
    const target = commentById(page, late.id).and(page.locator('[data-highlighted]'));
    await target.waitFor({ timeout: 60_000 });

    const state = await target.evaluate((article) => {
      const rect = article.getBoundingClientRect();
      return {
        isOnScreen: rect.bottom > 0 && rect.top < innerHeight,
        isFocused: (article.getRootNode() as ShadowRoot).activeElement === article,
        highlight: getComputedStyle(article).borderInlineStartWidth,
      };
    });
    assert.equal(state.isOnScreen, true, 'the linked comment is scrolled into view');
    assert.equal(state.isFocused, true, 'the linked comment has focus');
    assert.equal(state.highlight, '3px', 'the highlight is drawn');
    assert.equal(await page.locator('[data-highlighted]').count(), 1);
    assert.ok((await part(page, 'comment').count()) < 1_000, 'the thread still renders a window');

    // Another permalink on the same page: the highlight follows it.
    const other = comments[120]!;
    await page.evaluate((id) => (location.hash = `#comment-${id}`), other.id);
    await commentById(page, other.id).and(page.locator('[data-highlighted]')).waitFor();
    assert.equal(await page.locator('[data-highlighted]').count(), 1);
    await context.close();
  },
);
