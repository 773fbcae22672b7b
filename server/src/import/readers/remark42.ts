import { z } from 'zod';
import {
  BodyFormat,
  ImportState,
  ImportSyntaxError,
  type ImportComment,
  type ImportItem,
  type SourcePosition,
} from '../import-item.js';
import { readJsonLines } from './json-lines.js';
import { describeIssue, parseRfc3339Ms, presentOrNull } from './record-fields.js';
import { sniffText } from './source-text.js';

// Remark42's backup (`remark42 backup`, or the daily `backup-<site>-<date>.gz`): JSON lines. The
// first line is the site's meta, `{"version":1,"users":[…],"posts":[…]}`; each line after it is
// one comment as Remark42 stores it. Field names follow its store.Comment, store.User and
// service.UserMetaData / PostMetaData.

const MetaSchema = z.object({
  version: z.number().optional(),
  users: z
    .array(z.object({ id: z.string(), details: z.object({ email: z.string().optional() }).nullish() }))
    .nullish(),
  posts: z.array(z.object({ url: z.string(), read_only: z.boolean().optional() })).nullish(),
});

const CommentSchema = z.object({
  id: z.string().min(1),
  pid: z.string().nullish(),
  /** The HTML readers saw; `orig`, the markdown typed, is left: the HTML is what was shown. */
  text: z.string(),
  user: z.object({ name: z.string().nullish(), id: z.string().nullish() }),
  locator: z.object({ url: z.string().min(1) }),
  votes: z.record(z.string(), z.boolean()).nullish(),
  time: z.string(),
  edit: z.object({ time: z.string() }).nullish(),
  pin: z.boolean().nullish(),
  delete: z.boolean().nullish(),
});
type Remark42Comment = z.infer<typeof CommentSchema>;

const metaStart = /^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"(?:users|posts)"\s*:/;

/** Whether a file's first bytes look like a Remark42 backup: a meta object leads the first line. */
export function looksLikeRemark42(head: Buffer): boolean {
  return metaStart.test(sniffText(head));
}

/**
 * Reads a Remark42 backup (gzipped or not), one line at a time. Every page becomes a thread the
 * first time a comment names its URL (`ref` and `url` both that URL, locked when the meta marks
 * the post read-only); each `true` in a comment's `votes` becomes an upvote by that user id.
 * IP hashes are dropped. Memory grows with the meta line's users and posts and the set of pages
 * seen, not with the comments. A line that is not a comment is an ImportProblem and reading goes
 * on; a first line that is not Remark42's meta is an ImportSyntaxError.
 */
export async function* readRemark42(file: string): AsyncGenerator<ImportItem> {
  let meta: { emails: Map<string, string>; readOnly: Set<string> } | null = null;
  const seenPages = new Set<string>();
  for await (const entry of readJsonLines(file)) {
    const position: SourcePosition = { line: entry.line, column: entry.ok ? 1 : entry.column };
    if (!meta) {
      meta = readMeta(entry.ok ? entry.value : null, position);
      continue;
    }
    if (!entry.ok) {
      yield { type: 'problem', message: `not JSON: ${entry.error}`, position };
      continue;
    }
    const parsed = CommentSchema.safeParse(entry.value);
    if (!parsed.success) {
      yield {
        type: 'problem',
        message: `not a Remark42 comment: ${describeIssue(parsed.error, entry.value)}`,
        position,
      };
      continue;
    }
    const record = parsed.data;
    const createdAtMs = parseRfc3339Ms(record.time);
    if (createdAtMs === null) {
      yield {
        type: 'problem',
        message: `comment ${record.id}: time "${record.time}" is not a date`,
        position,
      };
      continue;
    }
    const url = record.locator.url;
    if (!seenPages.has(url)) {
      seenPages.add(url);
      yield { type: 'thread', ref: url, url, locked: meta.readOnly.has(url), position };
    }
    yield toComment(record, createdAtMs, meta.emails, position);
    for (const [voter, up] of Object.entries(record.votes ?? {})) {
      if (up)
        yield {
          type: 'vote',
          threadRef: url,
          commentSourceId: record.id,
          voter,
          createdAtMs: null,
          position,
        };
    }
  }
}

function readMeta(
  value: unknown,
  position: SourcePosition,
): { emails: Map<string, string>; readOnly: Set<string> } {
  const parsed = MetaSchema.safeParse(value);
  // Go writes an empty list as null (`"users":null`): the keys, not their values, make the meta.
  const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
  const isMeta = (keys.includes('users') || keys.includes('posts')) && !keys.includes('locator');
  if (!parsed.success || !isMeta) {
    throw new ImportSyntaxError('not a Remark42 backup: its first line is not the meta record', position);
  }
  const { version = 0, users, posts } = parsed.data;
  // Remark42's own restore takes version 1 and the unversioned 0 before it.
  if (version !== 0 && version !== 1) {
    throw new ImportSyntaxError(
      `a Remark42 backup of version ${version}, which this reader does not know`,
      position,
    );
  }
  const emails = new Map<string, string>();
  for (const user of users ?? []) {
    const email = user.details?.email;
    if (email) emails.set(user.id, email);
  }
  const readOnly = new Set((posts ?? []).filter((post) => post.read_only).map((post) => post.url));
  return { emails, readOnly };
}

function toComment(
  record: Remark42Comment,
  createdAtMs: number,
  emails: Map<string, string>,
  position: SourcePosition,
): ImportComment {
  const editedAtMs = record.edit ? parseRfc3339Ms(record.edit.time) : null;
  const userId = record.user.id ?? '';
  return {
    type: 'comment',
    threadRef: record.locator.url,
    sourceId: record.id,
    parentSourceId: presentOrNull(record.pid),
    authorName: unescapeName(record.user.name ?? ''),
    email: emails.get(userId) ?? null,
    body: { format: BodyFormat.html, text: record.text },
    createdAtMs,
    editedAtMs,
    state: record.delete ? ImportState.deleted : ImportState.published,
    pinned: record.pin ?? false,
    votes: null,
    position,
  };
}

const goHtmlEscapes: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&#34;': '"',
  '&#39;': "'",
};

/**
 * A user name as typed: Remark42 stores names through Go's `template.HTMLEscapeString` (older
 * versions all five characters, newer ones `<` and `>`), and Hearth escapes on output itself.
 */
function unescapeName(name: string): string {
  return name.replace(/&(?:lt|gt|amp|#34|#39);/g, (entity) => goHtmlEscapes[entity] ?? entity);
}
