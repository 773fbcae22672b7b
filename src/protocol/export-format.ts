import { z } from './zod.js';
import { CommentStatus } from './comment-status.js';
import { CommentIdSchema } from './new-comment.js';
import { ThreadKeySchema } from './thread-key.js';

// Hearth's export (docs/export-format.md): NDJSON, a header line, then one record per line.
// Only the server, the `hearth` command and scripts/export-schema.ts import this file, never the
// widget; it is built from the same jitless zod/mini instance as every protocol schema, so it
// could run under the admin page's CSP too. docs/export-format.schema.json is generated from it.

/** What the header's `format` says: anything else is not a Hearth export. */
export const exportFormatName = 'hearth-export';
/**
 * The format's major version. A change an older reader would misread (a field that changes
 * meaning, a new record type, a new required field) takes the next one; readers refuse a version
 * above the one they know. New optional fields do not: readers ignore fields they do not know.
 */
export const exportFormatVersion = 1;

/** The `type` of each record after the header. */
export const ExportRecordType = {
  thread: 'thread',
  comment: 'comment',
  vote: 'vote',
  ban: 'ban',
} as const;
export type ExportRecordType = (typeof ExportRecordType)[keyof typeof ExportRecordType];

const describe = (description: string) => z.describe(description);

/** An ISO 8601 time with its offset (the server writes UTC, `…Z`, with milliseconds). */
const TimeSchema = z.iso.datetime({ offset: true });
const time = (description: string) => TimeSchema.check(describe(description));
const text = (description: string) => z.string().check(describe(description));
const nullableText = (description: string) => z.nullable(z.string()).check(describe(description));
/** A private field: present (possibly null) only in an export whose header says `includesPrivate`. */
const privateText = (description: string) =>
  z.optional(z.nullable(z.string()).check(describe(`Private. ${description}`)));

/** Line 1 of every export. */
export const ExportHeaderSchema = /* @__PURE__ */ z
  .object({
    format: z.literal(exportFormatName).check(describe('Always "hearth-export".')),
    version: z
      .int()
      .check(
        z.minimum(1),
        describe('The format major version: 1. Readers refuse a version they do not know.'),
      ),
    site: text('The id of the site exported, as the server was configured.'),
    exportedAt: time('When the export began.'),
    includesPrivate: z
      .boolean()
      .check(describe('True when made with --include-private: the private fields and records are in.')),
  })
  .check(
    z.meta({
      title: 'header',
      description: 'Line 1: what the file is, which site, when, and whether private fields are in it.',
    }),
  );
export type ExportHeader = z.infer<typeof ExportHeaderSchema>;

/** A thread with state of its own: today, a locked one. */
const ExportThreadSchema = /* @__PURE__ */ z
  .object({
    type: z.literal(ExportRecordType.thread),
    key: ThreadKeySchema.check(describe('The thread key, exactly (usually the page path).')),
    locked: z.boolean().check(describe('Closed to new comments by a moderator.')),
  })
  .check(
    z.meta({
      title: 'thread record',
      description:
        'A thread with a state of its own (written for each locked thread), before any comment. Other threads are the ones comments name.',
    }),
  );
export type ExportThread = z.infer<typeof ExportThreadSchema>;

/** One comment, of any status. */
export const ExportCommentSchema = /* @__PURE__ */ z
  .object({
    type: z.literal(ExportRecordType.comment),
    id: CommentIdSchema.check(describe('The comment id (a UUID), unique on the site.')),
    thread: ThreadKeySchema.check(describe('The key of the thread it is on.')),
    parentId: z
      .nullable(CommentIdSchema)
      .check(describe('The id of the comment it replies to, in the same thread, or null.')),
    authorName: text('The display name; empty for a tombstone.'),
    body: text('Hearth markdown, as stored and shown (docs/protocol.md); empty for a tombstone.'),
    status: z
      .enum([CommentStatus.published, CommentStatus.held, CommentStatus.deleted])
      .check(describe('published, held (waiting for a moderator) or deleted (a tombstone).')),
    createdAt: time('When it was written (server time).'),
    updatedAt: time('When it last changed (an edit, a moderation, a vote).'),
    editedAt: z.nullable(TimeSchema).check(describe('When its author last edited the body, or null.')),
    verified: z.boolean().check(describe('Written by a reader signed in through the site (SSO).')),
    avatarUrl: nullableText('An SSO author’s avatar (an https URL), or null.'),
    pinned: z.boolean().check(describe('Pinned by a moderator.')),
    votes: z.int().check(z.minimum(0), describe('How many readers upvoted it.')),
    email: privateText('The author’s email, lowercased, or null.'),
    userId: privateText('The SSO user id (`sub`) of a signed-in author, or null.'),
    authorTokenHash: privateText('SHA-256 (hex) of a guest author’s token, which lets them edit and delete.'),
    ipHash: privateText('The salted hash of the author’s network address (never the address), or null.'),
  })
  .check(
    z.meta({
      title: 'comment record',
      description:
        'A comment of any status, in the order the site stored its changes: a parent may come after its reply.',
    }),
  );
export type ExportComment = z.infer<typeof ExportCommentSchema>;

/** One reader's upvote: private, as its voter key names a reader. */
const ExportVoteSchema = /* @__PURE__ */ z
  .object({
    type: z.literal(ExportRecordType.vote),
    commentId: CommentIdSchema.check(describe('The id of the comment voted on.')),
    thread: ThreadKeySchema.check(describe('That comment’s thread key.')),
    voterKey: text('Who voted: `user:<SSO sub>` for a signed-in reader, `anon:<SHA-256 hex>` for a guest.'),
    createdAt: time('When the vote was cast.'),
  })
  .check(
    z.meta({
      title: 'vote record',
      description: 'Private: only with --include-private. One reader’s upvote of a comment.',
    }),
  );
export type ExportVote = z.infer<typeof ExportVoteSchema>;

/** One ban: private, as its value is an email, a user id or a network's hash. */
const ExportBanSchema = /* @__PURE__ */ z
  .object({
    type: z.literal(ExportRecordType.ban),
    kind: z
      .enum(['user', 'email', 'ip'])
      .check(describe('What it matches: an SSO user id, an email, or an IP hash.')),
    value: text('The user id, the email (as the mailbox it reaches) or the IP hash banned.'),
    reason: text('Why, as the moderator wrote it; may be empty.'),
    createdAt: time('When the ban was made.'),
    createdBy: text('The name of the admin who made it.'),
  })
  .check(
    z.meta({ title: 'ban record', description: 'Private: only with --include-private. A ban on the site.' }),
  );
export type ExportBan = z.infer<typeof ExportBanSchema>;

/** Any line after the header. */
export const ExportRecordSchema = /* @__PURE__ */ z.discriminatedUnion('type', [
  ExportThreadSchema,
  ExportCommentSchema,
  ExportVoteSchema,
  ExportBanSchema,
]);
export type ExportRecord = z.infer<typeof ExportRecordSchema>;
