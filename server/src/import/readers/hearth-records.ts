import {
  ExportRecordSchema,
  ExportRecordType,
  type ExportComment,
  type ExportRecord,
} from '../../../../src/protocol/export-format.js';
import {
  BodyFormat,
  type ImportComment,
  type ImportItem,
  type ImportThread,
  type SourcePosition,
} from '../import-item.js';

// One record of a Hearth export (docs/export-format.md) as the import's items. No I/O.

/** Longest piece of a source value quoted in a problem's message. */
const quotedMaxChars = 40;

/**
 * The items one line after the header stands for: its thread first when the line is a comment
 * whose thread has not been named yet (only locked threads have records of their own), or a
 * problem when the line is not a valid record. `seenThreads` holds the thread keys named so far,
 * and gains this line's.
 */
export function readHearthRecord(
  text: string,
  position: SourcePosition,
  seenThreads: Set<string>,
): ImportItem[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [problem(`Not JSON: ${(error as Error).message}`, position)];
  }
  const parsed = ExportRecordSchema.safeParse(json);
  if (!parsed.success) return [problem(describeInvalid(json, parsed.error.issues), position)];
  return toItems(parsed.data, position, seenThreads);
}

function toItems(record: ExportRecord, position: SourcePosition, seenThreads: Set<string>): ImportItem[] {
  switch (record.type) {
    case ExportRecordType.thread:
      if (seenThreads.has(record.key)) {
        return [
          problem(
            `The thread record of ${quote(record.key)} comes after a record naming that thread: thread records come first.`,
            position,
          ),
        ];
      }
      seenThreads.add(record.key);
      return [
        { type: 'thread', ref: record.key, url: null, key: record.key, locked: record.locked, position },
      ];
    case ExportRecordType.comment: {
      const comment = toImportComment(record, position);
      if (seenThreads.has(record.thread)) return [comment];
      seenThreads.add(record.thread);
      const thread: ImportThread = {
        type: 'thread',
        ref: record.thread,
        url: null,
        key: record.thread,
        locked: false,
        position,
      };
      return [thread, comment];
    }
    case ExportRecordType.vote:
      return [
        {
          type: 'vote',
          threadRef: record.thread,
          commentSourceId: record.commentId,
          voter: record.voterKey,
          createdAtMs: Date.parse(record.createdAt),
          position,
        },
      ];
    case ExportRecordType.ban:
      return [
        {
          type: 'ban',
          kind: record.kind,
          value: record.value,
          reason: record.reason,
          createdAtMs: Date.parse(record.createdAt),
          createdBy: record.createdBy,
          position,
        },
      ];
  }
}

function toImportComment(record: ExportComment, position: SourcePosition): ImportComment {
  return {
    type: 'comment',
    threadRef: record.thread,
    sourceId: record.id,
    parentSourceId: record.parentId,
    authorName: record.authorName,
    email: record.email ?? null,
    body: { format: BodyFormat.hearth, text: record.body },
    createdAtMs: Date.parse(record.createdAt),
    editedAtMs: record.editedAt === null ? null : Date.parse(record.editedAt),
    // The export's statuses are the import's states: published, held, deleted.
    state: record.status,
    pinned: record.pinned,
    votes: record.votes,
    hearth: {
      id: record.id,
      updatedAtMs: Date.parse(record.updatedAt),
      verified: record.verified,
      avatarUrl: record.avatarUrl,
      userId: record.userId ?? null,
      authorTokenHash: record.authorTokenHash ?? null,
      ipHash: record.ipHash ?? null,
    },
    position,
  };
}

/** What is wrong with a line that is JSON but no valid record: its type, or its first bad field. */
function describeInvalid(
  json: unknown,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): string {
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  if (!Object.values<unknown>(ExportRecordType).includes(type)) {
    return typeof type === 'string'
      ? `Unknown record type ${quote(type)}: a record is a thread, comment, vote or ban.`
      : 'Not a record: a line after the header is an object whose "type" is thread, comment, vote or ban.';
  }
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return `Invalid ${String(type)} record: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid.'}`;
}

function problem(message: string, position: SourcePosition): ImportItem {
  return { type: 'problem', message, position };
}

/** A source value inside a message, cut short and in JSON quotes so control characters show. */
function quote(value: string): string {
  return JSON.stringify(value.length > quotedMaxChars ? `${value.slice(0, quotedMaxChars)}…` : value);
}
