import { randomUUID } from 'node:crypto';
import type { Exchange } from '../client.js';
import { describe, fail, type KitContext } from '../check.js';

/** The comma-separated tokens of a header, lowercased. */
function readList(exchange: Exchange, name: string): string[] {
  return (exchange.headers.get(name) ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '');
}

/** Fails unless `exchange` lets the kit's origin read it: the origin echoed, never `*`, no credentials. */
function expectAllowed(kit: KitContext, exchange: Exchange, sent: string): void {
  const allowed = exchange.headers.get('Access-Control-Allow-Origin');
  if (allowed !== kit.client.origin) {
    fail(
      `${sent}: Access-Control-Allow-Origin is ${allowed}, expected the origin ${kit.client.origin} echoed (${describe(kit, exchange)})`,
    );
  }
  if (exchange.headers.has('Access-Control-Allow-Credentials')) {
    fail(`${sent}: Access-Control-Allow-Credentials must never be sent; the widget sends no cookies`);
  }
  if (!readList(exchange, 'Vary').includes('origin')) {
    fail(`${sent}: Vary is ${exchange.headers.get('Vary')}, which must include Origin`);
  }
}

/** Fails unless the header `name` of `exchange` lists every one of `wanted`. */
function expectListed(exchange: Exchange, name: string, wanted: string[], sent: string): void {
  const listed = readList(exchange, name);
  const missing = wanted.filter((token) => !listed.includes(token.toLowerCase()));
  if (missing.length > 0)
    fail(`${sent}: ${name} is ${exchange.headers.get(name)}, missing ${missing.join(', ')}`);
}

/**
 * A preflight from the site's origin, for the feed and for a comment, is answered 204 with the
 * origin echoed and the methods and headers the widget uses allowed.
 */
export async function checkCorsPreflight(kit: KitContext): Promise<void> {
  const targets = [
    { url: kit.client.feedUrl(), method: 'POST' },
    { url: kit.client.commentUrl(randomUUID()), method: 'PATCH' },
  ];
  for (const { url, method } of targets) {
    const requested = 'content-type, authorization, if-none-match';
    const exchange = await kit.client.send('OPTIONS', url, {
      headers: { 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requested },
    });
    const sent = `OPTIONS (a preflight for ${method}) from ${kit.client.origin}`;
    if (exchange.status !== 204) fail(`${sent}: expected 204, but ${describe(kit, exchange)}`);
    expectAllowed(kit, exchange, sent);
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
    expectListed(exchange, 'Access-Control-Allow-Methods', methods, sent);
    expectListed(
      exchange,
      'Access-Control-Allow-Headers',
      ['Content-Type', 'Authorization', 'If-None-Match'],
      sent,
    );
  }
}

/**
 * Answers to the site's origin, a page and an error alike, echo it in
 * `Access-Control-Allow-Origin`, say `Vary: Origin` and expose `ETag` and `Retry-After`.
 */
export async function checkCorsRequest(kit: KitContext): Promise<void> {
  const page = await kit.client.send('GET', kit.client.feedUrl());
  const error = await kit.client.send('GET', kit.client.feedUrl({ since: 'x'.repeat(65) }));
  for (const [exchange, sent] of [
    [page, `GET the feed from ${kit.client.origin}`],
    [error, `GET the feed with a bad cursor (an error) from ${kit.client.origin}`],
  ] as const) {
    expectAllowed(kit, exchange, sent);
    expectListed(exchange, 'Access-Control-Expose-Headers', ['ETag', 'Retry-After'], sent);
  }
}
