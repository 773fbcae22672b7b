import { CommentSchema } from '../protocol/comment.js';
import { z } from '../protocol/zod.js';

/**
 * The admin API's replies (docs/decisions/0004-identity-moderation.md, point 9), checked before
 * the page shows them: a server of another version fails loudly instead of rendering nonsense.
 */

/** Optional private details: absent from older servers and from tombstones. */
const PrivateDetailSchema = z.optional(z.nullable(z.string()));

/** A comment as moderators see it: the public comment plus where it is and who wrote it. */
export const AdminCommentSchema = /* @__PURE__ */ z.extend(CommentSchema, {
  site: z.string(),
  email: PrivateDetailSchema,
  /** The SSO user id (`sub`); null for guests. */
  userId: PrivateDetailSchema,
  /** Salted hash of the author's network; rotates daily. */
  ipHash: PrivateDetailSchema,
  /** Why a held comment, or a held edit, waits (docs/protocol.md); absent for others. */
  holdReason: z.optional(
    z.object({
      code: z.string(),
      links: z.optional(z.number()),
      maxLinks: z.optional(z.number()),
      phrase: z.optional(z.string()),
    }),
  ),
});
export type AdminComment = z.infer<typeof AdminCommentSchema>;

/** `GET /comments`: newest first; `nextBefore` is the `before` of the next page, or null at the end. */
export const CommentPageSchema = /* @__PURE__ */ z.object({
  comments: z.array(AdminCommentSchema),
  nextBefore: z.nullable(z.number()),
});
export type CommentPage = z.infer<typeof CommentPageSchema>;

/** The reply to approve, reject, delete and pin: the comment as it is now. */
export const ChangedCommentSchema = CommentSchema;

/** `GET /me`: who the token belongs to and the sites they moderate. */
export const AdminMeSchema = /* @__PURE__ */ z.object({
  name: z.string(),
  sites: z.array(z.object({ id: z.string(), moderation: z.string() })),
});
export type AdminMe = z.infer<typeof AdminMeSchema>;

/** What a ban matches. */
export const BanKind = { user: 'user', email: 'email', ip: 'ip' } as const;
export type BanKind = (typeof BanKind)[keyof typeof BanKind];

/** One ban on one site. */
export const BanSchema = /* @__PURE__ */ z.object({
  id: z.number(),
  site: z.string(),
  kind: z.enum([BanKind.user, BanKind.email, BanKind.ip]),
  value: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Ban = z.infer<typeof BanSchema>;

/** `GET /bans?site=`. */
export const BanListSchema = /* @__PURE__ */ z.object({ bans: z.array(BanSchema) });

/** `POST /threads/lock`. */
export const ThreadLockSchema = /* @__PURE__ */ z.object({
  site: z.string(),
  thread: z.string(),
  locked: z.boolean(),
});
export type ThreadLock = z.infer<typeof ThreadLockSchema>;

/** One line of the audit log. */
export const AuditEntrySchema = /* @__PURE__ */ z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  site: z.string(),
  target: z.string(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `GET /audit?limit=`: newest first. */
export const AuditListSchema = /* @__PURE__ */ z.object({ entries: z.array(AuditEntrySchema) });

/** One webhook delivery: an event's POST to one webhook, and how it went. */
export const WebhookDeliverySchema = /* @__PURE__ */ z.object({
  /** Its `webhook-id`: the same on every attempt. */
  id: z.string(),
  site: z.string(),
  /** The event, e.g. `comment.created`. */
  type: z.string(),
  url: z.string(),
  /** `queued` (waiting for its next attempt), `running`, `done`, `failed` (given up) or `cancelled`. */
  state: z.string(),
  attempts: z.number(),
  /** Why the latest failed attempt failed: the status and the start of the reason. */
  lastError: z.nullable(z.string()),
  createdAt: z.string(),
  finishedAt: z.nullable(z.string()),
  /** When a queued delivery is tried next; null otherwise. */
  nextAttemptAt: z.nullable(z.string()),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** `GET /webhooks?site=&limit=`: newest first. */
export const WebhookDeliveryListSchema = /* @__PURE__ */ z.object({
  deliveries: z.array(WebhookDeliverySchema),
});
