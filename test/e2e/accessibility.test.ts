import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openPage } from './helpers/browser.js';
import { commentById, commentIdOf, mainComposer, postThrough, replyComposer } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const e2e = useServerAndBrowser();

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core (WCAG 2.x A and AA) over the whole page, shadow roots included. */
async function findViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return (violations as AxeViolation[]).map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
  );
}

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
