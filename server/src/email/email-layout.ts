import type { Locale } from '../../../src/i18n/locales.js';
import { escapeMarkup } from '../feeds/comment-html.js';
import { isRightToLeft } from './email-words.js';

/** One piece of an email, written once and rendered as plain text and as HTML. */
export type EmailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'button'; label: string; href: string }
  | { kind: 'link'; label: string; href: string }
  /** A comment: its safe HTML (feeds/comment-html.ts) and its text as the author wrote it. */
  | { kind: 'comment'; html: string; text: string }
  /** A short quotation in plain text (the reader's own comment that was answered). */
  | { kind: 'quote'; text: string }
  | { kind: 'rule' }
  | { kind: 'note'; text: string };

/**
 * An email's plain-text and HTML parts from the same blocks. Every text is escaped in the
 * HTML; a comment's HTML comes from `toCommentHtml`, which lets through only the widget's
 * formatting and http(s)/mailto links. Styles are inline, as mail clients drop style sheets.
 */
export function renderEmail(locale: Locale, blocks: readonly EmailBlock[]): { text: string; html: string } {
  const text = blocks.map(blockText).join('\n\n');
  const dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
  const html =
    `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"></head>` +
    '<body style="margin:0;padding:16px;font:16px/1.5 system-ui,sans-serif;color:#1f2328">' +
    `<div style="max-width:600px;margin:0 auto">${blocks.map(blockHtml).join('')}</div></body></html>`;
  return { text: `${text}\n`, html };
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'paragraph':
    case 'note':
      return block.text;
    case 'button':
    case 'link':
      return `${block.label}:\n${block.href}`;
    case 'comment':
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'rule':
      return '--';
  }
}

function blockHtml(block: EmailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeMarkup(block.text)}</p>`;
    case 'note':
      return `<p style="font-size:13px;color:#59636e">${escapeMarkup(block.text)}</p>`;
    case 'button':
      return (
        `<p><a href="${escapeMarkup(block.href)}" style="display:inline-block;padding:8px 16px;` +
        `border-radius:6px;background:#0969da;color:#fff;text-decoration:none">${escapeMarkup(block.label)}</a></p>`
      );
    case 'link':
      return `<p style="font-size:13px"><a href="${escapeMarkup(block.href)}" style="color:#0969da">${escapeMarkup(block.label)}</a></p>`;
    case 'comment':
      return `<blockquote style="margin:0 0 16px;padding:0 12px;border-inline-start:3px solid #d1d9e0">${block.html}</blockquote>`;
    case 'quote':
      return `<blockquote style="margin:0 0 16px;padding:0 12px;border-inline-start:3px solid #d1d9e0;color:#59636e"><p>${escapeMarkup(block.text)}</p></blockquote>`;
    case 'rule':
      return '<hr style="border:0;border-top:1px solid #d1d9e0">';
  }
}
