import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findViolations } from './helpers/axe.js';
import { openPage } from './helpers/browser.js';
import { commentById, commentIdOf, mainComposer, postThrough, replyComposer } from './helpers/parts.js';
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
      await postThrough(mainComposer(page), 'Axe Reader', body);
      const id = await commentIdOf(page, body);
      await commentById(page, id).and(page.locator('[data-state="published"]')).waitFor();
      await commentById(page, id).locator('[part~="reply-button"]').first().click();
      await replyComposer(page, id).waitFor();

      assert.deepEqual(await findViolations(page), []);
      await context.close();
    },
  );
}
