import { CommentStatus, NotifyScope } from '../../../src/protocol/index.js';
import { buildConfirmEmail, buildNotificationEmail, type NotifiedComment } from '../email/reader-emails.js';
import { toExcerpt } from '../email/excerpt.js';
import { signLinkToken } from '../email/link-token.js';
import type { EmailMessage, Mailer } from '../email/mailer.js';
import { toCommentHtml } from '../feeds/comment-html.js';
import { threadPageUrl } from '../feeds/thread-page-url.js';
import {
  CommentEvent,
  commentEventJobId,
  type CommentEventPayload,
  type PostContext,
} from '../jobs/comment-events.js';
import type { JobHandler } from '../jobs/job-worker.js';
import type { SiteConfig } from '../site-config.js';
import { parseBody } from '../store/body-tree.js';
import type { CommentRecord } from '../store/comment-store.js';
import type { JobRecord } from '../store/job-queue.js';
import { EmailAddressState, type NotificationItem } from '../store/notification-store.js';
import { deriveToken, findSite, hashToken, messageIdFor, type NotifyContext } from './notify-context.js';

/** A prepared email (`EmailMessage`): confirmations and moderator alerts. */
const sendEmailJobKind = 'email.send';
/** What waits for one address, sent as one email (a digest when there are several). */
const notifyJobKind = 'email.notify';

/** The most comments one notification email carries; the rest go in the next. */
const maxCommentsPerEmail = 50;
/** How much of the reader's own comment a reply's email quotes, in UTF-16 units. */
const excerptMaxChars = 280;

interface NotifyPayload {
  site: string;
  email: string;
}

/**
 * Reply notifications (issue #14): what a comment event means for readers' inboxes.
 *
 * Invariants:
 * - Nothing goes to an address before its owner opened the confirmation link (an SSO site's
 *   addresses count as confirmed unless `sso.emailsVerified` is false).
 * - No one is told of their own comment; a held comment is told of only once approved; a
 *   comment no longer published when its email leaves is left out of it.
 * - One email per address at a time: the job for an address is named after its oldest waiting
 *   item, so the replies that come while it waits join it, and a job left over after it
 *   (items that arrived while it sent) waits `digestGapMs`.
 * - Every step may run twice (a crash, a lease ending): items and jobs are keyed, tokens and
 *   Message-IDs derived from the job.
 */
export function createReplyNotifications(context: NotifyContext, mailer: Mailer) {
  const { store, timing } = context;

  async function consume(event: CommentEventPayload): Promise<void> {
    const site = findSite(context, event.site);
    const isNew = event.event === CommentEvent.created || event.event === CommentEvent.held;
    if (!site || !(isNew || event.event === CommentEvent.approved)) return;
    const record = await store.getComment(event.commentId);
    if (!record) return;
    const post = isNew ? event.post : await findHeldPost(event.commentId);
    if (isNew && post?.notify) await subscribeAuthor(site, record, post, commentEventJobId(event));
    if (event.event === CommentEvent.held || record.comment.status !== CommentStatus.published) return;
    await queueForSubscribers(site, record, post?.pageUrl ?? null);
  }

  /** The post behind an approved comment: what its `held` event kept. */
  async function findHeldPost(commentId: string): Promise<PostContext | undefined> {
    const job = await store.getJob(commentEventJobId({ event: CommentEvent.held, commentId, seq: 0 }));
    return (job?.payload as CommentEventPayload | undefined)?.post;
  }

  async function subscribeAuthor(
    site: SiteConfig,
    record: CommentRecord,
    post: PostContext,
    eventJobId: string,
  ): Promise<void> {
    const { email, userId } = record.author;
    if (email === null) return;
    const nowMs = context.now();
    const { thread, id } = record.comment;
    const commentId = post.notify === NotifyScope.thread ? null : id;
    await store.subscribe({ site: site.id, email, thread, commentId }, nowMs);
    const locale = post.locale ?? null;
    if (userId !== null && (site.sso?.emailsVerified ?? true)) {
      await store.verifyEmailAddress(site.id, email, locale, nowMs);
      return;
    }
    // Derived from the event, so a second run finds the token the first one stored.
    const token = deriveToken(await context.readSecret(), eventJobId);
    const tokenHash = hashToken(token);
    const outcome = await store.requestConfirmation({
      site: site.id,
      email,
      locale,
      tokenHash,
      expiresAtMs: nowMs + timing.confirmTtlMs,
      nowMs,
    });
    if (outcome === 'verified') return;
    if (
      outcome === 'waiting' &&
      (await store.getEmailAddress(site.id, email))?.confirmTokenHash !== tokenHash
    ) {
      return;
    }
    const jobId = `email.confirm:${tokenHash}`;
    const message = await buildConfirmEmail({
      to: email,
      locale,
      host: siteHost(site, post.pageUrl ?? null, thread),
      confirmUrl: `${context.publicUrl}/email/confirm?t=${token}`,
      messageId: messageIdFor(jobId, context.publicUrl),
    });
    await store.enqueueJob({ id: jobId, kind: sendEmailJobKind, payload: message, runAtMs: nowMs }, nowMs);
  }

  async function queueForSubscribers(site: SiteConfig, record: CommentRecord, pageUrl: string | null) {
    const { comment, author } = record;
    const subscribers = await store.listSubscribers(site.id, comment.thread, comment.parentId ?? null);
    const nowMs = context.now();
    const items: NotificationItem[] = subscribers
      .filter((subscriber) => subscriber.email !== author.email)
      .map((subscriber) => ({
        site: site.id,
        email: subscriber.email,
        commentId: comment.id,
        thread: comment.thread,
        reason: subscriber.reason,
        createdAtMs: nowMs,
        pageUrl: pageUrl ?? threadPageUrl(site, comment.thread),
      }));
    if (items.length === 0) return;
    await store.queueNotificationItems(items);
    for (const item of items) await scheduleEmail(site.id, item.email, nowMs + timing.firstDelayMs);
  }

  /** Queues the job that emails what waits for an address, unless one waits already. */
  async function scheduleEmail(site: string, email: string, earliestMs: number): Promise<void> {
    const [oldest] = await store.listPendingNotificationItems(site, email);
    if (!oldest) return;
    const address = await store.getEmailAddress(site, email);
    const runAtMs = Math.max(earliestMs, (address?.lastSentAtMs ?? -Infinity) + timing.digestGapMs);
    const payload: NotifyPayload = { site, email };
    await store.enqueueJob(
      {
        id: `${notifyJobKind}:${site}:${hashToken(email).slice(0, 16)}:${oldest.commentId}`,
        kind: notifyJobKind,
        payload,
        runAtMs,
      },
      context.now(),
    );
  }

  async function sendNotification(job: JobRecord): Promise<void> {
    const { site: siteId, email } = job.payload as NotifyPayload;
    const site = findSite(context, siteId);
    const address = await store.getEmailAddress(siteId, email);
    if (!site || address?.state !== EmailAddressState.verified) return;
    const batch = (await store.listPendingNotificationItems(siteId, email)).slice(0, maxCommentsPerEmail);
    if (batch.length === 0) return;
    const secret = await context.readSecret();
    const comments: NotifiedComment[] = [];
    for (const item of batch) {
      const record = await store.getComment(item.commentId);
      if (record?.comment.status !== CommentStatus.published) continue;
      const unsubscribe = signLinkToken(
        { kind: 'unsubscribe', site: siteId, email, thread: item.thread },
        secret,
      );
      comments.push({
        authorName: record.comment.authorName,
        html: toCommentHtml(parseBody(record.comment.body)),
        text: record.comment.body,
        url: item.pageUrl ? `${item.pageUrl}#comment-${item.commentId}` : null,
        isReply: item.reason === 'reply',
        parentExcerpt: item.reason === 'reply' ? await readExcerpt(record.comment.parentId ?? null) : null,
        stopThreadUrl: `${context.publicUrl}/email/unsubscribe?t=${unsubscribe}`,
      });
    }
    if (comments.length > 0) {
      const stopAll = signLinkToken({ kind: 'unsubscribe', site: siteId, email, thread: null }, secret);
      const message: EmailMessage = await buildNotificationEmail({
        to: email,
        locale: address.locale,
        host: siteHost(site, batch[0]!.pageUrl, batch[0]!.thread),
        messageId: messageIdFor(job.id, context.publicUrl),
        comments,
        stopAllUrl: `${context.publicUrl}/email/unsubscribe?t=${stopAll}`,
      });
      await mailer.send(message);
    }
    const nowMs = context.now();
    await store.markNotificationItemsSent(
      siteId,
      email,
      batch.map((item) => item.commentId),
      nowMs,
    );
    // Replies that arrived while this one was being written wait for the next.
    await scheduleEmail(siteId, email, nowMs + timing.digestGapMs);
  }

  /** The start of a comment as plain text, for quoting what a reply answers. */
  async function readExcerpt(commentId: string | null): Promise<string | null> {
    const parent = commentId === null ? null : await store.getComment(commentId);
    if (parent?.comment.status !== CommentStatus.published) return null;
    return toExcerpt(parent.comment.body, excerptMaxChars);
  }

  const handlers: Record<string, JobHandler> = {
    [sendEmailJobKind]: (job) => mailer.send(job.payload as EmailMessage),
    [notifyJobKind]: sendNotification,
  };
  return { consume, handlers };
}

/** The host readers know the site by: its page's, else its first origin's. */
export function siteHost(site: SiteConfig, pageUrl: string | null, thread: string): string {
  const address = pageUrl ?? threadPageUrl(site, thread) ?? site.origins[0]!.replace(/:\*$/, '');
  try {
    return new URL(address).host;
  } catch {
    return site.id;
  }
}
