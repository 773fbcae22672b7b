import { z } from 'zod';
import {
  adminCommentsDefaultLimit,
  adminCommentsMaxLimit,
  auditDefaultLimit,
  auditMaxLimit,
  BanKind,
  BanReasonSchema,
  threadsDefaultLimit,
  threadsMaxLimit,
  webhooksDefaultLimit,
  webhooksMaxLimit,
} from '../../../src/protocol/admin.js';
import {
  CommentIdSchema,
  CommentStatus,
  ThreadKeySchema,
  isEmailAddress,
  isWellFormed,
  limits,
} from '../../../src/protocol/index.js';
import { isUserId, userIdMaxChars } from '../auth/sso.js';
import type { SiteConfig } from '../site-config.js';
import { canonicalizeEmail } from '../store/store-rules.js';
import { decodeThreadCursor } from './thread-cursor.js';

// The IP hash ip-hash.ts stores: base64url of an HMAC-SHA256, 43 characters.
const ipHashPattern = /^[A-Za-z0-9_-]{43}$/;

/** A query parameter that must be a whole number from `min` to `max`. */
function integerParam(name: string, min: number, max: number) {
  const message = `${name} must be a whole number from ${min} to ${max}.`;
  return z
    .string()
    .refine((text) => /^[0-9]{1,16}$/.test(text) && Number(text) >= min && Number(text) <= max, message)
    .transform(Number);
}

/** A thread key, checked by the protocol's own rule but reported as `validation_failed`. */
const threadSchema = z.string('thread must be a string.').superRefine((thread, context) => {
  const result = ThreadKeySchema.safeParse(thread);
  if (!result.success) {
    context.addIssue({ code: 'custom', message: result.error.issues[0]?.message ?? 'Invalid thread key.' });
  }
});

/** The admin API's request schemas, built for the sites this server answers for. */
export function createAdminSchemas(sites: readonly SiteConfig[]) {
  const ids = sites.map((site) => site.id);
  const siteSchema = z
    .string('site must be a string.')
    .refine((id) => ids.includes(id), `Unknown site; this server has: ${ids.join(', ')}.`);

  const commentsQuery = z.object({
    site: siteSchema.optional(),
    status: z
      .enum([CommentStatus.held, CommentStatus.published, CommentStatus.deleted], {
        error: 'status must be held, published or deleted.',
      })
      .optional(),
    thread: threadSchema.optional(),
    /** `true` lists only published comments with an author's edit waiting for a moderator. */
    pendingEdit: z.enum(['true', 'false'], { error: 'pendingEdit must be true or false.' }).optional(),
    before: integerParam('before', 1, Number.MAX_SAFE_INTEGER).optional(),
    limit: integerParam('limit', 1, adminCommentsMaxLimit).default(adminCommentsDefaultLimit),
  });

  const pinBody = z.strictObject({
    pinned: z.boolean('pinned must be true or false.'),
  });

  const lockBody = z.strictObject({
    site: siteSchema,
    thread: threadSchema,
    locked: z.boolean('locked must be true or false.'),
  });

  const bansQuery = z.object({ site: siteSchema.optional() });

  const banBody = z
    .strictObject({
      site: siteSchema,
      kind: z.enum([BanKind.user, BanKind.email, BanKind.ip], { error: 'kind must be user, email or ip.' }),
      value: z.string('value must be a string.').optional(),
      commentId: z
        .string('commentId must be a string.')
        .refine((id) => CommentIdSchema.safeParse(id).success, 'commentId must be a comment’s id (a UUID).')
        .optional(),
      reason: BanReasonSchema,
    })
    .superRefine((ban, context) => {
      if ((ban.value === undefined) === (ban.commentId === undefined)) {
        const message =
          ban.value === undefined
            ? 'Give the value to ban, or a commentId to ban that comment’s author.'
            : 'Give value or commentId, not both.';
        context.addIssue({ code: 'custom', path: ['value'], message });
        return;
      }
      const problem = ban.value === undefined ? null : describeBadBanValue(ban.kind, ban.value);
      if (problem) context.addIssue({ code: 'custom', path: ['value'], message: problem });
    })
    .transform((ban) => ({
      ...ban,
      value: ban.value === undefined ? undefined : normalizeBanValue(ban.kind, ban.value),
    }));

  const auditQuery = z.object({
    limit: integerParam('limit', 1, auditMaxLimit).default(auditDefaultLimit),
  });

  const webhooksQuery = z.object({
    site: siteSchema.optional(),
    limit: integerParam('limit', 1, webhooksMaxLimit).default(webhooksDefaultLimit),
  });

  const threadsQuery = z.object({
    site: z.string('site is required: the site whose threads to list.').pipe(siteSchema),
    limit: integerParam('limit', 1, threadsMaxLimit).default(threadsDefaultLimit),
    before: z
      .string()
      .transform((text, context) => {
        const cursor = decodeThreadCursor(text);
        if (cursor === null) {
          context.addIssue({
            code: 'custom',
            message: 'before must be the nextBefore of an earlier answer.',
          });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
  });

  const queueQuery = z.object({ site: siteSchema.optional() });

  return {
    commentsQuery,
    pinBody,
    lockBody,
    bansQuery,
    banBody,
    auditQuery,
    webhooksQuery,
    threadsQuery,
    queueQuery,
  };
}

/** Why a ban value given by hand could never match what the store keeps, or null. */
function describeBadBanValue(kind: BanKind, value: string): string | null {
  switch (kind) {
    case BanKind.user:
      return isUserId(value)
        ? null
        : `A user ban takes the SSO user id: 1–${userIdMaxChars} characters of well-formed text, without control characters.`;
    case BanKind.email: {
      const email = value.trim();
      return email.length <= limits.emailMaxChars && isEmailAddress(email) && isWellFormed(email)
        ? null
        : 'An email ban takes an email address.';
    }
    case BanKind.ip:
      // Addresses are never stored, so a raw address could never match: only a comment's hash can.
      return ipHashPattern.test(value)
        ? null
        : 'An ip ban takes the IP hash shown on a comment (43 characters), or use commentId.';
  }
}

/**
 * The form a ban value is stored in: emails as the mailbox they reach (trimmed, lowercased, no
 * `+tag`; see store/store-rules.ts), so the list shows what the ban matches.
 */
export function normalizeBanValue(kind: BanKind, value: string): string {
  return kind === BanKind.email ? canonicalizeEmail(value) : value;
}
