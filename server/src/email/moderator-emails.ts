import { adminMessages } from '../../../src/i18n/messages/admin-messages.js';
import type { HoldReason } from '../moderation/hold-rules.js';
import { renderEmail, type EmailBlock } from './email-layout.js';
import { loadEmailWords } from './email-words.js';
import type { EmailMessage } from './mailer.js';

/**
 * Moderators' emails are in English, like the admin page (src/i18n/messages/admin-messages.ts), whose
 * words for a hold reason they share: admins have no language of their own in the config.
 */
const adminLocale = 'en';

/** What every email to a moderator names. */
interface ModeratorEmailBase {
  to: string;
  /** `${publicUrl}/admin`: the moderation page. */
  adminUrl: string;
  messageId: string;
}

/** A held comment, as its alert shows it. */
export interface HeldCommentAlert extends ModeratorEmailBase {
  /** The site's host as readers know it (`blog.example.org`). */
  host: string;
  authorName: string;
  /** Its body as safe HTML (feeds/comment-html.ts) and as written. */
  html: string;
  text: string;
  /** The first hold rule it meets now, or null when none does any more. */
  reason: HoldReason | null;
  /** Its thread's key, and the page the thread lives on when known. */
  thread: string;
  pageUrl: string | null;
  /** Signed one-click links (`/email/moderate?t=…`), each opening a page whose button acts. */
  approveUrl: string;
  rejectUrl: string;
}

/**
 * The email that tells a moderator a comment is held: why, who wrote what, on which page, and
 * one-click Approve and Reject links that need no sign-in.
 */
export async function buildHeldCommentEmail(alert: HeldCommentAlert): Promise<EmailMessage> {
  const { words } = await loadEmailWords(adminLocale);
  const blocks: EmailBlock[] = [{ kind: 'paragraph', text: words.moderation.intro(alert.host) }];
  if (alert.reason) {
    blocks.push({ kind: 'paragraph', text: words.moderation.reason(describeHoldReason(alert.reason)) });
  }
  blocks.push(
    { kind: 'paragraph', text: words.reply.wrote(alert.authorName) },
    { kind: 'comment', html: alert.html, text: alert.text },
  );
  if (alert.pageUrl) blocks.push({ kind: 'link', label: alert.thread, href: alert.pageUrl });
  blocks.push(
    { kind: 'button', label: words.moderation.approve, href: alert.approveUrl },
    { kind: 'button', label: words.moderation.reject, href: alert.rejectUrl },
    { kind: 'note', text: words.moderation.expires },
    { kind: 'link', label: words.moderation.openAdmin, href: alert.adminUrl },
  );
  return {
    to: alert.to,
    subject: words.moderation.subject(alert.authorName),
    messageId: alert.messageId,
    ...renderEmail(adminLocale, blocks),
  };
}

/** Why a comment is held, in the admin page's words ("it has 3 links; this site allows 2."). */
function describeHoldReason(reason: HoldReason): string {
  const reasons = adminMessages.holdReasons;
  switch (reason.code) {
    case 'links':
      return reasons.links(reason.links, reason.maxLinks);
    case 'blocklist':
      return reasons.blocklist(reason.phrase);
    default:
      return reasons[reason.code]();
  }
}

/** One comment in a daily digest. */
export interface DigestComment {
  authorName: string;
  /** Where it was posted: its thread, with the site when the server has several. */
  place: string;
  /** The start of its text, plain. */
  excerpt: string;
  /** `…#comment-<id>` on its page, or null when the page is unknown. */
  url: string | null;
}

/** A moderator's daily digest. */
export interface DailyDigest extends ModeratorEmailBase {
  /** The end of the 24 hours it covers, ISO 8601. */
  until: string;
  /** How many comments were published in them (at most `publishedCap`, meaning "or more"). */
  publishedCount: number;
  publishedCap: number;
  /** The newest of them, at most 50. */
  comments: readonly DigestComment[];
  /** How many comments wait for a moderator now. */
  heldCount: number;
}

const count = (value: number, one: string, other: string): string =>
  `${value.toLocaleString('en')} ${value === 1 ? one : other}`;

/** The daily digest: how many comments came in the last 24 hours, the newest of them, and how many are held. */
export function buildDailyDigestEmail(digest: DailyDigest): EmailMessage {
  const isCapped = digest.publishedCount >= digest.publishedCap;
  const published = `${count(digest.publishedCount, 'comment', 'comments')}${isCapped ? ' or more' : ''}`;
  const blocks: EmailBlock[] = [
    {
      kind: 'paragraph',
      text: `In the 24 hours to ${digest.until.slice(0, 16).replace('T', ' ')} UTC: ${published} published.`,
    },
    {
      kind: 'paragraph',
      text: `Waiting for a moderator now: ${count(digest.heldCount, 'comment', 'comments')}.`,
    },
  ];
  for (const comment of digest.comments) {
    blocks.push(
      { kind: 'rule' },
      { kind: 'paragraph', text: `${comment.authorName} on ${comment.place}:` },
      { kind: 'quote', text: comment.excerpt },
    );
    if (comment.url) blocks.push({ kind: 'link', label: 'Read it on its page', href: comment.url });
  }
  const unlisted = digest.publishedCount - digest.comments.length;
  if (unlisted > 0) {
    blocks.push({ kind: 'note', text: `And ${unlisted.toLocaleString('en')}${isCapped ? ' or' : ''} more.` });
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'link', label: 'Open the moderation page', href: digest.adminUrl },
    { kind: 'note', text: 'You get this because your admin entry in the config has dailyDigest: true.' },
  );
  return {
    to: digest.to,
    subject: `Daily digest: ${published} published, ${digest.heldCount.toLocaleString('en')} held`,
    messageId: digest.messageId,
    ...renderEmail(adminLocale, blocks),
  };
}
