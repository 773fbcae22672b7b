import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findViolations } from './helpers/axe.js';
import { openPage } from './helpers/browser.js';
import { commentById, postPublished, replyComposer } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

const e2e = useServerAndBrowser();

for (const colorScheme of ['light', 'dark'] as const) {
  test(
    `the demo page with a thread and an open reply form has no axe violations (${colorScheme})`,
    { timeout: 60_000 },
    async () => {
      const { context, page } = await openPage(e2e.browser, { colorScheme });
      await page.goto(e2e.server.url);
      const body = `An accessible comment in ${colorScheme} mode.`;
      const id = await postPublished(page, 'Axe Reader', body);
      await commentById(page, id).locator('[part~="reply-button"]').first().click();
      await replyComposer(page, id).waitFor();

      assert.deepEqual(await findViolations(page), []);
      await context.close();
    },
  );
}
