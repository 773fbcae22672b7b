import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/** A path's response: its content type and body. */
export interface StaticFile {
  type: string;
  body: string | (() => string);
}

/** A tiny HTTP server on 127.0.0.1 standing in for someone else's site (another origin). */
export interface StaticServer {
  /** Its origin with a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Serves `files` by exact path; everything else is a 404. */
export async function startStaticServer(files: Record<string, StaticFile>): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = typeof file.body === 'function' ? file.body() : file.body;
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The built widget as another site would host it: `/hearth.js` and the chunks it loads later. */
export function widgetFiles(bundlePath: string): Record<string, StaticFile> {
  const type = 'text/javascript; charset=utf-8';
  const files: Record<string, StaticFile> = {
    '/hearth.js': { type, body: () => readFileSync(bundlePath, 'utf8') },
  };
  const chunksDir = join(dirname(bundlePath), 'chunks');
  for (const name of readdirSync(chunksDir).filter((file) => file.endsWith('.js'))) {
    files[`/chunks/${name}`] = { type, body: () => readFileSync(join(chunksDir, name), 'utf8') };
  }
  return files;
}

/** A minimal foreign page embedding Hearth from `scriptUrl`, with an optional endpoint. */
export function embedPage(options: { scriptUrl: string; thread: string; endpoint?: string }): string {
  const attrs = [`thread="${options.thread}"`];
  if (options.endpoint) attrs.push(`endpoint="${options.endpoint}"`);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Someone else’s blog</title>',
    '<link rel="icon" href="data:,">',
    `<script type="module" src="${options.scriptUrl}"></script></head>`,
    '<body><main><h1>My post</h1><p>Words.</p>',
    `<hearth-comments ${attrs.join(' ')}></hearth-comments>`,
    '</main></body></html>',
  ].join('\n');
}
