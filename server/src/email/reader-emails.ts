import { renderEmail, type EmailBlock } from './email-layout.js';
import { loadEmailWords } from './email-words.js';
import type { EmailMessage } from './mailer.js';

/** What every email to a reader names. */
interface ReaderEmailBase {
  to: string;
  /** The reader's language tag, or null for English. */
  locale: string | null;
  /** The site's host as the reader knows it (`blog.example.org`). */
  host: string;
  messageId: string;
}

/** The confirmation email of double opt-in: nothing else goes to an address before its link is opened. */
export async function buildConfirmEmail(
  options: ReaderEmailBase & { confirmUrl: string },
): Promise<EmailMessage> {
  const { locale, words } = await loadEmailWords(options.locale);
  const blocks: EmailBlock[] = [
    { kind: 'paragraph', text: words.confirm.intro(options.host) },
    { kind: 'button', label: words.confirm.action, href: options.confirmUrl },
    { kind: 'note', text: words.confirm.expires },
    { kind: 'note', text: words.confirm.ignore },
  ];
  return {
    to: options.to,
    subject: words.confirm.subject,
    messageId: options.messageId,
    ...renderEmail(locale, blocks),
  };
}

/** One new comment in a notification. */
export interface NotifiedComment {
  authorName: string;
  /** Its body as safe HTML (feeds/comment-html.ts) and as written. */
  html: string;
  text: string;
  /** `…#comment-<id>` on its page, or null when the page is unknown. */
  url: string | null;
  /** Whether it answers the reader's own comment (else it is new in a thread they follow). */
  isReply: boolean;
  /** The start of the reader's comment it answers, as plain text, when it is a reply. */
  parentExcerpt: string | null;
  /** Stops emails about its thread. */
  stopThreadUrl: string;
}

/**
 * A notification of one new comment, or a digest of several: who wrote what, a link to each
 * on its page, a link to stop each discussion and one to stop everything. Carries RFC 8058
 * one-click unsubscribe headers, which stop everything on the site.
 */
export async function buildNotificationEmail(
  options: ReaderEmailBase & { comments: readonly NotifiedComment[]; stopAllUrl: string },
): Promise<EmailMessage> {
  const { locale, words } = await loadEmailWords(options.locale);
  const { comments } = options;
  const first = comments[0]!;
  const subject =
    comments.length > 1
      ? words.reply.subjectDigest(comments.length)
      : first.isReply
        ? words.reply.subjectReply(first.authorName)
        : words.reply.subjectThread(first.authorName);
  const blocks: EmailBlock[] = [];
  const stopLinks = new Set<string>();
  for (const comment of comments) {
    if (blocks.length > 0) blocks.push({ kind: 'rule' });
    if (comment.parentExcerpt !== null) {
      blocks.push(
        { kind: 'note', text: words.reply.repliedTo },
        { kind: 'quote', text: comment.parentExcerpt },
      );
    }
    blocks.push({ kind: 'paragraph', text: words.reply.wrote(comment.authorName) });
    blocks.push({ kind: 'comment', html: comment.html, text: comment.text });
    if (comment.url) blocks.push({ kind: 'button', label: words.reply.open, href: comment.url });
    stopLinks.add(comment.stopThreadUrl);
  }
  blocks.push({ kind: 'rule' }, { kind: 'note', text: words.reply.why(options.host) });
  for (const href of stopLinks) blocks.push({ kind: 'link', label: words.unsubscribe.stopThread, href });
  blocks.push({ kind: 'link', label: words.unsubscribe.stopAll(options.host), href: options.stopAllUrl });
  return {
    to: options.to,
    subject,
    messageId: options.messageId,
    headers: {
      'List-Unsubscribe': `<${options.stopAllUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    ...renderEmail(locale, blocks),
  };
}
