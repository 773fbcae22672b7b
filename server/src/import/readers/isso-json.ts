import { z } from 'zod';
import {
  BodyFormat,
  ImportState,
  ImportSyntaxError,
  type ImportItem,
  type SourcePosition,
} from '../import-item.js';
import { placeIssoThread } from './isso-thread-place.js';
import { walkJsonFile, type JsonEvent, type JsonPath, type JsonSelection } from './json-walk.js';
import { describeIssue, parseRfc3339Ms, presentOrNull, utcMs } from './record-fields.js';
import { sniffText } from './source-text.js';

// Isso's generic import format (`isso import -t generic`, its migrate.py `Generic`): a list of
// threads `{"id": uri, "title": …, "comments": [{"id", "author", "email", "website",
// "remote_addr", "created": "%Y-%m-%d %H:%M:%S", "text"}]}`. Isso imports every comment as a
// top-level, accepted one; a `parent` is not part of the format, but is kept when a dump has one.

const CommentSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]),
  text: z.string(),
  author: z.string().nullish(),
  email: z.string().nullish(),
  created: z.string(),
  parent: z.union([z.string(), z.number().int()]).nullish(),
});

/** Isso's `strptime` pattern, `%Y-%m-%d %H:%M:%S`, which takes one-digit fields too. */
const issoDate = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** Whether a file's first bytes look like Isso's generic JSON: a list whose first item is an object. */
export function looksLikeIssoJson(head: Buffer): boolean {
  return /^\s*\[\s*\{/.test(sniffText(head));
}

/**
 * Reads Isso's generic JSON (gzipped or not), streaming: memory holds one comment and the
 * thread around it, whatever the file's size. A thread's `ref` is its index in the list, as its
 * `id` may come after its comments; the id, the page's path, is its `url` (or its key when not a
 * path). `created` has no time zone and is read as UTC (Isso reads it in its server's zone); an
 * RFC 3339 time is taken too. IP addresses (`remote_addr`) and websites are dropped.
 */
export async function* readIssoJson(file: string): AsyncGenerator<ImportItem> {
  let thread: { id: unknown; position: SourcePosition } | null = null;
  for await (const event of walkJsonFile(file, selectIssoJson)) {
    const [index, field] = event.path;
    if (index === undefined) {
      assertList(event);
      continue;
    }
    const ref = String(index);
    if (field === undefined) {
      if (event.type === 'open' && event.container === 'object')
        thread = { id: undefined, position: event.position };
      else if (event.type === 'close' && event.container === 'object' && thread) {
        yield* threadItems(ref, thread.id, thread.position);
        thread = null;
      } else if (event.type !== 'close') yield problem(`thread ${ref} is not an object`, event.position);
      continue;
    }
    if (field === 'id' && event.type === 'value' && thread) thread.id = event.value;
    if (field !== 'comments' || event.type === 'close') continue;
    if (event.type === 'value' && event.path.length === 3) yield toComment(ref, event.value, event.position);
    else if (event.type === 'value' || event.container !== 'array') {
      yield problem(`thread ${ref}: its comments are not a list`, event.position);
    }
  }
}

function* threadItems(ref: string, id: unknown, position: SourcePosition): Generator<ImportItem> {
  if (typeof id === 'string' && id !== '') {
    yield { type: 'thread', ref, ...placeIssoThread(id), locked: false, position };
    return;
  }
  yield problem(`thread ${ref} has no id (its page's path)`, position);
  // Its comments came already: the thread still comes, with nowhere to put them.
  yield { type: 'thread', ref, url: null, locked: false, position };
}

function toComment(threadRef: string, value: unknown, position: SourcePosition): ImportItem {
  const parsed = CommentSchema.safeParse(value);
  if (!parsed.success) return problem(`not an Isso comment: ${describeIssue(parsed.error, value)}`, position);
  const record = parsed.data;
  const createdAtMs = parseIssoDateMs(record.created);
  if (createdAtMs === null) {
    return problem(`comment ${record.id}: created "${record.created}" is not a date`, position);
  }
  const parent = record.parent;
  return {
    type: 'comment',
    threadRef,
    sourceId: String(record.id),
    // 0 is "no parent" where these dumps come from (WordPress), as in Isso's importers.
    parentSourceId: parent == null || parent === '' || parent === 0 || parent === '0' ? null : String(parent),
    authorName: record.author ?? '',
    email: presentOrNull(record.email),
    body: { format: BodyFormat.markdown, text: record.text },
    createdAtMs,
    editedAtMs: null,
    state: ImportState.published,
    pinned: false,
    votes: 0,
    position,
  };
}

function parseIssoDateMs(text: string): number | null {
  const match = issoDate.exec(text);
  if (!match) return parseRfc3339Ms(text);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return utcMs(year, month, day, hour, minute, second);
}

function selectIssoJson(path: JsonPath): JsonSelection {
  const [index, field] = path;
  if (index === undefined) return 'enter';
  if (typeof index !== 'number') return 'skip';
  if (field === undefined || (field === 'comments' && path.length === 2)) return 'enter';
  if (path.length === 2) return field === 'id' ? 'take' : 'skip';
  return field === 'comments' && path.length === 3 && typeof path[2] === 'number' ? 'take' : 'skip';
}

function assertList(event: JsonEvent): void {
  if (event.type === 'close' || (event.type === 'open' && event.container === 'array')) return;
  throw new ImportSyntaxError(
    "not Isso's generic JSON: the document is not a list of threads",
    event.position,
  );
}

function problem(message: string, position: SourcePosition): ImportItem {
  return { type: 'problem', message, position };
}
