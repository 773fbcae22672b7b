import { z } from 'zod';
import {
  BodyFormat,
  ImportState,
  ImportSyntaxError,
  type ImportItem,
  type SourcePosition,
} from '../import-item.js';
import { walkJsonFile, type JsonEvent, type JsonPath, type JsonSelection } from './json-walk.js';
import { describeIssue, parseRfc3339Ms, presentOrNull } from './record-fields.js';
import { sniffText } from './source-text.js';

// Commento's and Commento++'s export (`commento-export.json.gz` from the dashboard): one JSON
// document, `{"version":1,"comments":[…],"commenters":[…]}`. Field names follow Commento's
// `comment` and `commenter` structs: a comment's page path is under `url`, next to `domain`.

const CommenterSchema = z.object({
  commenterHex: z.string().min(1),
  email: z.string().nullish(),
  name: z.string().nullish(),
});

const CommentSchema = z.object({
  commentHex: z.string().min(1),
  domain: z.string().nullish(),
  url: z.string().nullish(),
  /** Not Commento's own key for the path; taken when a tool wrote one instead of `url`. */
  path: z.string().nullish(),
  commenterHex: z.string().nullish(),
  markdown: z.string().nullish(),
  /** Commento's export leaves it empty: the markdown is what it keeps. */
  html: z.string().nullish(),
  parentHex: z.string().nullish(),
  score: z.number().nullish(),
  state: z.string().nullish(),
  creationDate: z.string(),
  deleted: z.boolean().nullish(),
});
type CommentoComment = z.infer<typeof CommentSchema>;

interface Author {
  name: string;
  email: string | null;
}

/** Commento's author of comments posted without an account, and of deleted comments. */
const anonymousHex = 'anonymous';

const exportStart = /^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"(?:comments|commenters)"\s*:/;

/** Whether a file's first bytes look like a Commento export: `{"version":1,"comments":…`. */
export function looksLikeCommento(head: Buffer): boolean {
  return exportStart.test(sniffText(head));
}

/**
 * Reads a Commento or Commento++ export (gzipped or not), streaming. The file is read twice:
 * first for its commenters, which may come after the comments, kept in memory (name and email
 * by commenterHex: memory grows with the commenters and the set of pages seen, not with the
 * comments); then for the comments. A page becomes a thread (`ref` its domain and path, `url`
 * `https://{domain}{path}`) the first time a comment names it. A comment by `anonymous`, or by a
 * commenter the export lacks, has no name or email. Votes are the score, never below zero: the
 * export names no voters.
 */
export async function* readCommento(file: string): AsyncGenerator<ImportItem> {
  const authors = new Map<string, Author>();
  let hasVersion = false;
  for await (const event of walkJsonFile(file, selectCommenters)) {
    assertExportShape(event);
    if (event.type === 'value' && event.path.length === 1 && event.path[0] === 'version') hasVersion = true;
    if (event.type !== 'value' || event.path[0] !== 'commenters') continue;
    const parsed = CommenterSchema.safeParse(event.value);
    if (!parsed.success) {
      yield problem(`not a Commento commenter: ${describeIssue(parsed.error, event.value)}`, event.position);
      continue;
    }
    const { commenterHex, name, email } = parsed.data;
    authors.set(commenterHex, { name: name ?? '', email: presentOrNull(email) });
  }
  if (!hasVersion) {
    throw new ImportSyntaxError('not a Commento export: it has no version', { line: 1, column: 1 });
  }

  const seenPages = new Set<string>();
  for await (const event of walkJsonFile(file, selectComments)) {
    assertExportShape(event);
    if (event.type !== 'value' || event.path[0] !== 'comments') continue;
    const parsed = CommentSchema.safeParse(event.value);
    if (!parsed.success) {
      yield problem(`not a Commento comment: ${describeIssue(parsed.error, event.value)}`, event.position);
      continue;
    }
    yield* toItems(parsed.data, authors, seenPages, event.position);
  }
}

function* toItems(
  record: CommentoComment,
  authors: Map<string, Author>,
  seenPages: Set<string>,
  position: SourcePosition,
): Generator<ImportItem> {
  const id = record.commentHex;
  const rawPath = record.url ?? record.path;
  const createdAtMs = parseRfc3339Ms(record.creationDate);
  const state = stateOf(record);
  if (rawPath == null) {
    yield problem(`comment ${id}: no url (its page's path)`, position);
    return;
  }
  if (createdAtMs === null) {
    yield problem(`comment ${id}: creationDate "${record.creationDate}" is not a date`, position);
    return;
  }
  if (state === null) {
    yield problem(`comment ${id}: unknown state "${record.state}"`, position);
    return;
  }

  const domain = record.domain ?? '';
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const ref = domain + path;
  if (!seenPages.has(ref)) {
    seenPages.add(ref);
    yield { type: 'thread', ref, url: domain ? `https://${domain}${path}` : path, locked: false, position };
  }
  const commenterHex = record.commenterHex ?? anonymousHex;
  const author = commenterHex === anonymousHex ? undefined : authors.get(commenterHex);
  const parentHex = record.parentHex === 'root' ? null : presentOrNull(record.parentHex);
  yield {
    type: 'comment',
    threadRef: ref,
    sourceId: id,
    parentSourceId: parentHex,
    authorName: author?.name ?? '',
    email: author?.email ?? null,
    body: record.html
      ? { format: BodyFormat.html, text: record.html }
      : { format: BodyFormat.markdown, text: record.markdown ?? '' },
    createdAtMs,
    editedAtMs: null,
    state,
    pinned: false,
    votes: Math.max(0, record.score ?? 0),
    position,
  };
}

function stateOf(record: CommentoComment): ImportState | null {
  if (record.deleted) return ImportState.deleted;
  switch (record.state) {
    case undefined:
    case null:
    case '':
    case 'approved':
      return ImportState.published;
    case 'unapproved':
    case 'flagged':
      return ImportState.held;
    default:
      return null;
  }
}

function selectCommenters(path: JsonPath): JsonSelection {
  if (path.length === 0 || (path.length === 1 && path[0] === 'commenters')) return 'enter';
  if (path.length === 1 && path[0] === 'version') return 'take';
  return path.length === 2 && path[0] === 'commenters' ? 'take' : 'skip';
}

function selectComments(path: JsonPath): JsonSelection {
  if (path.length === 0 || (path.length === 1 && path[0] === 'comments')) return 'enter';
  return path.length === 2 && path[0] === 'comments' ? 'take' : 'skip';
}

/** Throws unless the document is an object of version 1 whose lists are lists. */
function assertExportShape(event: JsonEvent): void {
  if (event.type === 'close') return;
  const [key, ...below] = event.path;
  if (key === undefined) {
    if (event.type === 'open' && event.container === 'object') return;
    throw new ImportSyntaxError('not a Commento export: the document is not an object', event.position);
  }
  if (below.length > 0) return;
  if (key === 'version') {
    if (event.type === 'value' && event.value === 1) return;
    const version = event.type === 'value' ? JSON.stringify(event.value) : `an ${event.container}`;
    throw new ImportSyntaxError(`a Commento export of version ${version}, not 1`, event.position);
  }
  if (event.type === 'open' && event.container === 'array') return;
  throw new ImportSyntaxError(`not a Commento export: "${String(key)}" is not a list`, event.position);
}

function problem(message: string, position: SourcePosition): ImportItem {
  return { type: 'problem', message, position };
}
