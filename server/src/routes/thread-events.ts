import type { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ErrorCode, LiveEventName, type ChangeEvent, type HelloEvent } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { readClientIp } from '../http/client-ip.js';
import type { ThreadChangeNotice } from '../live/change-notifier.js';
import { createStreamQuota } from '../live/stream-quota.js';
import { formatCursor, parseCursor, parseThreadInPath } from './comment-input.js';
import { methodNotAllowed } from './method-not-allowed.js';

const eventsPath = '/api/v1/threads/:thread/events';

/** What a refused stream's `Retry-After` asks for, in seconds: about one reader's visit. */
const streamRetryAfterSeconds = 60;

/** How long EventSource waits before reconnecting a dropped stream, in ms. */
const reconnectDelayMs = 3_000;

/**
 * Registers `GET /api/v1/threads/{thread}/events`: a `text/event-stream` that says when the
 * site's thread changed, so readers pull instead of polling.
 *
 * Events, in order:
 * - `hello` first, `data: {"heartbeatMs":…}` and a `retry:` for EventSource's reconnects;
 * - `change` with `id:` and `data: {"cursor":…}`, the cursor of the change (null when a
 *   change took no seq, a lock, or the server lost track and asks every reader to pull);
 * - `heartbeat` after every `config.heartbeatMs` without an event, so clients and proxies can
 *   tell an idle stream from a dead one.
 *
 * A reconnect's `Last-Event-ID` (or `?since=` on a first connect) that the thread has moved
 * past gets a `change` at once.
 *
 * One client network (IP address, see http/client-ip.ts) holds at most
 * `config.streamsPerClient` streams in this process; one more answers 429 `too_many_streams`
 * with `Retry-After`, and each stream gives its place back when it ends.
 */
export function registerThreadEventRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config, changes } = deps;
  const quota = createStreamQuota(config.streamsPerClient);

  app.get(eventsPath, (c) => {
    const site = c.get('site');
    const thread = parseThreadInPath(c.req.url, c.req.param('thread'));
    // EventSource resends the last id it saw; that is newer than the URL's first `since`. An
    // empty one means none (EventSource itself leaves the header out then).
    const since = c.req.header('Last-Event-ID')?.trim() || c.req.query('since');
    const sinceSeq = since === undefined ? null : parseCursor(since);
    // A HEAD answer has no body, so its stream would never be read nor see its client leave:
    // it would hold a subscription and a place in the quota for good.
    if (c.req.method === 'HEAD') {
      return c.body(null, 200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      });
    }
    // An unknown address (a request made in-process) is not counted: there is no network to blame.
    const network = readClientIp(c, config.trustProxy);
    const release = network === null ? () => undefined : quota.tryOpen(network);
    if (release === null) {
      throw new ApiError(
        429,
        ErrorCode.tooManyStreams,
        'Too many live streams are open from your network. Please try again later.',
        { headers: { 'Retry-After': String(streamRetryAfterSeconds) } },
      );
    }

    const response = streamSSE(c, async (stream) => {
      stream.onAbort(release);
      const relay = createRelay(stream, config.heartbeatMs);
      // Subscribe before looking back, so a change landing in between is not lost.
      // A closing notifier (the process shutting down) ends the stream; EventSource reconnects.
      const unsubscribe = changes.subscribe(site.id, thread, relay.push, relay.stop);
      stream.onAbort(() => {
        unsubscribe();
        relay.stop();
      });
      try {
        await stream.writeSSE({
          event: LiveEventName.hello,
          data: JSON.stringify({ heartbeatMs: config.heartbeatMs } satisfies HelloEvent),
          retry: reconnectDelayMs,
        });
        if (sinceSeq !== null) {
          // Only whether the thread moved on: its extent, not its comments.
          const span = await store.peekChanges(site.id, thread, sinceSeq, 1);
          if (span.lastSeq > sinceSeq) relay.push({ site: site.id, thread, seq: span.lastSeq });
        }
        await relay.run();
      } catch (error) {
        // Hono would print it raw; a write to a client that went away is no error at all.
        if (!stream.aborted) config.logError(error);
      } finally {
        unsubscribe();
        release();
      }
    });
    response.headers.set('Cache-Control', 'no-store');
    // nginx buffers proxied responses unless told otherwise, which would hold events back.
    response.headers.set('X-Accel-Buffering', 'no');
    return response;
  });

  app.all(eventsPath, methodNotAllowed(['GET', 'HEAD', 'OPTIONS']));
}

/** Writes a stream's changes and heartbeats, one at a time, until stopped. */
interface Relay {
  push: (notice: ThreadChangeNotice) => void;
  /** Resolves once the stream is stopped (the client went away). */
  run: () => Promise<void>;
  stop: () => void;
}

/**
 * Invariants:
 * - Notices arriving while a write is in flight collapse into one `change` carrying the
 *   highest seq: a reader pulls everything after its own cursor anyway.
 * - Ids never go backwards, so a reconnect never asks to replay what was announced.
 */
function createRelay(stream: SSEStreamingApi, heartbeatMs: number): Relay {
  let pendingSeq: number | null = null;
  let lastSeq = 0;
  let isStopped = false;
  let wake: () => void = () => undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, heartbeatMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  return {
    push(notice) {
      pendingSeq = Math.max(pendingSeq ?? 0, notice.seq);
      wake();
    },
    stop() {
      isStopped = true;
      wake();
    },
    async run() {
      while (!isStopped && !stream.aborted) {
        if (pendingSeq === null) await sleep();
        if (isStopped || stream.aborted) return;
        if (pendingSeq === null) {
          await stream.writeSSE({ event: LiveEventName.heartbeat, data: '' });
          continue;
        }
        const seq = pendingSeq;
        pendingSeq = null;
        if (seq > lastSeq) {
          lastSeq = seq;
          const cursor = formatCursor(seq);
          const data: ChangeEvent = { cursor };
          await stream.writeSSE({ event: LiveEventName.change, id: cursor, data: JSON.stringify(data) });
        } else {
          const data: ChangeEvent = { cursor: null };
          await stream.writeSSE({ event: LiveEventName.change, data: JSON.stringify(data) });
        }
      }
    },
  };
}
