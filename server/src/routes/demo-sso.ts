import { createHash } from 'node:crypto';
import type { Context, Hono, Next } from 'hono';
import { SignJWT } from 'jose';
import { AuthorNameSchema, ErrorCode } from '../../../src/protocol/index.js';
import { z } from '../../../src/protocol/zod.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { jsonBody } from '../middleware/request-validators.js';
import type { SiteConfig } from '../site-config.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** Where the demo's stand-in for a site's own login hands out SSO tokens. */
export const demoSsoTokenPath = '/demo/sso-token';

/** How long a demo token lives: short, so the demo page meets `hearth-sso-token-expired`. */
const demoSsoTokenLifetimeSeconds = 10 * 60;

/** Largest body read: `{"name": …}` with an 80-character name fits many times over. */
const demoSsoMaxBodyBytes = 1024;

const DemoSignInSchema = /* @__PURE__ */ z.strictObject({ name: AuthorNameSchema });

/**
 * Registers `POST /demo/sso-token` `{ name }` → `{ token }`: what a site's own backend does for
 * a signed-in reader (docs/sso.md), played by the server for `demo/sso.html`. It signs an HS256
 * token for the default site, for whatever name it is given, so it must only ever run for the
 * built-in demo site (main.ts turns it on only without a config file). Same-origin only: it
 * sends no CORS headers and refuses a request whose `Origin` or `Sec-Fetch-Site` says another
 * site sent it. Throws a RangeError when the default site has no `sso.secret`.
 */
export function registerDemoSsoRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const site = deps.config.sites[0];
  if (site?.sso === undefined) {
    throw new RangeError('demoSso needs the first site to have sso.secret.');
  }
  const { secret } = site.sso;

  app.post(
    demoSsoTokenPath,
    refuseOtherOrigins,
    jsonBody(DemoSignInSchema, { maxBytes: demoSsoMaxBodyBytes }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      const { name } = c.req.valid('json');
      const token = await signDemoToken(site, secret, name, deps.config.now());
      return c.json({ token }, 200);
    },
  );

  // A cross-origin preflight lands here too, and gets no CORS headers.
  app.all(demoSsoTokenPath, methodNotAllowed(['POST']));
}

/**
 * The demo's user id for a name: the same name is the same user, so signing in again under it
 * (on any device) can edit and delete that user's comments.
 */
export function demoUserId(name: string): string {
  return `demo-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Signs the token exactly as docs/sso.md tells a site to, with a 10-minute lifetime. */
async function signDemoToken(site: SiteConfig, secret: string, name: string, nowMs: number): Promise<string> {
  const issuedAt = Math.floor(nowMs / 1000);
  return new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(demoUserId(name))
    .setAudience(site.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + demoSsoTokenLifetimeSeconds)
    .sign(new TextEncoder().encode(secret));
}

/**
 * Route middleware that refuses, with 403 `origin_not_allowed`, a request a browser sent from
 * another page's origin, before its body is read. Requests without either header (curl, a test)
 * come from no page and cannot borrow a reader's browser, so they pass; the demo signs any name
 * anyway.
 */
async function refuseOtherOrigins(c: Context, next: Next): Promise<void> {
  const fetchSite = c.req.header('Sec-Fetch-Site');
  const origin = c.req.header('Origin');
  const ownOrigin = new URL(c.req.url).origin;
  if (
    (fetchSite !== undefined && fetchSite !== 'same-origin') ||
    (origin !== undefined && origin !== ownOrigin)
  ) {
    throw new ApiError(
      403,
      ErrorCode.originNotAllowed,
      'The demo sign-in answers only pages served by this Hearth server.',
    );
  }
  await next();
}
