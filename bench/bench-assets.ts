import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import ts from 'typescript';

/** A file the bench page needs besides the widget: its type and bytes. */
export interface BenchAsset {
  type: string;
  body: string | Buffer;
}

function benchPageHtml(): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hearth render bench</title>',
    '<link rel="icon" href="data:,">',
    '<style>.content-visibility-auto > ul > li { content-visibility: auto; contain-intrinsic-size: auto 12rem; }</style>',
    '<script type="module" src="/hearth.js"></script>',
    '<script type="module" src="/bench-page.js"></script></head>',
    '<body><main id="stage"></main></body></html>',
  ].join('');
}

function transpileBenchPage(): string {
  const source = readFileSync(fileURLToPath(new URL('./page/bench-page.ts', import.meta.url)), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
}

/**
 * The bench page (`/`), its script (`/bench-page.js`, bench/page/bench-page.ts transpiled) and
 * marked's browser build (`/vendor/marked.js`, for the markdown baseline), by path. Both bench
 * servers, the fake endpoint and the real one, serve them beside the widget.
 */
export function readBenchAssets(): Map<string, BenchAsset> {
  const script = 'text/javascript; charset=utf-8';
  return new Map<string, BenchAsset>([
    ['/', { type: 'text/html; charset=utf-8', body: benchPageHtml() }],
    ['/bench-page.js', { type: script, body: transpileBenchPage() }],
    [
      '/vendor/marked.js',
      { type: script, body: readFileSync(createRequire(import.meta.url).resolve('marked')) },
    ],
  ]);
}

/** Whether a script URL is the widget's own (`/hearth.js` or a chunk), not the bench page's. */
export function isWidgetScript(url: string): boolean {
  const { pathname } = new URL(url);
  return pathname === '/hearth.js' || /^\/chunks\/[\w-]+\.js$/.test(pathname);
}

/** The thread key the bench page's element and both bench servers use. */
export const benchThread = '/posts/bench';

/**
 * Opens the bench page in `context` and waits until `<hearth-comments>` is defined.
 * `beforeNavigate` runs on the new tab before it loads anything (e.g. to attach a CDP session).
 */
export async function openBenchPage(
  context: BrowserContext,
  origin: string,
  beforeNavigate?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await context.newPage();
  await beforeNavigate?.(page);
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'hearthBench' in window);
  await page.evaluate(() => window.hearthBench.whenReady());
  return page;
}
