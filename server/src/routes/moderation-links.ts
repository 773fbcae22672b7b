import type { Context, Hono } from 'hono';
import { CommentStatus } from '../../../src/protocol/index.js';
import { AuditAction } from '../admin/audit-log.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { loadEmailWords } from '../email/email-words.js';
import { readLinkToken } from '../email/link-token.js';
import { readAcceptLanguage, sendLinkPage } from '../email/link-page.js';
import { createSecretReader } from '../jobs/hearth-jobs.js';
import { moderateComment } from '../moderation/moderate-comment.js';
import type { AdminConfig } from '../site-config.js';
import type { CommentRecord } from '../store/comment-store.js';
import { readForm } from './email-links.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** What the audit log says of a decision taken through one of these links. */
const viaEmailLink = 'from a link in an email';

/** The words of a page, and their locale. */
type LinkWords = Awaited<ReturnType<typeof loadEmailWords>>;

/** What a link can do now. */
type LinkState =
  | { kind: 'invalid' }
  /** The comment is no longer held: someone has dealt with it. */
  | { kind: 'done' }
  | { kind: 'held'; action: 'approve' | 'reject'; admin: AdminConfig; record: CommentRecord };

/**
 * Registers `/email/moderate?t=…`, which the Approve and Reject links in moderators' emails open
 * (notifications/moderator-alerts.ts). The token is signed, names one comment, one action and
 * one admin of the config, and expires after 7 days; it needs no sign-in.
 * - GET shows the comment and one button, and changes nothing: mail scanners open links.
 * - POST does what the token says, as the admin API does (moderation/moderate-comment.ts), with
 *   the token's admin in the audit log.
 * A link acts once: when the comment is no longer held (approved, rejected or deleted, by anyone
 * and by any means) it says so and changes nothing. A token that is not valid, has expired, or
 * names an admin no longer in the config answers 400.
 */
export function registerModerationLinkRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { store, config } = deps;
  const readSecret = createSecretReader(store, config);

  async function readLink(token: string): Promise<LinkState> {
    const claims = readLinkToken(token, await readSecret(), config.now());
    if (claims?.kind !== 'moderate') return { kind: 'invalid' };
    const admin = config.admins.find((candidate) => candidate.name === claims.admin);
    const record = admin ? await store.getComment(claims.commentId) : null;
    if (!admin || !record) return { kind: 'invalid' };
    if (record.comment.status !== CommentStatus.held) return { kind: 'done' };
    return { kind: 'held', action: claims.action, admin, record };
  }

  /** The page of a link that cannot act: 400 when it is not valid, else "already done". */
  function sendUnusable(c: Context, { locale, words }: LinkWords, kind: 'invalid' | 'done'): Response {
    return sendLinkPage(c, {
      status: kind === 'invalid' ? 400 : 200,
      locale,
      heading: words.moderation.pageHeading,
      paragraphs: [kind === 'invalid' ? words.moderation.invalid : words.moderation.alreadyDone],
    });
  }

  app.get('/email/moderate', async (c) => {
    const { locale, words } = await loadEmailWords(readAcceptLanguage(c));
    const token = c.req.query('t') ?? '';
    const state = await readLink(token);
    if (state.kind !== 'held') return sendUnusable(c, { locale, words }, state.kind);
    const { comment } = state.record;
    const isApprove = state.action === 'approve';
    return sendLinkPage(c, {
      status: 200,
      locale,
      heading: isApprove ? words.moderation.pageApprove : words.moderation.pageReject,
      paragraphs: [
        words.reply.wrote(comment.authorName),
        ...comment.body.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== ''),
      ],
      actions: [
        { label: isApprove ? words.moderation.approve : words.moderation.reject, fields: { t: token } },
      ],
    });
  });

  app.post('/email/moderate', async (c) => {
    const { locale, words } = await loadEmailWords(readAcceptLanguage(c));
    const form = await readForm(c);
    const state = await readLink(form.get('t') ?? c.req.query('t') ?? '');
    if (state.kind !== 'held') return sendUnusable(c, { locale, words }, state.kind);
    const isApprove = state.action === 'approve';
    const change = await moderateComment(deps, {
      adminName: state.admin.name,
      record: state.record,
      status: isApprove ? CommentStatus.published : CommentStatus.deleted,
      action: isApprove ? AuditAction.commentApprove : AuditAction.commentReject,
      via: viaEmailLink,
    });
    // Deleted by someone else between our look and the update: nothing was done here.
    if (change.kind !== 'changed') {
      return sendUnusable(c, { locale, words }, change.kind === 'missing' ? 'invalid' : 'done');
    }
    return sendLinkPage(c, {
      status: 200,
      locale,
      heading: words.moderation.pageHeading,
      paragraphs: [isApprove ? words.moderation.approved : words.moderation.rejected],
    });
  });
  app.all('/email/moderate', methodNotAllowed(['GET', 'POST']));
}
