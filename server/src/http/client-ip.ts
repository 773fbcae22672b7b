import { isIP } from 'node:net';

/** The parts of a Hono context the client address comes from. */
export interface ClientIpSource {
  req: { header(name: string): string | undefined };
  /** `@hono/node-server` puts the Node request here as `incoming`; absent in `app.request()`. */
  env?: unknown;
}

/**
 * The client's IP address, or null when it is unknown (requests made in-process with
 * `app.request()`).
 *
 * Without `trustProxy` it is the TCP peer: `X-Forwarded-For` is ignored, because any client can
 * send one. With `trustProxy` it is the right-most valid address of `X-Forwarded-For`, the one
 * our own proxy appended (nginx's `$proxy_add_x_forwarded_for`), falling back to the TCP peer.
 * Addresses to its left came from the client and are not trusted: taking the left-most would
 * let anyone pick a new address per request and walk past rate limits and bans.
 *
 * IPv4 addresses mapped into IPv6 (`::ffff:192.0.2.1`) come back as plain IPv4, so a dual-stack
 * listener hashes one client the same way whichever family it connected with.
 */
export function readClientIp(c: ClientIpSource, trustProxy: boolean): string | null {
  const peer = normalizeIp(readSocketAddress(c.env));
  if (!trustProxy) return peer;
  const forwarded = c.req.header('X-Forwarded-For');
  if (forwarded === undefined) return peer;
  const last = forwarded.split(',').at(-1) ?? '';
  return normalizeIp(stripPort(last.trim())) ?? peer;
}

function readSocketAddress(env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return typeof address === 'string' ? address : undefined;
}

/** Removes the port some proxies add: `192.0.2.1:5678`, `[2001:db8::1]:443`, `"[2001:db8::1]"`. */
function stripPort(entry: string): string {
  const unquoted = entry.replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(unquoted);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(unquoted);
  return v4WithPort ? v4WithPort[1]! : unquoted;
}

/** The address in one canonical form, or null when it is not an IP address. */
function normalizeIp(address: string | undefined): string | null {
  if (address === undefined) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIP(mapped[1]!) === 4) return mapped[1]!;
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return null;
  // A zone id (`fe80::1%eth0`) is local detail, not part of who the client is; the URL parser
  // gives the compressed lowercase form, so `2001:DB8:0::1` and `2001:db8::1` hash alike.
  return new URL(`http://[${address.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
}
