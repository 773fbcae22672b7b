import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ts from 'typescript';
import { chromiumArgs, findChromium } from '../scripts/find-chromium.mjs';
import type { Comment } from '../src/protocol/index.js';
import { countByDepth, generateThread } from './fixtures/generate-thread.js';
import { describeMarkdownMix, withMarkdownBodies } from './fixtures/markdown-bodies.js';
import type { MarkdownMix } from './fixtures/markdown-bodies.js';
import type {
  BaselineTiming,
  BodyFormat,
  CachedTrees,
  HearthTiming,
  MarkupCounts,
} from './page/bench-page.js';
import { median, summarizeMs } from './stats.js';
import type { Stats } from './stats.js';

/** First visit should take at most this many times the plain renderer. */
export const goalRatio = 1.3;

export interface RenderOptions {
  /** Measured runs of each case; the median is reported. At least 5. */
  runs: number;
  /** How long the fake API holds the comments response on a return visit, in ms. */
  returnDelayMs: number;
  /** Comments in the generated thread. */
  count: number;
  /**
   * 'text': the plain bodies, drawn by the baseline as escaped paragraphs. 'markdown': the same
   * thread with markdown bodies, drawn by the baseline with `marked.parse` and innerHTML.
   * Default 'text'.
   */
  bodyFormat?: BodyFormat;
}

export interface RenderResult {
  browser: string;
  comments: number;
  commentsByDepth: Record<string, number>;
  averageBodyChars: number;
  bodyFormat: BodyFormat;
  /** For markdown bodies: the share of bodies holding each construct, in percent. */
  markdownMix: MarkdownMix | null;
  runs: number;
  /** (a) The plain innerHTML renderer: HTML string (markdown: `marked.parse`), innerHTML, layout. */
  baseline: Stats;
  /** (a′) The same, including fetching and parsing the JSON; for context only. */
  baselineWithFetch: Stats;
  /**
   * (a″) The plain renderer with `content-visibility: auto` on each top-level conversation, as
   * Hearth's styles have: off-screen conversations skip layout in both. For context only.
   */
  baselineContentVisibility: Stats;
  /** (b) Hearth with an empty IndexedDB, from insertion to 1,000 laid-out comments. */
  firstVisit: Stats;
  /** (c) Hearth in the same profile after a first visit, API delayed by `returnDelayMs`. */
  returnVisit: Stats;
  returnDelayMs: number;
  /** (b)/(a), medians. */
  ratio: number;
  /** Median of each round's own (b)/(a); steadier when the machine's load drifts during the run. */
  pairedRatio: number;
  /** (b)/(a″), medians: the like-for-like comparison when both skip off-screen layout. */
  contentVisibilityRatio: number;
  goalRatio: number;
  isWithinGoal: boolean;
  /** Every return visit had all comments on screen before the comments response arrived. */
  isReturnPaintedBeforeNetwork: boolean;
  /** Formatting elements in the bodies of the last run: Hearth's first visit and the baseline's. */
  markup: { hearth: MarkupCounts; baseline: MarkupCounts };
  /**
   * For markdown bodies: the IndexedDB comment records after each first visit, and how many
   * carried their parsed tree for the return visit to draw from. Empty for plain text.
   */
  cachedTrees: CachedTrees[];
}

const thread = '/posts/bench';
/** The thread key the bench page's element and the bench server's endpoint use. */
export const benchThread = thread;
const mountTimeoutMs = 30_000;
// Time for the first visit's IndexedDB writes to land before the same profile comes back.
const cacheSettleMs = 1_500;

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
 * The bench server: the bundle, the bench page and a fake protocol v1 endpoint with a delay. With
 * `pageSize` it pages changes as the reference server does (`?since=`, `more`); `?full` still
 * answers the whole thread in one response, for the plain renderer. With `isCrossOriginIsolated`
 * the page is, so it may call `performance.measureUserAgentSpecificMemory()`.
 */
export async function startBenchServer(
  bundlePath: string,
  comments: Comment[],
  { pageSize, isCrossOriginIsolated = false }: { pageSize?: number; isCrossOriginIsolated?: boolean } = {},
) {
  const bundle = readFileSync(bundlePath);
  const page = benchPageHtml();
  const pageScript = transpileBenchPage();
  const markedScript = readFileSync(createRequire(import.meta.url).resolve('marked'));
  const lastSeq = String(comments.length);
  const full = JSON.stringify({ comments, cursor: lastSeq, more: false });
  const upToDate = JSON.stringify({ comments: [], cursor: lastSeq, more: false });
  const empty = JSON.stringify({ comments: [], cursor: '0', more: false });
  let delayMs = 0;

  function answerPage(since: number, size: number): string {
    const page = comments.filter((comment) => comment.seq > since).slice(0, size);
    const cursor = String(page.at(-1)?.seq ?? since);
    return JSON.stringify({ comments: page, cursor, more: page.length === size && cursor !== lastSeq });
  }

  function send(response: ServerResponse, type: string, body: string | Buffer, status = 200): void {
    if (response.destroyed) return;
    const isolation = isCrossOriginIsolated
      ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
      : {};
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...isolation }).end(body);
  }

  function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): void {
    const match = /^\/api\/v1\/threads\/([^/]+)\/comments$/.exec(url.pathname);
    if (!match || request.method !== 'GET') {
      send(response, 'application/json', '{"error":{"code":"not_found","message":"Not found."}}', 404);
      return;
    }
    const since = url.searchParams.get('since');
    let body = empty;
    if (decodeURIComponent(match[1]!) === thread) {
      body = since === lastSeq ? upToDate : full;
      if (pageSize && !url.searchParams.has('full')) body = answerPage(Number(since ?? '0'), pageSize);
    }
    if (delayMs > 0) setTimeout(() => send(response, 'application/json', body), delayMs);
    else send(response, 'application/json', body);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    if (url.pathname === '/') send(response, 'text/html; charset=utf-8', page);
    else if (url.pathname === '/hearth.js') send(response, 'text/javascript; charset=utf-8', bundle);
    else if (url.pathname === '/bench-page.js') send(response, 'text/javascript; charset=utf-8', pageScript);
    else if (url.pathname === '/vendor/marked.js')
      send(response, 'text/javascript; charset=utf-8', markedScript);
    else if (
      /^\/chunks\/[\w-]+\.js$/.test(url.pathname) &&
      existsSync(join(dirname(bundlePath), url.pathname))
    ) {
      send(response, 'text/javascript; charset=utf-8', readFileSync(join(dirname(bundlePath), url.pathname)));
    } else if (url.pathname.startsWith('/api/')) handleApi(request, response, url);
    else send(response, 'text/plain', 'not found', 404);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setDelay(ms: number): void {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function openBenchPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'hearthBench' in window);
  await page.evaluate(() => window.hearthBench.whenReady());
  return page;
}

/** One plain render in a fresh profile. */
async function renderPlain(
  browser: Browser,
  origin: string,
  apiUrl: string,
  isContentVisibilityAuto: boolean,
  bodyFormat: BodyFormat,
): Promise<BaselineTiming> {
  const context = await browser.newContext();
  try {
    const page = await openBenchPage(context, origin);
    return await page.evaluate((args) => window.hearthBench.renderBaseline(args.apiUrl, args.options), {
      apiUrl,
      options: { isContentVisibilityAuto, bodyFormat },
    });
  } finally {
    await context.close();
  }
}

function mount(page: Page, origin: string, expected: number, isFormatted: boolean): Promise<HearthTiming> {
  const options = { thread, endpoint: `${origin}/`, expected, timeoutMs: mountTimeoutMs, isFormatted };
  return page.evaluate((args) => window.hearthBench.mountHearth(args), options);
}

function requireComplete(what: string, timing: HearthTiming, expected: number): void {
  if (timing.isTimedOut) {
    throw new Error(
      `${what}: ${timing.count} of ${expected} [part~=comment] elements appeared in ` +
        `<hearth-comments>'s shadow root within ${mountTimeoutMs / 1000} s` +
        (timing.count >= expected ? ', but some bodies were still drawn as unparsed text.' : '.'),
    );
  }
}

/** Renders the generated thread with the plain renderer and with Hearth, first and return visits. */
export async function measureRender(bundlePath: string, options: RenderOptions): Promise<RenderResult> {
  const bodyFormat = options.bodyFormat ?? 'text';
  const isFormatted = bodyFormat === 'markdown';
  const plainComments = generateThread({ thread, count: options.count });
  const comments = isFormatted ? withMarkdownBodies(plainComments) : plainComments;
  const server = await startBenchServer(bundlePath, comments);
  const browser: Browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const browserVersion = browser.version();
  const apiUrl = `${server.origin}/api/v1/threads/${encodeURIComponent(thread)}/comments`;
  const baseline: BaselineTiming[] = [];
  const baselineSkipping: BaselineTiming[] = [];
  const firstVisit: HearthTiming[] = [];
  const returnVisit: HearthTiming[] = [];
  const cachedTrees: CachedTrees[] = [];

  try {
    // Round 0 warms the browser and the server up and is not counted.
    for (let round = 0; round <= options.runs; round += 1) {
      const label = round === 0 ? 'warm-up' : `run ${round}/${options.runs}`;
      process.stdout.write(`  render (${bodyFormat}) ${label}…\r`);

      server.setDelay(0);
      const plain = await renderPlain(browser, server.origin, apiUrl, false, bodyFormat);
      const plainSkipping = await renderPlain(browser, server.origin, apiUrl, true, bodyFormat);
      for (const timing of [plain, plainSkipping]) {
        if (timing.count !== comments.length) {
          throw new Error(`The plain renderer drew ${timing.count} of ${comments.length} comments.`);
        }
      }

      const context = await browser.newContext();
      const firstPage = await openBenchPage(context, server.origin);
      const first = await mount(firstPage, server.origin, comments.length, isFormatted);
      requireComplete('First visit', first, comments.length);
      await firstPage.waitForTimeout(cacheSettleMs);
      const cached = isFormatted
        ? await firstPage.evaluate(() => window.hearthBench.countCachedTrees())
        : null;
      // Closed, so the return visit's tab leads its own sync instead of following this one.
      await firstPage.close();

      const returnPage = await openBenchPage(context, server.origin);
      server.setDelay(options.returnDelayMs);
      const again = await mount(returnPage, server.origin, comments.length, isFormatted);
      requireComplete('Return visit (from cache)', again, comments.length);
      server.setDelay(0);
      await context.close();

      if (round > 0) {
        baseline.push(plain);
        baselineSkipping.push(plainSkipping);
        firstVisit.push(first);
        returnVisit.push(again);
        if (cached) cachedTrees.push(cached);
      }
    }
  } finally {
    process.stdout.write('\n');
    await browser.close();
    await server.close();
  }

  const baselineStats = summarizeMs(baseline.map((run) => run.renderMs));
  const firstStats = summarizeMs(firstVisit.map((run) => run.ms));
  const skippingStats = summarizeMs(baselineSkipping.map((run) => run.renderMs));
  const ratio = firstStats.medianMs / baselineStats.medianMs;
  return {
    browser: `Chromium ${browserVersion}`,
    comments: comments.length,
    commentsByDepth: Object.fromEntries([...countByDepth(comments)].map(([d, n]) => [String(d), n])),
    averageBodyChars: Math.round(comments.reduce((sum, c) => sum + c.body.length, 0) / comments.length),
    bodyFormat,
    markdownMix: isFormatted ? describeMarkdownMix(comments) : null,
    runs: options.runs,
    baseline: baselineStats,
    baselineWithFetch: summarizeMs(baseline.map((run) => run.fetchAndRenderMs)),
    baselineContentVisibility: skippingStats,
    firstVisit: firstStats,
    returnVisit: summarizeMs(returnVisit.map((run) => run.ms)),
    returnDelayMs: options.returnDelayMs,
    ratio,
    pairedRatio: median(firstVisit.map((run, index) => run.ms / baseline[index]!.renderMs)),
    contentVisibilityRatio: firstStats.medianMs / skippingStats.medianMs,
    goalRatio,
    isWithinGoal: ratio <= goalRatio,
    isReturnPaintedBeforeNetwork: returnVisit.every(
      (run) => !run.isNetworkAnswered && run.ms < options.returnDelayMs,
    ),
    markup: { hearth: firstVisit.at(-1)!.markup, baseline: baseline.at(-1)!.markup },
    cachedTrees,
  };
}
