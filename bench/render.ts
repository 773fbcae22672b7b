import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/find-chromium.mjs';
import { benchThread, openBenchPage } from './bench-assets.js';
import { countByDepth, generateThread } from './fixtures/generate-thread.js';
import { describeMarkdownMix, withMarkdownBodies } from './fixtures/markdown-bodies.js';
import type { MarkdownMix } from './fixtures/markdown-bodies.js';
import type { BodyFormat, CachedTrees, HearthTiming, MarkupCounts, PagedTiming } from './page/bench-page.js';
import { pageMaxComments } from '../src/protocol/page-max.js';
import { startRealBenchServer } from './real-server.js';
import { firstScreenComments } from './render-big.js';
import { median, summarizeMs } from './stats.js';
import type { Stats } from './stats.js';

/** First visit should take at most this many times the plain renderer. */
export const goalRatio = 1.3;

export interface RenderOptions {
  /** Measured runs of each case; the median is reported. At least 5. */
  runs: number;
  /** How long the server holds every API answer on a return visit, in ms. */
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
  /** Pages of changes the plain renderer read, as the widget's first visit reads them (`limit=1000`). */
  pages: number;
  /**
   * (a) The plain innerHTML renderer (markdown: `marked.parse`), reading the thread from the
   * reference server with the widget's requests (`limit=1000`, then `since=`) and drawing each page as it arrives: from the first request
   * until every comment is laid out.
   */
  baseline: Stats;
  /** (a) until `firstScreenComments` comments were laid out. */
  baselineFirstScreen: Stats;
  /** (a) until the last page was parsed: the transport's share, for context. */
  baselineAllData: Stats;
  /** (a) building, inserting and laying out HTML only, summed over pages, for context. */
  baselineRenderOnly: Stats;
  /**
   * (a″) The same with `content-visibility: auto` on each top-level conversation, as Hearth's
   * styles have: off-screen conversations skip layout in both. For context only.
   */
  baselineContentVisibility: Stats;
  /**
   * (b') The same first visit on a German page (`lang="de"`, its locale chunk fetched), in
   * the same runs: languages must cost a thread nothing. Null for the markdown thread.
   */
  germanFirstVisit: Stats | null;
  /** (b) Hearth with an empty IndexedDB, from insertion to every comment laid out. */
  firstVisit: Stats;
  /** (b) until `firstScreenComments` comments were laid out. */
  firstVisitFirstScreen: Stats;
  /** (b) until the feed was requested: the plain renderer's request leaves at its 0. */
  firstVisitFeedRequested: Stats;
  /** (c) Hearth in the same profile after a first visit, API delayed by `returnDelayMs`. */
  returnVisit: Stats;
  returnDelayMs: number;
  firstScreenComments: number;
  /** (b)/(a), medians. */
  ratio: number;
  /** Median of each round's own (b)/(a); steadier when the machine's load drifts during the run. */
  pairedRatio: number;
  /** First screens, (b)/(a), medians. */
  firstScreenRatio: number;
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

const thread = benchThread;
const mountTimeoutMs = 30_000;
// Time for the first visit's IndexedDB writes to land before the same profile comes back.
const cacheSettleMs = 1_500;

/** One paged plain render in a fresh profile. */
async function renderPlain(
  browser: Browser,
  origin: string,
  isContentVisibilityAuto: boolean,
  bodyFormat: BodyFormat,
): Promise<PagedTiming> {
  // The widget's first visit: `limit` on every page of a pull that starts without a cursor.
  const apiUrl = `${origin}/api/v1/threads/${encodeURIComponent(thread)}/comments?limit=${pageMaxComments}`;
  const context = await browser.newContext();
  try {
    const page = await openBenchPage(context, origin);
    return await page.evaluate((args) => window.hearthBench.renderPaged(args.apiUrl, args.options), {
      apiUrl,
      options: { isContentVisibilityAuto, bodyFormat, firstScreen: firstScreenComments },
    });
  } finally {
    await context.close();
  }
}

/** Inserts `<hearth-comments>` on the bench page and waits for `expected` comments laid out. */
export function mount(
  page: Page,
  origin: string,
  expected: number,
  isFormatted: boolean,
  lang?: string,
): Promise<HearthTiming> {
  const options = {
    thread,
    endpoint: `${origin}/`,
    expected,
    timeoutMs: mountTimeoutMs,
    isFormatted,
    firstScreen: firstScreenComments,
    ...(lang ? { lang } : {}),
  };
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

/**
 * Renders the generated thread, served by the reference server, with the plain renderer and
 * with Hearth (first and return visits), in the same run.
 */
export async function measureRender(bundlePath: string, options: RenderOptions): Promise<RenderResult> {
  const bodyFormat = options.bodyFormat ?? 'text';
  const isFormatted = bodyFormat === 'markdown';
  const plainComments = generateThread({ thread, count: options.count });
  const generated = isFormatted ? withMarkdownBodies(plainComments) : plainComments;
  process.stdout.write(`  render (${bodyFormat}): seeding ${generated.length} comments…\r`);
  const server = await startRealBenchServer(bundlePath, generated);
  const { comments } = server;
  const browser: Browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const browserVersion = browser.version();
  const baseline: PagedTiming[] = [];
  const baselineSkipping: PagedTiming[] = [];
  const firstVisit: HearthTiming[] = [];
  const germanFirstVisit: HearthTiming[] = [];
  const returnVisit: HearthTiming[] = [];
  const cachedTrees: CachedTrees[] = [];

  try {
    // Round 0 warms the browser and the server up and is not counted.
    for (let round = 0; round <= options.runs; round += 1) {
      const label = round === 0 ? 'warm-up' : `run ${round}/${options.runs}`;
      process.stdout.write(`  render (${bodyFormat}) ${label}…                    \r`);

      server.setDelay(0);
      const plain = await renderPlain(browser, server.origin, false, bodyFormat);
      const plainSkipping = await renderPlain(browser, server.origin, true, bodyFormat);
      for (const timing of [plain, plainSkipping]) {
        if (timing.count !== comments.length) {
          throw new Error(`The plain renderer drew ${timing.count} of ${comments.length} comments.`);
        }
      }

      const context = await browser.newContext();
      const firstPage = await openBenchPage(context, server.origin);
      const first = await mount(firstPage, server.origin, comments.length, isFormatted);
      requireComplete('First visit', first, comments.length);
      if (!isFormatted) {
        // A fresh context: an empty IndexedDB, and the German chunk fetched, as a first visit.
        const germanContext = await browser.newContext();
        const germanPage = await openBenchPage(germanContext, server.origin);
        const german = await mount(germanPage, server.origin, comments.length, isFormatted, 'de');
        requireComplete('First visit in German', german, comments.length);
        await germanContext.close();
        if (round > 0) germanFirstVisit.push(german);
      }
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

  const baselineStats = summarizeMs(baseline.map((run) => run.ms));
  const firstStats = summarizeMs(firstVisit.map((run) => run.ms));
  const skippingStats = summarizeMs(baselineSkipping.map((run) => run.ms));
  const baselineFirstScreen = summarizeMs(baseline.map((run) => run.firstScreenMs));
  const firstVisitFirstScreen = summarizeMs(firstVisit.map((run) => run.firstScreenMs));
  const ratio = firstStats.medianMs / baselineStats.medianMs;
  return {
    browser: `Chromium ${browserVersion}`,
    comments: comments.length,
    commentsByDepth: Object.fromEntries([...countByDepth(comments)].map(([d, n]) => [String(d), n])),
    averageBodyChars: Math.round(comments.reduce((sum, c) => sum + c.body.length, 0) / comments.length),
    bodyFormat,
    markdownMix: isFormatted ? describeMarkdownMix(comments) : null,
    runs: options.runs,
    pages: baseline.at(-1)!.pages,
    baseline: baselineStats,
    baselineFirstScreen,
    baselineAllData: summarizeMs(baseline.map((run) => run.allDataMs)),
    baselineRenderOnly: summarizeMs(baseline.map((run) => run.renderMs)),
    baselineContentVisibility: skippingStats,
    firstVisit: firstStats,
    germanFirstVisit: germanFirstVisit.length > 0 ? summarizeMs(germanFirstVisit.map((run) => run.ms)) : null,
    firstVisitFirstScreen,
    firstVisitFeedRequested: summarizeMs(firstVisit.map((run) => run.feedRequestedMs)),
    returnVisit: summarizeMs(returnVisit.map((run) => run.ms)),
    returnDelayMs: options.returnDelayMs,
    firstScreenComments,
    ratio,
    pairedRatio: median(firstVisit.map((run, index) => run.ms / baseline[index]!.ms)),
    firstScreenRatio: firstVisitFirstScreen.medianMs / baselineFirstScreen.medianMs,
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
