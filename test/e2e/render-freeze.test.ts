import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseMarkdownCountingSteps } from '../../src/internal/parse-markdown.js';
import { limits } from '../../src/protocol/limits.js';
import { pathologicalFamilies } from '../helpers/markdown-fuzz.js';
import { openPage } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { adminHeaders, type HearthServer } from './helpers/server.js';

const e2e = useServerAndBrowser();

const commentCount = 20;
/** A task this long is one a reader notices: the page does not answer for its length. */
const longTaskLimitMs = 50;

/** The 20 bodies that cost the parser most steps a character, at the body limit. */
function craftedBodies(): string[] {
  return Object.values(pathologicalFamilies)
    .map((make) => make(limits.bodyMaxChars).slice(0, limits.bodyMaxChars))
    .map((body) => ({ body, steps: parseMarkdownCountingSteps(body).steps }))
    .sort((a, b) => b.steps - a.steps)
    .slice(0, commentCount)
    .map(({ body }) => body);
}

/** Ordinary formatted prose of the same length, for the baseline. */
function ordinaryBodies(): string[] {
  const unit =
    'A reader wrote *this* with **some** formatting, a [link](https://example.org/a) and `code`.\n' +
    '> quoting someone, and https://example.com/b for more.\n\n- a point\n- another point\n\n';
  return Array.from({ length: commentCount }, (_, index) =>
    `${index} ${unit.repeat(Math.ceil(limits.bodyMaxChars / unit.length))}`.slice(0, limits.bodyMaxChars),
  );
}

async function postBodies(server: HearthServer, thread: string, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) {
    const response = await fetch(
      new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments`, server.url),
      {
        method: 'POST',
        // As an admin: 20 posts in a row would otherwise meet proof of work, rate limits and holds.
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...adminHeaders },
        body: JSON.stringify({ id: randomUUID(), authorName: 'Crafty', body }),
      },
    );
    assert.equal(response.status, 201, await response.text());
  }
}

/**
 * Opens a page holding only `<hearth-comments thread="…">` (served at the server's origin, so
 * the widget talks to it as the demo page does) and returns the longest task the page ran while
 * the widget turned the thread's feed into rendered comments: from the feed's response to every
 * body formatted and painted. Long tasks come from a buffered PerformanceObserver.
 */
async function longestRenderTaskMs(browser: Browser, server: HearthServer, thread: string): Promise<number> {
  const { context, page } = await openPage(browser);
  try {
    const path = `/freeze-check${thread}`;
    await page.route(new URL(path, server.url).href, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Freeze check</title><script type="module" src="/hearth.js"></script><hearth-comments thread="${thread}"></hearth-comments>`,
      }),
    );
    await page.addInitScript(() => {
      const tasks: Array<{ startTime: number; duration: number }> = [];
      Object.defineProperty(window, '__longTasks', { value: tasks });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push({ startTime: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(new URL(path, server.url).href);
    await page.waitForFunction(
      (count) => {
        const root = document.querySelector('hearth-comments')?.shadowRoot;
        return (
          root?.querySelectorAll('[part~="comment-body"]').length === count && !root.querySelector('p.plain')
        );
      },
      commentCount,
      { timeout: 30_000 },
    );
    return await page.evaluate(async () => {
      // Two frames: the last render's paint, and any task it queued, are in the window too.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const end = performance.now();
      const feed = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/comments'))
        .map((entry) => (entry as PerformanceResourceTiming).responseEnd);
      const start = Math.min(...feed);
      const tasks = (window as unknown as { __longTasks: Array<{ startTime: number; duration: number }> })
        .__longTasks;
      const inWindow = tasks.filter(
        (task) => task.startTime + task.duration >= start && task.startTime <= end,
      );
      return Math.max(0, ...inWindow.map((task) => task.duration));
    });
  } finally {
    await context.close();
  }
}

test(
  'twenty crafted comments render without a long task: no longer than ordinary bodies of the same length',
  { timeout: 120_000 },
  async (t) => {
    await postBodies(e2e.server, '/posts/freeze-crafted', craftedBodies());
    await postBodies(e2e.server, '/posts/freeze-ordinary', ordinaryBodies());
    // The least of three visits each, taken in turns: a busy machine only ever adds to a task,
    // so the least is the truest measure of what the page itself costs.
    const craftedRuns: number[] = [];
    const ordinaryRuns: number[] = [];
    for (let visit = 0; visit < 3; visit += 1) {
      craftedRuns.push(await longestRenderTaskMs(e2e.browser, e2e.server, '/posts/freeze-crafted'));
      ordinaryRuns.push(await longestRenderTaskMs(e2e.browser, e2e.server, '/posts/freeze-ordinary'));
    }
    const crafted = Math.min(...craftedRuns);
    const ordinary = Math.min(...ordinaryRuns);
    t.diagnostic(
      `longest task while rendering, least of three visits: crafted ${crafted.toFixed(0)} ms, ordinary ${ordinary.toFixed(0)} ms`,
    );
    // On an idle machine neither page has a task over 50 ms: bodies are formatted a bounded
    // number of nodes per task (decision 0015). A busy machine stretches every task, and the
    // crafted page's are longer than the ordinary one's (its 10,000-character runs without a
    // space cost layout more): with both cores busy, crafted pages showed tasks of 55 and 64 ms
    // while the ordinary page's stayed under 50, which the observer does not report. So the
    // bound is twice the ordinary page's longest task, counting that as at least 50 ms: crafted
    // input may cost no more than twice ordinary input, never the seconds it cost before issue
    // #12. test/elements/long-bodies.test.ts checks the split itself, without timing anything.
    const limitMs = 2 * Math.max(longTaskLimitMs, ordinary);
    assert.ok(crafted <= limitMs, `a ${crafted.toFixed(0)} ms task (limit ${limitMs.toFixed(0)} ms)`);
  },
);
