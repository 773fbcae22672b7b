import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import type { HearthServer } from '../test/e2e/helpers/server.js';
import { isWidgetScript } from './bench-assets.js';
import { trackNetwork } from './cdp-network.js';
import type { NetworkRecord } from './cdp-network.js';
import { generateThread } from './fixtures/generate-thread.js';
import {
  demoThread,
  openDemoAtComments,
  postComment,
  postComments,
  readThread,
  trackApiTraffic,
  waitForCachedThread,
  waitForHeadingCount,
  withLiveHearth,
} from './live.js';
import type { ApiExchange, CachedThreadState, NewCommentBody } from './live.js';

/** A return visit after one new comment should cost at most this many bytes of API traffic. */
export const goalNewCommentBytes = 2048;
/** A first visit to a 1,000-comment thread should receive at most this many API bytes on the wire. */
export const goalFirstVisitApiBytes = 100 * 1024;
/** `hearth.js` should take at most this many bytes on the wire. */
export const goalHearthBytes = 21 * 1024;

export interface TransferOptions {
  /** Comments seeded on the demo thread before the first visit. */
  count: number;
}

/** One page load and the API traffic it caused. */
export interface VisitTransfer {
  /** API requests made, CORS preflights included when there were any. */
  requests: number;
  /** Sum over every request of request headers + body and response headers + body, in bytes. */
  totalBytes: number;
  /** Status of the last GET of the thread's changes. */
  finalGetStatus: number;
  exchanges: ApiExchange[];
  /** What Chromium received, as CDP's `encodedDataLength` counts it (response headers + body as sent). */
  wire: WireTransfer;
}

/** A visit's bytes received on the wire, from CDP `Network.loadingFinished`. */
export interface WireTransfer {
  /** Every `/api/` answer but the event stream, in bytes. */
  apiBytes: number;
  /** The same bodies decoded, in bytes. */
  apiDecodedBytes: number;
  /** The Content-Encodings the API answers came with (`identity` when none). */
  apiEncodings: string[];
  /** `/hearth.js`, in bytes (0 when the HTTP cache answered). */
  hearthBytes: number;
  /** `/hearth.js` and every chunk, in bytes. */
  scriptBytes: number;
}

export interface TransferResult {
  browser: string;
  comments: number;
  /** Seeding the thread through the API, in ms. */
  seedMs: number;
  /** Empty IndexedDB: the whole thread. */
  firstVisit: VisitTransfer;
  /** (a) The same profile after one comment was posted elsewhere. */
  newComment: VisitTransfer;
  /** (b) The same profile with nothing new: one visit, or two when the first stored the ETag. */
  unchanged: VisitTransfer[];
  goalNewCommentBytes: number;
  isNewCommentWithinGoal: boolean;
  goalFirstVisitApiBytes: number;
  isFirstVisitApiWithinGoal: boolean;
  goalHearthBytes: number;
  isHearthWithinGoal: boolean;
  /** The last unchanged visit's GET answered 304 Not Modified. */
  isUnchangedNotModified: boolean;
}

/** The seeded thread: the fixture generator's names, bodies and nesting, with fresh random ids. */
function seedInputs(count: number): NewCommentBody[] {
  const ids = new Map<string, string>();
  return generateThread({ thread: demoThread, count }).map((comment) => {
    const id = randomUUID();
    ids.set(comment.id, id);
    return {
      id,
      authorName: comment.authorName,
      body: comment.body,
      parentId: comment.parentId === null ? null : ids.get(comment.parentId)!,
    };
  });
}

function summarizeWire(records: readonly NetworkRecord[]): WireTransfer {
  const api = records.filter(
    (record) => record.path.startsWith('/api/') && !new URL(record.url).pathname.endsWith('/events'),
  );
  const scripts = records.filter((record) => isWidgetScript(record.url));
  const sum = (list: readonly NetworkRecord[], key: 'wireBytes' | 'decodedBytes'): number =>
    list.reduce((total, record) => total + record[key], 0);
  return {
    apiBytes: sum(api, 'wireBytes'),
    apiDecodedBytes: sum(api, 'decodedBytes'),
    apiEncodings: [...new Set(api.map((record) => record.contentEncoding ?? 'identity'))],
    hearthBytes: sum(
      scripts.filter((record) => new URL(record.url).pathname === '/hearth.js'),
      'wireBytes',
    ),
    scriptBytes: sum(scripts, 'wireBytes'),
  };
}

/**
 * Opens the demo page in `context`, waits for `expected` comments, for the API to go quiet and
 * for the widget's cached thread state to satisfy `isDone` (so the next visit starts from it),
 * then closes the page.
 */
async function visit(
  context: BrowserContext,
  server: HearthServer,
  expected: number,
  isDone: (state: CachedThreadState) => boolean,
): Promise<VisitTransfer> {
  const page = await context.newPage();
  try {
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    const network = await trackNetwork(context, page);
    const traffic = trackApiTraffic(page);
    await openDemoAtComments(page, server);
    await waitForHeadingCount(page, expected);
    await traffic.settle();
    await waitForCachedThread(page, demoThread, isDone);
    await traffic.settle();
    const exchanges = await traffic.exchanges();
    const gets = exchanges.filter((exchange) => exchange.method === 'GET');
    const wire = summarizeWire(network.records());
    await network.detach();
    return {
      requests: exchanges.length,
      totalBytes: exchanges.reduce((sum, exchange) => sum + exchange.totalBytes, 0),
      finalGetStatus: gets.at(-1)?.status ?? 0,
      exchanges,
      wire,
    };
  } finally {
    await page.close();
  }
}

/**
 * Return-visit transfer against the real server: seeds the demo thread, makes a first visit
 * in a fresh profile, then measures the API bytes of a return visit after one new comment and
 * of return visits with nothing new (which should end in a 304).
 */
export function measureTransfer(options: TransferOptions): Promise<TransferResult> {
  return withLiveHearth(async ({ server, browser, browserVersion }) => {
    process.stdout.write(`  transfer: seeding ${options.count} comments…\r`);
    const seedStart = performance.now();
    await postComments(server, demoThread, seedInputs(options.count));
    const seedMs = performance.now() - seedStart;
    const seeded = await readThread(server, demoThread);
    if (seeded.comments.length !== options.count) {
      throw new Error(`Seeded ${seeded.comments.length} of ${options.count} comments.`);
    }

    const context = await browser.newContext();
    try {
      process.stdout.write('  transfer: first visit…                 \r');
      const firstVisit = await visit(context, server, options.count, (s) => s.cursor === seeded.cursor);

      process.stdout.write('  transfer: return visit, 1 new comment…\r');
      const added = await postComment(server, demoThread, {
        id: randomUUID(),
        authorName: 'Return Visitor',
        body: 'Posted between two visits: the return visit should fetch only this comment.',
        parentId: null,
      });
      const { cursor } = await readThread(server, demoThread);
      if (cursor !== String(added.seq)) throw new Error(`Cursor ${cursor} after posting seq ${added.seq}.`);
      const newComment = await visit(context, server, options.count + 1, (s) => s.cursor === cursor);

      process.stdout.write('  transfer: return visit, nothing new…  \r');
      const settledWithEtag = (s: CachedThreadState): boolean => s.cursor === cursor && s.etag !== null;
      const unchanged = [await visit(context, server, options.count + 1, settledWithEtag)];
      if (unchanged[0]!.finalGetStatus !== 304) {
        // The first unchanged visit got an empty 200 and stored its ETag; the next one can be a 304.
        unchanged.push(await visit(context, server, options.count + 1, settledWithEtag));
      }
      process.stdout.write('\n');

      return {
        browser: `Chromium ${browserVersion}`,
        comments: options.count,
        seedMs,
        firstVisit,
        newComment,
        unchanged,
        goalNewCommentBytes,
        isNewCommentWithinGoal: newComment.totalBytes <= goalNewCommentBytes,
        goalFirstVisitApiBytes,
        isFirstVisitApiWithinGoal: firstVisit.wire.apiBytes <= goalFirstVisitApiBytes,
        goalHearthBytes,
        isHearthWithinGoal: firstVisit.wire.hearthBytes <= goalHearthBytes,
        isUnchangedNotModified: unchanged.at(-1)!.finalGetStatus === 304,
      };
    } finally {
      await context.close();
    }
  });
}
