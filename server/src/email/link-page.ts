import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Locale } from '../../../src/i18n/locales.js';
import { escapeMarkup } from '../feeds/comment-html.js';
import { setHtmlPageHeaders } from '../middleware/security-headers.js';
import { isRightToLeft } from './email-words.js';

/** A button on a page that a link in an email opens: a form that POSTs back to the same page. */
export interface PageAction {
  label: string;
  /** Form fields, hidden: the link's token and what to do. */
  fields: Readonly<Record<string, string>>;
  /** A line under the button. */
  note?: string;
}

const style =
  'body{margin:0;padding:32px 16px;font:16px/1.5 system-ui,sans-serif;color:#1f2328;background:#fff}' +
  'main{max-width:560px;margin:0 auto}form{margin:16px 0}' +
  'button{font:inherit;padding:8px 16px;border-radius:6px;border:1px solid #0969da;background:#0969da;color:#fff;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #1f2328;outline-offset:2px}.note{font-size:14px;color:#59636e}' +
  '@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}.note{color:#9198a1}}';
const styleHash = createHash('sha256').update(style).digest('base64');
// No script at all; the one style element is allowed by its hash; forms post only here.
const contentSecurityPolicy =
  `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; ` +
  "form-action 'self'; frame-ancestors 'none'";

/**
 * Answers with a small HTML page for a link in an email (confirm, unsubscribe, moderate). GET
 * never changes anything, as mail scanners open links to check them: the page shows a button
 * whose form POSTs, and only that acts. Every text is escaped.
 */
export function sendLinkPage(
  c: Context,
  page: {
    status: 200 | 400 | 404;
    locale: Locale;
    heading: string;
    paragraphs: readonly string[];
    actions?: readonly PageAction[];
  },
): Response {
  setHtmlPageHeaders(c, { contentSecurityPolicy, referrerPolicy: 'no-referrer' });
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex, nofollow');
  const dir = isRightToLeft(page.locale) ? 'rtl' : 'ltr';
  const forms = (page.actions ?? []).map(
    (action) =>
      '<form method="post">' +
      Object.entries(action.fields)
        .map(
          ([name, value]) =>
            `<input type="hidden" name="${escapeMarkup(name)}" value="${escapeMarkup(value)}">`,
        )
        .join('') +
      `<button type="submit">${escapeMarkup(action.label)}</button>` +
      (action.note ? `<p class="note">${escapeMarkup(action.note)}</p>` : '') +
      '</form>',
  );
  const html =
    `<!doctype html><html lang="${page.locale}" dir="${dir}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeMarkup(page.heading)}</title><style>${style}</style></head><body><main>` +
    `<h1>${escapeMarkup(page.heading)}</h1>` +
    page.paragraphs.map((text) => `<p>${escapeMarkup(text)}</p>`).join('') +
    forms.join('') +
    '</main></body></html>';
  return c.html(html, page.status);
}

/** The first language the request's `Accept-Language` names, or null. */
export function readAcceptLanguage(c: Context): string | null {
  const header = c.req.header('Accept-Language') ?? '';
  const first = header.split(',')[0]?.split(';')[0]?.trim() ?? '';
  return /^[a-z]{2,8}(-[a-z\d]{1,8})*$/i.test(first) ? first : null;
}
