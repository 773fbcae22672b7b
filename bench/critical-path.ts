import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/find-chromium.mjs';
import { benchThread, isWidgetScript, openBenchPage } from './bench-assets.js';
import { trackNetwork } from './cdp-network.js';
import type { NetworkRecord } from './cdp-network.js';
import { generateThread } from './fixtures/generate-thread.js';
import { withMarkdownBodies } from './fixtures/markdown-bodies.js';
import type { BodyFormat } from './page/bench-page.js';
import { startRealBenchServer } from './real-server.js';
import { mount } from './render.js';

/** The first visit's scripts before the first comment, gzip -9 of each file, at most (issue #11). */
export const goalCriticalGzipBytes = 32 * 1024;
// Time for the first visit's IndexedDB writes to land before the same profile comes back.
const cacheSettleMs = 1_500;

/** One widget script a visit fetched. */
export interface ScriptFetch {
  /** `/hearth.js` or `/chunks/<name>.js`. */
  file: string;
  status: number;
  isFromCache: boolean;
  contentEncoding: string | null;
  /** Received on the wire, headers included (CDP `encodedDataLength`); 0 from the cache. */
  wireBytes: number;
  /** The script as run (CDP `dataLength`, or the built file's size when the cache answered). */
  decodedBytes: number;
  /** The built file at gzip -9 and brotli q11: what a compressing server would send. */
  gzipBytes: number;
  brotliBytes: number;
  /** Requested this many ms before (negative) or after the first comment appeared. */
  requestedMs: number;
}

export interface ScriptTotals {
  wireBytes: number;
  decodedBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

/** The widget scripts of one visit, split at the moment the first comment appeared. */
export interface CriticalPathVisit {
  /** From inserting `<hearth-comments>` until its first comment was laid out, in ms. */
  firstCommentMs: number;
  /** Scripts requested before the first comment: the critical path as fetched. */
  before: ScriptFetch[];
  beforeTotals: ScriptTotals;
  /** Scripts requested after it, until the network went quiet. */
  after: ScriptFetch[];
}

export interface CriticalPathResult {
  browser: string;
  comments: number;
  bodyFormat: BodyFormat;
  /** Empty IndexedDB and HTTP cache. */
  firstVisit: CriticalPathVisit;
  /** The same profile: the thread in IndexedDB, the scripts in the HTTP cache. */
  returnVisit: CriticalPathVisit;
  goalCriticalGzipBytes: number;
  isFirstVisitWithinGoal: boolean;
  /** The return visit needed `hearth.js` and no chunk before its first comment. */
  isReturnHearthAlone: boolean;
}

function describeScript(record: NetworkRecord, distDir: string, firstCommentAtMs: number): ScriptFetch {
  const file = new URL(record.url).pathname;
  const built = readFileSync(join(distDir, file));
  return {
    file,
    status: record.status,
    isFromCache: record.isFromCache,
    contentEncoding: record.contentEncoding,
    wireBytes: record.wireBytes,
    decodedBytes: record.decodedBytes > 0 ? record.decodedBytes : built.length,
    gzipBytes: gzipSync(built, { level: 9 }).length,
    brotliBytes: brotliCompressSync(built, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    requestedMs: record.requestedAtMs - firstCommentAtMs,
  };
}

function sumScripts(scripts: readonly ScriptFetch[]): ScriptTotals {
  const totals = { wireBytes: 0, decodedBytes: 0, gzipBytes: 0, brotliBytes: 0 };
  for (const script of scripts) {
    for (const key of Object.keys(totals) as (keyof ScriptTotals)[]) totals[key] += script[key];
  }
  return totals;
}

/** Opens the bench page, inserts the widget, and splits its scripts at the first comment. */
async function visit(
  context: BrowserContext,
  origin: string,
  distDir: string,
  isFormatted: boolean,
): Promise<CriticalPathVisit> {
  let network: Awaited<ReturnType<typeof trackNetwork>> | undefined;
  const page = await openBenchPage(context, origin, async (tab) => {
    network = await trackNetwork(context, tab);
  });
  try {
    const timing = await mount(page, origin, 1, isFormatted);
    if (timing.isTimedOut) throw new Error('Critical path: no comment appeared.');
    const timeOriginMs = await page.evaluate(() => performance.timeOrigin);
    const firstCommentAtMs = timeOriginMs + timing.endAtMs;
    await network!.settle();
    await page.waitForTimeout(cacheSettleMs);
    const scripts = network!
      .records()
      .filter((record) => isWidgetScript(record.url) && record.status > 0)
      .map((record) => describeScript(record, distDir, firstCommentAtMs));
    const before = scripts.filter((script) => script.requestedMs < 0);
    return {
      firstCommentMs: timing.ms,
      before,
      beforeTotals: sumScripts(before),
      after: scripts.filter((script) => script.requestedMs >= 0),
    };
  } finally {
    await network?.detach();
    await page.close();
  }
}

/**
 * The critical path as Chromium fetched it from the reference server: every widget script
 * requested before `<hearth-comments>` showed its first comment, on a first visit and on a
 * return visit in the same profile, with wire, decoded and gzip/brotli-equivalent bytes.
 */
export async function measureCriticalPath(
  bundlePath: string,
  { count, bodyFormat = 'text' }: { count: number; bodyFormat?: BodyFormat },
): Promise<CriticalPathResult> {
  const plain = generateThread({ thread: benchThread, count });
  const server = await startRealBenchServer(
    bundlePath,
    bodyFormat === 'markdown' ? withMarkdownBodies(plain) : plain,
  );
  const browser: Browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const distDir = dirname(bundlePath);
  try {
    const context = await browser.newContext();
    const isFormatted = bodyFormat === 'markdown';
    const firstVisit = await visit(context, server.origin, distDir, isFormatted);
    const returnVisit = await visit(context, server.origin, distDir, isFormatted);
    await context.close();
    return {
      browser: `Chromium ${browser.version()}`,
      comments: count,
      bodyFormat,
      firstVisit,
      returnVisit,
      goalCriticalGzipBytes,
      isFirstVisitWithinGoal: firstVisit.beforeTotals.gzipBytes <= goalCriticalGzipBytes,
      isReturnHearthAlone:
        returnVisit.before.length > 0 && returnVisit.before.every((script) => script.file === '/hearth.js'),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
