import type { Context, Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { loadEmailWords } from '../email/email-words.js';
import { readLinkToken } from '../email/link-token.js';
import { readAcceptLanguage, sendLinkPage } from '../email/link-page.js';
import { readBodyCapped } from '../http/read-body.js';
import { createSecretReader } from '../jobs/hearth-jobs.js';
import { hashToken } from '../notifications/notify-context.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** The most a form from these pages, or a one-click unsubscribe, can need. */
const formMaxBytes = 4096;

/**
 * Registers the pages that links in readers' emails open, outside `/api` (they are top-level
 * pages, not calls from a site's page):
 * - `/email/confirm?t=…`: double opt-in. GET shows a button; its POST confirms the address
 *   (single use: the token is cleared; expired after 7 days).
 * - `/email/unsubscribe?t=…`: GET shows "stop this discussion", "stop everything" and "forget my
 *   email"; a POST of one of them does it. A POST of `List-Unsubscribe=One-Click` (RFC 8058, sent
 *   by mail clients' own unsubscribe button) stops what the link names at once.
 * GET changes nothing: mail scanners open links before people do.
 */
export function registerEmailLinkRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;
  const readSecret = createSecretReader(store, config);

  app.get('/email/confirm', async (c) => {
    const { locale, words } = await loadEmailWords(readAcceptLanguage(c));
    const token = c.req.query('t') ?? '';
    if (!isTokenShaped(token)) {
      return sendLinkPage(c, {
        status: 400,
        locale,
        heading: words.confirm.pageHeading,
        paragraphs: [words.confirm.invalid],
      });
    }
    return sendLinkPage(c, {
      status: 200,
      locale,
      heading: words.confirm.pageHeading,
      paragraphs: [],
      actions: [{ label: words.confirm.action, fields: { t: token } }],
    });
  });

  app.post('/email/confirm', async (c) => {
    const form = await readForm(c);
    const token = form.get('t') ?? c.req.query('t') ?? '';
    const address = isTokenShaped(token)
      ? await store.confirmEmailAddress(hashToken(token), config.now())
      : null;
    const { locale, words } = await loadEmailWords(address?.locale ?? readAcceptLanguage(c));
    return address
      ? sendLinkPage(c, {
          status: 200,
          locale,
          heading: words.confirm.pageHeading,
          paragraphs: [words.confirm.confirmed],
        })
      : sendLinkPage(c, {
          status: 400,
          locale,
          heading: words.confirm.pageHeading,
          paragraphs: [words.confirm.invalid],
        });
  });
  app.all('/email/confirm', methodNotAllowed(['GET', 'POST']));

  app.get('/email/unsubscribe', async (c) => {
    const token = c.req.query('t') ?? '';
    const claims = readLinkToken(token, await readSecret(), config.now());
    if (claims?.kind !== 'unsubscribe') return sendInvalid(c);
    const address = await store.getEmailAddress(claims.site, claims.email);
    const { locale, words } = await loadEmailWords(address?.locale ?? readAcceptLanguage(c));
    const actions = [
      ...(claims.thread === null
        ? []
        : [{ label: words.unsubscribe.stopThread, fields: { t: token, action: 'thread' } }]),
      { label: words.unsubscribe.stopAll(hostOf(claims.site)), fields: { t: token, action: 'all' } },
      {
        label: words.unsubscribe.forget,
        fields: { t: token, action: 'forget' },
        note: words.unsubscribe.forgetNote,
      },
    ];
    return sendLinkPage(c, {
      status: 200,
      locale,
      heading: words.unsubscribe.pageHeading,
      paragraphs: [words.unsubscribe.pageBody(claims.email)],
      actions,
    });
  });

  app.post('/email/unsubscribe', async (c) => {
    const form = await readForm(c);
    const token = form.get('t') ?? c.req.query('t') ?? '';
    const claims = readLinkToken(token, await readSecret(), config.now());
    if (claims?.kind !== 'unsubscribe') return sendInvalid(c);
    const address = await store.getEmailAddress(claims.site, claims.email);
    const { locale, words } = await loadEmailWords(address?.locale ?? readAcceptLanguage(c));
    // A mail client's one-click POST names no action: it stops what the link names.
    const action = form.get('action') ?? (claims.thread === null ? 'all' : 'thread');
    let done: string;
    if (action === 'forget') {
      await store.forgetEmailAddress(claims.site, claims.email);
      done = words.unsubscribe.forgotten;
    } else if (action === 'thread' && claims.thread !== null) {
      await store.unsubscribe(claims.site, claims.email, claims.thread);
      done = words.unsubscribe.stoppedThread;
    } else {
      await store.unsubscribe(claims.site, claims.email, null);
      done = words.unsubscribe.stoppedAll;
    }
    return sendLinkPage(c, {
      status: 200,
      locale,
      heading: words.unsubscribe.pageHeading,
      paragraphs: [done],
    });
  });
  app.all('/email/unsubscribe', methodNotAllowed(['GET', 'POST']));

  async function sendInvalid(c: Context): Promise<Response> {
    const { locale, words } = await loadEmailWords(readAcceptLanguage(c));
    return sendLinkPage(c, {
      status: 400,
      locale,
      heading: words.unsubscribe.pageHeading,
      paragraphs: [words.unsubscribe.invalid],
    });
  }

  /** The site's host as readers know it, for "stop all emails from …". */
  function hostOf(siteId: string): string {
    const origin = config.sites.find((site) => site.id === siteId)?.origins[0];
    return origin ? origin.replace(/^https?:\/\//, '').replace(/:\*$/, '') : siteId;
  }
}

/** A confirmation token: what `deriveToken` makes (43 base64url characters). */
function isTokenShaped(token: string): boolean {
  return /^[\w-]{20,100}$/.test(token);
}

/** The POSTed form, urlencoded or multipart (RFC 8058 allows both); empty when it is neither. */
export async function readForm(c: Context): Promise<Map<string, string>> {
  const bytes = await readBodyCapped(c.req.raw, formMaxBytes);
  const fields = new Map<string, string>();
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return fields;
  try {
    const form = await new Request('http://form.invalid/', {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: Buffer.from(bytes),
    }).formData();
    for (const [name, value] of form) if (typeof value === 'string') fields.set(name, value);
  } catch {
    // A malformed form is one that asks for nothing.
  }
  return fields;
}
