import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../../scripts/find-chromium.mjs';
import { repoRoot } from './server.js';

/** The built widget, which the server serves as `/hearth.js`. */
export const bundlePath = join(repoRoot, 'dist', 'hearth.js');

/** Throws a clear error when the widget has not been built, instead of a confusing 404 later. */
export function requireBundle(): void {
  if (!existsSync(bundlePath)) {
    throw new Error(`${bundlePath} is missing. Build the widget first: npm run build`);
  }
}

/** Launches the system Chromium headless (see scripts/find-chromium.mjs). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}

/**
 * Opens a page in a fresh context (a fresh profile: empty IndexedDB) with a 15 s action timeout (it only bounds a hang).
 * Uncaught page errors are written to stderr, so a test that times out says why.
 *
 * Every page of the context scrolls to its comments once the document is parsed, as a reader
 * does before using them: the element mounts lazily and does nothing while far below the fold
 * (test/elements/lazy-mount.test.ts covers that). `scrollToComments: false` leaves the page
 * where it opened, for tests that scroll themselves.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions & { scrollToComments?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { scrollToComments = true, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  if (scrollToComments) {
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        if (!location.hash.startsWith('#comment-'))
          document.querySelector('hearth-comments')?.scrollIntoView();
      });
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => console.error(`[page error] ${page.url()}: ${error.message}`));
  return { context, page };
}

/**
 * Records what should never happen on a healthy page: console errors, uncaught exceptions and
 * Content-Security-Policy violations (caught in the page, including ones inside shadow roots).
 */
export async function watchPageProblems(page: Page): Promise<{ problems: () => Promise<string[]> }> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
  await page.addInitScript(() => {
    const log: string[] = [];
    Object.defineProperty(window, '__hearthCspViolations', { value: log });
    document.addEventListener(
      'securitypolicyviolation',
      (event) => log.push(`CSP ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
      true,
    );
  });
  return {
    problems: async () => {
      const violations = await page.evaluate(
        () => (window as unknown as { __hearthCspViolations?: string[] }).__hearthCspViolations ?? [],
      );
      return [...seen, ...violations];
    },
  };
}
