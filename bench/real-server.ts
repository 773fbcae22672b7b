import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../server/src/app.js';
import { demoSite } from '../server/src/site-config.js';
import { createSqliteStore } from '../server/src/store/sqlite-store.js';
import type { Comment } from '../src/protocol/index.js';
import { readBenchAssets } from './bench-assets.js';
import { seedSqliteThread } from './fixtures/seed-sqlite.js';

/** The reference server as the render and critical-path benchmarks drive it. */
export interface RealBenchServer {
  origin: string;
  /** The thread's comments as the server stored them (seqs from the store), in change order. */
  comments: Comment[];
  /** Holds every `/api/` answer this many ms (0: none), e.g. to show a return visit paints from cache. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/**
 * Starts the reference server's app (`createApp`, the routes, page size and headers `npm start`
 * has) in this process on a fresh SQLite file seeded with `comments` through the store, behind
 * a Node HTTP server on 127.0.0.1 that also serves the bench page. The widget and the plain
 * renderer then read the thread from the same endpoint in the same pages, so a comparison of
 * the two measures rendering, not transport. The file is removed on `close()`.
 */
export async function startRealBenchServer(
  bundlePath: string,
  comments: readonly Comment[],
): Promise<RealBenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
  const file = join(dataDir, 'hearth.db');
  const stored = await seedSqliteThread(file, demoSite.id, comments);
  const store = createSqliteStore(file);
  const app = createApp(store, {
    assets: { widgetFile: bundlePath, demoDir: join(dirname(bundlePath), '..', 'demo') },
    logInfo: () => undefined,
  });
  const answerApp = getRequestListener(app.fetch);
  const assets = readBenchAssets();
  let delayMs = 0;
  // Answers being computed or held back, so closing can wait for them before the store closes.
  const inFlight = new Set<Promise<void>>();
  const held = new Map<NodeJS.Timeout, ServerResponse>();

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const answered = answerApp(request, response).finally(() => inFlight.delete(answered));
    inFlight.add(answered);
  }

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://bench');
    const asset = assets.get(pathname);
    if (asset) {
      response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' }).end(asset.body);
    } else if (pathname.startsWith('/api/') && delayMs > 0) {
      const timer = setTimeout(() => {
        held.delete(timer);
        answer(request, response);
      }, delayMs);
      held.set(timer, response);
    } else answer(request, response);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    comments: stored,
    setDelay(ms: number): void {
      delayMs = ms;
    },
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Held answers are never given: the store they would read is about to close.
      for (const [timer, response] of held) {
        clearTimeout(timer);
        response.destroy();
      }
      held.clear();
      // Ends open event streams too; their handlers then return, as do those mid-answer.
      server.closeAllConnections();
      await Promise.allSettled([...inFlight]);
      await closed;
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
