import { CommentSchema } from './comment.js';
import { hasControlChars } from './new-comment.js';
import { checkMaxUnits, checkWellFormed } from './text-checks.js';
import { z } from './zod.js';

/**
 * The admin API's wire format (docs/decisions/0004-identity-moderation.md, point 9): the server
 * types its answers from these schemas, and the admin page checks every answer with them before
 * showing it, so a server of another version fails loudly instead of rendering nonsense. Only the
 * server and the admin page import this file, never the widget.
 */

/** Most comments in one page of the admin's list, and the default. */
export const adminCommentsMaxLimit = 200;
export const adminCommentsDefaultLimit = 50;
/** Most audit entries in one answer, and the default. */
export const auditMaxLimit = 500;
export const auditDefaultLimit = 100;
/** Most webhook deliveries in one answer, and the default. */
export const webhooksMaxLimit = 200;
export const webhooksDefaultLimit = 50;
/** Most threads in one page of the admin's list, and the default. */
export const threadsMaxLimit = 200;
export const threadsDefaultLimit = 100;
/** Longest ban reason, in UTF-16 code units after trimming. */
const banReasonMaxChars = 500;

/** Optional private details: absent from older servers and from tombstones. */
const PrivateDetailSchema = z.optional(z.nullable(z.string()));

/** A comment as moderators see it: the public comment plus where it is and who wrote it. */
const AdminCommentSchema = /* @__PURE__ */ z.extend(CommentSchema, {
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
  /** `…#comment-<id>` on the page it was written on, or its thread's page; absent when unknown. */
  commentUrl: z.optional(z.string()),
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
  /** `origins`: the site's configured origins (the page does not need them, so older servers may omit them). */
  sites: z.array(
    z.object({ id: z.string(), moderation: z.string(), origins: z.optional(z.array(z.string())) }),
  ),
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

/** A ban's `reason` as `POST /bans` takes it: trimmed plain text, at most 500 UTF-16 units; absent is empty. */
export const BanReasonSchema = /* @__PURE__ */ z._default(
  z.string('reason must be a string.').check(
    checkWellFormed('reason must be well-formed text: it has a lone UTF-16 surrogate.'),
    z.trim(),
    checkMaxUnits(banReasonMaxChars, `reason must be at most ${banReasonMaxChars} characters.`),
    z.refine((reason) => !hasControlChars(reason), 'reason must be plain text, without control characters.'),
  ),
  '',
);

/** `GET /bans?site=`. */
export const BanListSchema = /* @__PURE__ */ z.object({ bans: z.array(BanSchema) });

/** One thread of a site, as `GET /threads` lists it. */
const AdminThreadSchema = /* @__PURE__ */ z.object({
  site: z.string(),
  thread: z.string(),
  /** Published comments. */
  published: z.number(),
  /** Comments waiting for a moderator. */
  held: z.number(),
  /** When its newest comment (any status) was written; null for a locked thread without any. */
  lastActivityAt: z.nullable(z.string()),
  locked: z.boolean(),
  /** The thread's page, from the site's `threadUrl` or origins; null when unknown. */
  url: z.nullable(z.string()),
});
export type AdminThread = z.infer<typeof AdminThreadSchema>;

/** `GET /threads?site=&before=&limit=`: newest activity first; `nextBefore` pages on, or null at the end. */
export const ThreadListSchema = /* @__PURE__ */ z.object({
  threads: z.array(AdminThreadSchema),
  nextBefore: z.nullable(z.string()),
});
export type ThreadList = z.infer<typeof ThreadListSchema>;

/** `GET /queue?site=`: how many comments and edits wait for a moderator. */
export const QueueCountSchema = /* @__PURE__ */ z.object({ held: z.number(), pendingEdits: z.number() });
export type QueueCount = z.infer<typeof QueueCountSchema>;

/** `POST /threads/lock`. */
export const ThreadLockSchema = /* @__PURE__ */ z.object({
  site: z.string(),
  thread: z.string(),
  locked: z.boolean(),
});
export type ThreadLock = z.infer<typeof ThreadLockSchema>;

/**
 * What an audit entry acted on, as moderators read it: a comment (its author, thread and link;
 * an empty name once it is a tombstone), a thread (its page), or a ban (its kind and value).
 */
const AuditSubjectSchema = /* @__PURE__ */ z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('comment'),
    authorName: z.string(),
    status: z.string(),
    thread: z.string(),
    url: z.nullable(z.string()),
  }),
  z.object({ kind: z.literal('thread'), thread: z.string(), url: z.nullable(z.string()) }),
  z.object({
    kind: z.literal('ban'),
    banKind: z.enum([BanKind.user, BanKind.email, BanKind.ip]),
    value: z.string(),
  }),
]);
export type AuditSubject = z.infer<typeof AuditSubjectSchema>;

/** One line of the audit log. */
const AuditEntrySchema = /* @__PURE__ */ z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  site: z.string(),
  /** The comment id, thread key or ban id acted on. */
  target: z.string(),
  detail: z.string(),
  /** What `target` names; absent when it is gone (a deleted ban, a purged comment). */
  subject: z.optional(AuditSubjectSchema),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `GET /audit?limit=`: newest first. */
export const AuditListSchema = /* @__PURE__ */ z.object({ entries: z.array(AuditEntrySchema) });

/** One webhook delivery: an event's POST to one webhook, and how it went. */
const WebhookDeliverySchema = /* @__PURE__ */ z.object({
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
