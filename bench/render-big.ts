import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/find-chromium.mjs';
import { generateThread } from './fixtures/generate-thread.js';
import type { BaselineTiming, HearthTiming } from './page/bench-page.js';
import { benchThread, openBenchPage } from './bench-assets.js';
import { startBenchServer } from './bench-server.js';
import { median, summarizeMs } from './stats.js';
import type { Stats } from './stats.js';

/** Hearth's first screen should take at most this share of the plain renderer's full render. */
export const firstScreenGoalRatio = 0.3;
/** Hearth's JS heap, its whole thread synced, should be at most this many times the plain renderer's. */
export const heapGoalRatio = 3;
/** Comments that fill a first screen (a viewport holds about five). */
export const firstScreenComments = 10;
/** The small thread whose visit measures what Hearth holds before any big thread: its floor. */
const floorComments = 10;
/** Comments per page of changes, as the reference server sends them. */
const pageSize = 200;
const timeoutMs = 60_000;
// Time for the last pages' IndexedDB writes to land before the heap is measured.
const settleMs = 1_500;

export interface BigRenderOptions {
  /** Measured runs of each case; the median is reported. At least 1. */
  runs: number;
  /** Comments in the generated thread. Default 10,000. */
  count?: number;
}

/** One page's memory after garbage collection. */
export interface MemorySample {
  /** V8's used JS heap (`Runtime.getHeapUsage`), in bytes: JS objects, not the DOM. */
  jsHeapBytes: number;
  /** `performance.measureUserAgentSpecificMemory()`: the JS heap and the DOM, in bytes. */
  pageBytes: number;
  /** DOM nodes alive in the page (`Memory.getDOMCounters`). */
  domNodes: number;
}

export interface BigRenderResult {
  browser: string;
  comments: number;
  runs: number;
  /** (a) The plain innerHTML renderer drawing the whole thread (no fetch), laid out. */
  plainFullRender: Stats;
  /** (b) Hearth, empty IndexedDB: from insertion to `firstScreenComments` comments laid out. */
  hearthFirstScreen: Stats;
  /** (b′) Hearth, the same visit: until the heading counts every comment. For context. */
  hearthAllSynced: Stats;
  firstScreenComments: number;
  /** Medians, in bytes and nodes, after the plain render and after Hearth synced everything. */
  plainMemory: MemorySample;
  hearthMemory: MemorySample;
  /** Hearth after syncing a thread of `floorComments`: its code and state, before a big thread. */
  hearthFloorMemory: MemorySample;
  /** What each further comment adds to Hearth's JS heap, in bytes: (big − floor) / comments. */
  jsHeapBytesPerComment: number;
  /** Comments Hearth rendered once everything had arrived (its first page of conversations). */
  hearthRenderedComments: number;
  /** (b)/(a), medians. */
  firstScreenRatio: number;
  /** Median of each run's own (b)/(a). */
  pairedFirstScreenRatio: number;
  /** Hearth's JS heap over the plain renderer's (V8 only: the plain page's weight is its DOM). */
  heapRatio: number;
  /** The same for JS heap plus DOM (`measureUserAgentSpecificMemory`). */
  pageMemoryRatio: number;
  firstScreenGoalRatio: number;
  heapGoalRatio: number;
  isFirstScreenWithinGoal: boolean;
  isHeapWithinGoal: boolean;
}

async function measureMemory(context: BrowserContext, page: Page): Promise<MemorySample> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    const pageBytes = await page.evaluate(async () => {
      const result = await (
        performance as unknown as { measureUserAgentSpecificMemory(): Promise<{ bytes: number }> }
      ).measureUserAgentSpecificMemory();
      return result.bytes;
    });
    return { jsHeapBytes: usedSize, pageBytes, domNodes: nodes };
  } finally {
    await cdp.detach();
  }
}

async function renderPlain(browser: Browser, origin: string, apiUrl: string) {
  const context = await browser.newContext();
  try {
    const page = await openBenchPage(context, origin);
    const timing: BaselineTiming = await page.evaluate(
      (url) => window.hearthBench.renderBaseline(url, { isContentVisibilityAuto: false, bodyFormat: 'text' }),
      `${apiUrl}?full`,
    );
    return { timing, memory: await measureMemory(context, page) };
  } finally {
    await context.close();
  }
}

async function visitHearth(browser: Browser, origin: string, count: number) {
  const context = await browser.newContext();
  try {
    const page = await openBenchPage(context, origin);
    const options = {
      thread: benchThread,
      endpoint: `${origin}/`,
      expected: firstScreenComments,
      timeoutMs,
      isFormatted: false,
    };
    const startedAt = Date.now();
    const firstScreen: HearthTiming = await page.evaluate(
      (args) => window.hearthBench.mountHearth(args),
      options,
    );
    if (firstScreen.isTimedOut)
      throw new Error(`Hearth drew ${firstScreen.count} comments in ${timeoutMs} ms.`);
    const heading = `${count.toLocaleString('en')} comments`;
    await page.waitForFunction(
      (text) =>
        document.querySelector('hearth-comments')?.shadowRoot?.querySelector('[part~="count"]')
          ?.textContent === text,
      heading,
      { timeout: timeoutMs, polling: 20 },
    );
    // Wall clock from Node: close enough for context, never compared with a goal.
    const allSyncedMs = Date.now() - startedAt;
    await page.waitForTimeout(settleMs);
    const rendered = await page.evaluate(
      () =>
        document.querySelector('hearth-comments')!.shadowRoot!.querySelectorAll('[part~="comment"]').length,
    );
    return { firstScreen, allSyncedMs, rendered, memory: await measureMemory(context, page) };
  } finally {
    await context.close();
  }
}

/** Renders a big generated thread with the plain renderer (whole) and with Hearth (first visit). */
export async function measureBigRender(
  bundlePath: string,
  options: BigRenderOptions,
): Promise<BigRenderResult> {
  const count = options.count ?? 10_000;
  const comments = generateThread({ thread: benchThread, count });
  const server = await startBenchServer(bundlePath, comments, { pageSize, isCrossOriginIsolated: true });
  const floorServer = await startBenchServer(
    bundlePath,
    generateThread({ thread: benchThread, count: floorComments }),
    { pageSize, isCrossOriginIsolated: true },
  );
  // Eager: measureUserAgentSpecificMemory() otherwise waits for the next natural GC, up to 20 s.
  const args = [...chromiumArgs, '--enable-blink-features=ForceEagerMeasureMemory'];
  const browser = await chromium.launch({ executablePath: findChromium(), args });
  const apiUrl = `${server.origin}/api/v1/threads/${encodeURIComponent(benchThread)}/comments`;
  const plain: Awaited<ReturnType<typeof renderPlain>>[] = [];
  const hearth: Awaited<ReturnType<typeof visitHearth>>[] = [];
  const floor: Awaited<ReturnType<typeof visitHearth>>[] = [];
  try {
    // Round 0 warms the browser and the server up and is not counted.
    for (let round = 0; round <= options.runs; round += 1) {
      process.stdout.write(`  big render ${round === 0 ? 'warm-up' : `run ${round}/${options.runs}`}…\r`);
      const plainRun = await renderPlain(browser, server.origin, apiUrl);
      if (plainRun.timing.count !== count)
        throw new Error(`The plain renderer drew ${plainRun.timing.count} of ${count}.`);
      const hearthRun = await visitHearth(browser, server.origin, count);
      const floorRun = await visitHearth(browser, floorServer.origin, floorComments);
      if (round > 0) {
        plain.push(plainRun);
        hearth.push(hearthRun);
        floor.push(floorRun);
      }
    }
  } finally {
    process.stdout.write('\n');
    await browser.close();
    await server.close();
    await floorServer.close();
  }
  const plainStats = summarizeMs(plain.map((run) => run.timing.renderMs));
  const firstStats = summarizeMs(hearth.map((run) => run.firstScreen.ms));
  const memoryOf = (runs: { memory: MemorySample }[]): MemorySample => ({
    jsHeapBytes: median(runs.map((run) => run.memory.jsHeapBytes)),
    pageBytes: median(runs.map((run) => run.memory.pageBytes)),
    domNodes: median(runs.map((run) => run.memory.domNodes)),
  });
  const plainMemory = memoryOf(plain);
  const hearthMemory = memoryOf(hearth);
  const hearthFloorMemory = memoryOf(floor);
  const firstScreenRatio = firstStats.medianMs / plainStats.medianMs;
  const heapRatio = hearthMemory.jsHeapBytes / plainMemory.jsHeapBytes;
  const pageMemoryRatio = hearthMemory.pageBytes / plainMemory.pageBytes;
  return {
    browser: `Chromium ${browser.version()}`,
    comments: count,
    runs: options.runs,
    plainFullRender: plainStats,
    hearthFirstScreen: firstStats,
    hearthAllSynced: summarizeMs(hearth.map((run) => run.allSyncedMs)),
    firstScreenComments,
    plainMemory,
    hearthMemory,
    hearthFloorMemory,
    jsHeapBytesPerComment:
      (hearthMemory.jsHeapBytes - hearthFloorMemory.jsHeapBytes) / (count - floorComments),
    hearthRenderedComments: median(hearth.map((run) => run.rendered)),
    firstScreenRatio,
    pairedFirstScreenRatio: median(
      hearth.map((run, index) => run.firstScreen.ms / plain[index]!.timing.renderMs),
    ),
    heapRatio,
    pageMemoryRatio,
    firstScreenGoalRatio,
    heapGoalRatio,
    isFirstScreenWithinGoal: firstScreenRatio <= firstScreenGoalRatio,
    isHeapWithinGoal: heapRatio <= heapGoalRatio,
  };
}

function formatMs(stats: Stats): string {
  return `${stats.medianMs.toFixed(1)} ms (min ${stats.minMs.toFixed(1)}, max ${stats.maxMs.toFixed(1)})`;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** Prints a big-render result for `npm run bench`. */
export function printBigRender(result: BigRenderResult): void {
  const { plainMemory: plain, hearthMemory: hearth } = result;
  const met = (isMet: boolean): string => (isMet ? 'met' : 'NOT met');
  console.log(
    `\nBig thread: ${result.comments.toLocaleString('en')} comments, ${result.browser}, median of ${result.runs} runs; Hearth pulls pages of ${pageSize}`,
  );
  const rows: [string, Stats][] = [
    ['(a) plain innerHTML renderer, whole thread', result.plainFullRender],
    [
      `(b) Hearth first visit, first screen (${result.firstScreenComments} comments)`,
      result.hearthFirstScreen,
    ],
    ["(b') Hearth first visit, every page synced", result.hearthAllSynced],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, stats] of rows) console.log(`${label.padEnd(width)}  ${formatMs(stats)}`);
  console.log(
    `(b)/(a) = ${result.firstScreenRatio.toFixed(3)}× (goal ≤ ${result.firstScreenGoalRatio}×): ${met(result.isFirstScreenWithinGoal)}; median of per-run ratios ${result.pairedFirstScreenRatio.toFixed(3)}×`,
  );
  console.log(
    `JS heap after GC (V8): plain ${formatMiB(plain.jsHeapBytes)}, Hearth ${formatMiB(hearth.jsHeapBytes)} = ${result.heapRatio.toFixed(2)}× (goal ≤ ${result.heapGoalRatio}×): ${met(result.isHeapWithinGoal)}`,
  );
  const floor = result.hearthFloorMemory;
  console.log(
    `  Hearth's floor (a ${floorComments}-comment thread synced): ${formatMiB(floor.jsHeapBytes)} = ${(floor.jsHeapBytes / plain.jsHeapBytes).toFixed(2)}× the plain page's whole JS heap; each further comment adds ${Math.round(result.jsHeapBytesPerComment)} B`,
  );
  console.log(
    `JS heap + DOM (measureUserAgentSpecificMemory): plain ${formatMiB(plain.pageBytes)}, Hearth ${formatMiB(hearth.pageBytes)} = ${result.pageMemoryRatio.toFixed(2)}×`,
  );
  console.log(
    `DOM nodes: plain ${plain.domNodes.toLocaleString('en')}, Hearth ${hearth.domNodes.toLocaleString('en')} (${result.hearthRenderedComments} comments rendered before "Show more")`,
  );
}
