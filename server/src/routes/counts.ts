import type { Hono } from 'hono';
import {
  countsMaxThreads,
  ErrorCode,
  ThreadKeySchema,
  type CountsResponse,
} from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { createBodyEncoder } from '../http/body-encoder.js';
import { CompressionEffort, encodingForSize } from '../http/compress-body.js';
import { hashParts, matchesIfNoneMatch, tagForEncoding } from '../http/etag.js';
import { createResponseCache } from '../http/response-cache.js';
import { negotiateEncoding, sendEncoded } from '../http/send-encoded.js';
import { methodNotAllowed } from './method-not-allowed.js';

const countsPath = '/api/v1/counts';

/** Most bytes of compressed counts answers kept: 4 MiB. */
const countsCacheMaxBytes = 4 * 1024 * 1024;

/** How long browsers and proxies may reuse a counts answer, then revalidate in the background. */
const countsCacheControl = 'public, max-age=30, stale-while-revalidate=300';

/**
 * Registers `GET /api/v1/counts?threads=<key>,<key>…`: the published comments of up to 100
 * threads of the request's site in one answer, for `<hearth-count>` on article lists. Cacheable
 * for 30 s (ETag, `Vary: Origin` from the CORS middleware), since a count a little behind is fine.
 */
export function registerCountRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { config } = deps;
  // Article lists ask for the same counts again and again: each coding is made once per ETag.
  const encode = createBodyEncoder(
    createResponseCache(countsCacheMaxBytes),
    deps.compress,
    CompressionEffort.dynamic,
  );
  app.get(countsPath, async (c) => {
    const site = c.get('site');
    const threads = parseThreadList(c.req.url);
    const counts = await deps.store.countComments(site.id, threads);
    const response: CountsResponse = {
      counts: Object.fromEntries(threads.map((thread) => [thread, counts.get(thread) ?? 0])),
    };
    const json = Buffer.from(JSON.stringify(response));
    const etag = `W/"${hashParts('counts-v1', site.id, json)}"`;
    const negotiated = negotiateEncoding(c, config.compression);
    const encoding = encodingForSize(json.byteLength, negotiated);
    const codedTag = tagForEncoding(etag, encoding);
    c.header('ETag', codedTag);
    c.header('Cache-Control', countsCacheControl);
    if (matchesIfNoneMatch(c.req.header('If-None-Match'), codedTag)) return c.body(null, 304);
    const bytes = await encode(etag, json, encoding);
    return sendEncoded(c, bytes, encoding, 'application/json; charset=utf-8');
  });
  app.all(countsPath, methodNotAllowed(['GET', 'HEAD', 'OPTIONS']));
}

/**
 * The distinct thread keys of a counts URL, in the order asked. The raw query is split on
 * commas before decoding, so a key's own comma travels as `%2C`; `threads` may repeat.
 * Throws 400 `validation_failed` (field `threads`) when none is given, one is not a valid
 * thread key or not decodable, or more than 100 are asked.
 */
function parseThreadList(url: string): string[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0]! : '';
  const raw = query
    .split('&')
    .filter((pair) => pair.startsWith('threads='))
    .flatMap((pair) => pair.slice('threads='.length).split(','));
  if (raw.length === 0 || raw.every((part) => part === '')) {
    throw invalid('Name the threads to count: ?threads=<key>,<key>… (each key URL-encoded).');
  }
  const threads = new Set<string>();
  for (const part of raw) {
    let key: string;
    try {
      key = decodeURIComponent(part);
    } catch {
      throw invalid('A thread key is not valid percent-encoding.');
    }
    const result = ThreadKeySchema.safeParse(key);
    if (!result.success) throw invalid(result.error.issues[0]?.message ?? 'Invalid thread key.');
    threads.add(result.data);
  }
  if (threads.size > countsMaxThreads) {
    throw invalid(`Ask for at most ${countsMaxThreads} threads at once.`);
  }
  return [...threads];
}

function invalid(message: string): ApiError {
  return new ApiError(400, ErrorCode.validationFailed, message, { field: 'threads' });
}
