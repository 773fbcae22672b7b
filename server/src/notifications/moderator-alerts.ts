import { CommentStatus, type Comment } from '../../../src/protocol/index.js';
import { toExcerpt } from '../email/excerpt.js';
import { signLinkToken } from '../email/link-token.js';
import type { Mailer } from '../email/mailer.js';
import {
  buildDailyDigestEmail,
  buildHeldCommentEmail,
  type DigestComment,
} from '../email/moderator-emails.js';
import { toCommentHtml } from '../feeds/comment-html.js';
import { threadPageUrl } from '../feeds/thread-page-url.js';
import { CommentEvent, type CommentEventPayload } from '../jobs/comment-events.js';
import type { JobHandler } from '../jobs/job-worker.js';
import { explainStoredHold } from '../moderation/hold-rules.js';
import type { AdminConfig, SiteConfig } from '../site-config.js';
import { parseBody } from '../store/body-tree.js';
import type { CommentStore } from '../store/comment-store.js';
import type { JobRecord } from '../store/job-queue.js';
import { hashToken, messageIdFor } from './notify-context.js';
import { siteHost } from './reply-notifications.js';

/** The email telling one admin that a comment is held. */
const heldAlertJobKind = 'email.moderation';
/** One admin's daily digest; each queues the next. */
const dailyDigestJobKind = 'email.digest';

/** How long the Approve and Reject links of an alert work, in ms: 7 days. */
export const moderationLinkTtlMs = 7 * 24 * 60 * 60_000;
const dayMs = 24 * 60 * 60_000;
/** The most comments a digest lists, and the most it counts. */
const digestMaxListed = 50;
const digestMaxCounted = 1000;
/** How much of each comment a digest quotes, in UTF-16 units. */
const excerptMaxChars = 200;

/** What moderators' emails need. */
export interface ModeratorAlertContext {
  store: CommentStore;
  sites: readonly SiteConfig[];
  /** Only those with an `email` are written to. */
  admins: readonly AdminConfig[];
  /** Where this server is reached (`https://comments.example.org`), for the links. */
  publicUrl: string;
  now: () => number;
  /** The secret that signs the links. */
  readSecret: () => Promise<string>;
  /** Where a digest that could not be scheduled is told. */
  logWarn: (message: string) => void;
}

interface HeldAlertPayload {
  commentId: string;
  admin: string;
  /** The page the author wrote from, when the post said. */
  pageUrl: string | null;
}

interface DailyDigestPayload {
  admin: string;
  /** The end of the 24 hours the digest covers, in ms since the epoch: a UTC midnight. */
  untilMs: number;
}

/**
 * Moderators' emails (issue #14): an alert to each admin with an email when a comment is held,
 * and for those who ask, a daily digest.
 *
 * Invariants:
 * - One alert per held comment and admin: the job is named after both, and queuing it twice
 *   keeps one. It is written when it leaves, and not at all once the comment is no longer held.
 * - An alert's links expire 7 days after it was queued, whichever try sends it, so a retried
 *   send carries the same links and the same Message-ID.
 * - One digest per admin and UTC day: the job is named after both. Each queues the next before
 *   it sends, so a send that fails and is retried does not lose the days after.
 */
export function createModeratorAlerts(context: ModeratorAlertContext, mailer: Mailer) {
  const { store, publicUrl } = context;
  const adminUrl = `${publicUrl}/admin`;

  const findAdmin = (name: string) => context.admins.find((admin) => admin.name === name);
  const findSite = (id: string) => context.sites.find((site) => site.id === id);
  const adminKey = (name: string) => hashToken(name).slice(0, 16);

  async function consume(event: CommentEventPayload): Promise<void> {
    if (event.event !== CommentEvent.held || !findSite(event.site)) return;
    const nowMs = context.now();
    for (const admin of context.admins) {
      if (admin.email === undefined) continue;
      const payload: HeldAlertPayload = {
        commentId: event.commentId,
        admin: admin.name,
        pageUrl: event.post?.pageUrl ?? null,
      };
      await store.enqueueJob(
        {
          id: `${heldAlertJobKind}:${event.commentId}:${adminKey(admin.name)}`,
          kind: heldAlertJobKind,
          payload,
          runAtMs: nowMs,
          subject: event.commentId,
        },
        nowMs,
      );
    }
  }

  async function sendHeldAlert(job: JobRecord): Promise<void> {
    const { commentId, admin: name, pageUrl } = job.payload as HeldAlertPayload;
    const admin = findAdmin(name);
    const record = await store.getComment(commentId);
    const site = record ? findSite(record.site) : undefined;
    // Dealt with before the alert left, or no longer anyone's to deal with: nothing to say.
    if (admin?.email === undefined || !record || !site) return;
    if (record.comment.status !== CommentStatus.held) return;
    const { comment } = record;
    const secret = await context.readSecret();
    const expiresAtMs = job.createdAtMs + moderationLinkTtlMs;
    const linkTo = (action: 'approve' | 'reject') =>
      `${publicUrl}/email/moderate?t=${signLinkToken(
        { kind: 'moderate', commentId, action, admin: admin.name, expiresAtMs },
        secret,
      )}`;
    const page = pageUrl ?? threadPageUrl(site, comment.thread);
    const message = await buildHeldCommentEmail({
      to: admin.email,
      adminUrl,
      messageId: messageIdFor(job.id, publicUrl),
      host: siteHost(site, page, comment.thread),
      authorName: comment.authorName,
      html: toCommentHtml(parseBody(comment.body)),
      text: comment.body,
      reason: await explainStoredHold(site, record, store),
      thread: comment.thread,
      pageUrl: page,
      approveUrl: linkTo('approve'),
      rejectUrl: linkTo('reject'),
    });
    await mailer.send(message);
  }

  /** Queues `admin`'s digest for the 24 hours to `untilMs`; queuing it again changes nothing. */
  async function queueDigest(admin: string, untilMs: number): Promise<void> {
    const payload: DailyDigestPayload = { admin, untilMs };
    const day = new Date(untilMs).toISOString().slice(0, 10);
    await store.enqueueJob(
      {
        id: `${dailyDigestJobKind}:${adminKey(admin)}:${day}`,
        kind: dailyDigestJobKind,
        payload,
        runAtMs: untilMs,
        subject: null,
      },
      context.now(),
    );
  }

  /**
   * Queues the next digest of every admin who wants one (at the next UTC midnight): run at each
   * start, as a digest's job queues the one after only while its admin still wants it. Never
   * rejects: a failure is logged, and the next start tries again.
   */
  async function scheduleDigests(): Promise<void> {
    try {
      const untilMs = nextMidnightMs(context.now());
      for (const admin of context.admins) {
        if (admin.email !== undefined && admin.dailyDigest) await queueDigest(admin.name, untilMs);
      }
    } catch (error) {
      context.logWarn(
        `daily digests not scheduled: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async function sendDailyDigest(job: JobRecord): Promise<void> {
    const { admin: name, untilMs } = job.payload as DailyDigestPayload;
    const admin = findAdmin(name);
    if (admin?.email === undefined || !admin.dailyDigest) return;
    // The next one first: a late run (the server was down) goes on from the next midnight.
    await queueDigest(name, nextMidnightMs(Math.max(untilMs, context.now())));
    const sinceMs = untilMs - dayMs;
    const published: Array<{ site: SiteConfig; comment: Comment }> = [];
    let heldCount = 0;
    for (const site of context.sites) {
      const latest = await store.listLatestComments(site.id, null, digestMaxCounted);
      for (const comment of latest) {
        const createdAtMs = Date.parse(comment.createdAt);
        if (createdAtMs >= sinceMs && createdAtMs < untilMs) published.push({ site, comment });
      }
      heldCount += (
        await store.queryComments({ site: site.id, status: CommentStatus.held, limit: digestMaxCounted })
      ).length;
    }
    // A quiet day sends nothing.
    if (published.length === 0 && heldCount === 0) return;
    published.sort((a, b) => Date.parse(b.comment.createdAt) - Date.parse(a.comment.createdAt));
    const comments: DigestComment[] = published.slice(0, digestMaxListed).map(({ site, comment }) => {
      const page = threadPageUrl(site, comment.thread);
      return {
        authorName: comment.authorName,
        place: context.sites.length > 1 ? `${site.id} ${comment.thread}` : comment.thread,
        excerpt: toExcerpt(comment.body, excerptMaxChars),
        url: page ? `${page}#comment-${comment.id}` : null,
      };
    });
    await mailer.send(
      buildDailyDigestEmail({
        to: admin.email,
        adminUrl,
        messageId: messageIdFor(job.id, publicUrl),
        until: new Date(untilMs).toISOString(),
        publishedCount: Math.min(published.length, digestMaxCounted),
        publishedCap: digestMaxCounted,
        comments,
        heldCount,
      }),
    );
  }

  const handlers: Record<string, JobHandler> = {
    [heldAlertJobKind]: sendHeldAlert,
    [dailyDigestJobKind]: sendDailyDigest,
  };
  return { consume, handlers, scheduleDigests };
}

/** The first UTC midnight after `nowMs`. */
function nextMidnightMs(nowMs: number): number {
  return Math.floor(nowMs / dayMs) * dayMs + dayMs;
}
