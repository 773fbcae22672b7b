import type { Context, MiddlewareHandler } from 'hono';

/** Adds headers every response carries, errors included: browsers must never sniff types. */
export function createSecurityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  };
}

/**
 * Powerful features no Hearth page uses, denied to the page and to anything it frames, so a
 * script that got in could not ask for them either.
 */
const htmlPermissionsPolicy =
  'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), ' +
  'magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), ' +
  'screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()';

/**
 * Sets the headers of an HTML page the server serves (the demo pages, the admin page): its
 * `Content-Security-Policy`, a `Referrer-Policy` (the admin page sends none at all, the demo
 * only its origin to other sites), the `Permissions-Policy` above, and
 * `Cross-Origin-Opener-Policy: same-origin`, so a page it opens or that opens it cannot reach
 * its window.
 */
export function setHtmlPageHeaders(
  c: Context,
  options: {
    contentSecurityPolicy: string;
    referrerPolicy: 'no-referrer' | 'strict-origin-when-cross-origin';
  },
): void {
  c.header('Content-Security-Policy', options.contentSecurityPolicy);
  c.header('Referrer-Policy', options.referrerPolicy);
  c.header('Permissions-Policy', htmlPermissionsPolicy);
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
}
