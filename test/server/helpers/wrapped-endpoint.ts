import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../../server/src/app.js';
import { SiteConfigSchema } from '../../../server/src/site-config.js';
import { createMemoryStore } from '../../../server/src/store/memory-store.js';
import { lenientDemoSite } from './fixtures.js';

// The duplicate check would refuse a retry stored again under a new id; the broken server has none.
const site = SiteConfigSchema.parse({
  ...lenientDemoSite,
  limits: { ...lenientDemoSite.limits, duplicateWindowMinutes: 0 },
});

/** What the wrapper does to the reference app: two ways to break the protocol, one to test pacing. */
export const Wrapping = {
  /** A post sent again unchanged is stored again under a new id, and answered 201. */
  storesRetriesTwice: 'stores-retries-twice',
  /** `If-None-Match` is dropped before the app sees it, so the feed never answers 304. */
  ignoresIfNoneMatch: 'ignores-if-none-match',
  /** The first post is answered 429 with `Retry-After: 1`, as a rate limit would. */
  throttlesFirstPost: 'throttles-first-post',
} as const;
export type Wrapping = (typeof Wrapping)[keyof typeof Wrapping];

/** A listening endpoint: its URL, ending in '/', and how to stop it. */
export interface WrappedEndpoint {
  url: string;
  close: () => Promise<void>;
}

const isPost = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname.endsWith('/comments');

/**
 * The reference app over a fresh memory store (the demo site without proof of work, duplicate
 * check or rate limits that a test reaches), served on a free port of 127.0.0.1 with `wrapping` applied.
 */
export async function startWrappedEndpoint(wrapping: Wrapping): Promise<WrappedEndpoint> {
  const store = createMemoryStore();
  const app = createApp(store, { sites: [site], logWarn: () => undefined });
  const postsSeen = new Map<string, string>();
  let isThrottled = wrapping === Wrapping.throttlesFirstPost;

  async function wrap(request: Request): Promise<Request | Response> {
    if (wrapping === Wrapping.ignoresIfNoneMatch && request.headers.has('If-None-Match')) {
      const headers = new Headers(request.headers);
      headers.delete('If-None-Match');
      return new Request(request, { headers });
    }
    if (!isPost(request)) return request;
    if (isThrottled) {
      isThrottled = false;
      const error = { error: { code: 'rate_limited', message: 'Too many posts; wait a second.' } };
      return Response.json(error, {
        status: 429,
        headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' },
      });
    }
    if (wrapping !== Wrapping.storesRetriesTwice) return request;
    const text = await request.text();
    let body = text;
    try {
      const post = JSON.parse(text) as { id?: string };
      if (post.id !== undefined && postsSeen.get(post.id) === text)
        body = JSON.stringify({ ...post, id: randomUUID() });
      else if (post.id !== undefined) postsSeen.set(post.id, text);
    } catch {
      // Not JSON: the app refuses it as it is.
    }
    const headers = new Headers(request.headers);
    headers.delete('Content-Length');
    return new Request(request.url, { method: 'POST', headers, body });
  }

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listener = serve(
      {
        fetch: async (request, env) => {
          const wrapped = await wrap(request);
          return wrapped instanceof Response ? wrapped : app.fetch(wrapped, env);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(listener),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await store.close();
    },
  };
}
