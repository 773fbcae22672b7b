import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Comment } from '../src/protocol/index.js';
import { benchThread, readBenchAssets } from './bench-assets.js';

/**
 * The fake bench server: the bundle, the bench page and a fake protocol v1 endpoint with a delay.
 * With `pageSize` it pages changes as the reference server does (`?since=`, `more`); `?full`
 * still answers the whole thread in one response, for the plain renderer of bench/render-big.ts.
 * With `isCrossOriginIsolated` the page is, so it may call `performance.measureUserAgentSpecificMemory()`.
 * bench/render.ts measures against the real server instead (bench/real-server.ts).
 */
export async function startBenchServer(
  bundlePath: string,
  comments: Comment[],
  { pageSize, isCrossOriginIsolated = false }: { pageSize?: number; isCrossOriginIsolated?: boolean } = {},
) {
  const bundle = readFileSync(bundlePath);
  const assets = readBenchAssets();
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
    if (decodeURIComponent(match[1]!) === benchThread) {
      body = since === lastSeq ? upToDate : full;
      if (pageSize && !url.searchParams.has('full')) body = answerPage(Number(since ?? '0'), pageSize);
    }
    if (delayMs > 0) setTimeout(() => send(response, 'application/json', body), delayMs);
    else send(response, 'application/json', body);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    const asset = assets.get(url.pathname);
    if (asset) send(response, asset.type, asset.body);
    else if (url.pathname === '/hearth.js') send(response, 'text/javascript; charset=utf-8', bundle);
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
