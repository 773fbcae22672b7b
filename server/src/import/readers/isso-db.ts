import Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import {
  BodyFormat,
  ImportState,
  ImportSyntaxError,
  type ImportItem,
  type SourcePosition,
} from '../import-item.js';
import { placeIssoThread } from './isso-thread-place.js';

// Isso's SQLite database (its `dbpath`, `comments.db`): `threads(id, uri, title)` and
// `comments(tid, id, parent, created, modified, mode, remote_addr, text, author, email, website,
// likes, dislikes, voters, notification)`. Times are epoch seconds (REAL); `mode` is 1 accepted,
// 2 pending, 4 deleted (kept as a tombstone while replies hang on it); `text` is the markdown
// as typed, which Isso renders with misaka.

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

const requiredColumns = {
  threads: ['id', 'uri'],
  comments: ['tid', 'id', 'parent', 'created', 'modified', 'mode', 'text', 'author', 'email', 'likes'],
} as const;

const issoStates: Record<number, ImportState> = {
  1: ImportState.published,
  2: ImportState.held,
  4: ImportState.deleted,
};

/** Where a problem with the database as a whole is reported: it has no lines. */
const wholeFile: SourcePosition = { line: 0, column: 0 };

interface CommentRow {
  tid: unknown;
  id: number;
  parent: unknown;
  created: unknown;
  modified: unknown;
  mode: unknown;
  text: unknown;
  author: unknown;
  email: unknown;
  likes: unknown;
}

/**
 * Whether a file's first bytes are a SQLite database's. Any SQLite file passes: the reader
 * checks for Isso's tables.
 */
export function looksLikeIssoDb(head: Buffer): boolean {
  return head.subarray(0, sqliteHeader.length).equals(sqliteHeader);
}

/**
 * Reads an Isso database, opened read-only (safe while Isso runs), one row at a time. A thread's
 * `ref` is its `threads.id`; comments keep Isso's ids and parents. `likes` are the votes
 * (dislikes never count); IP addresses, websites and the voters' bloom filter are dropped. A
 * database has no lines: an item's position is its row's id as the line, column 0. A file that
 * is not SQLite, or lacks Isso's tables, is an ImportSyntaxError.
 */
export async function* readIssoDb(file: string): AsyncGenerator<ImportItem> {
  // A missing file is said as the file system says it, not as SQLite's "unable to open".
  await stat(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    assertIssoSchema(db);
    const threads = db.prepare('SELECT id, uri FROM threads ORDER BY id');
    for (const row of threads.iterate() as Iterable<{ id: number; uri: unknown }>) {
      const position = { line: row.id, column: 0 };
      if (typeof row.uri === 'string' && row.uri !== '') {
        yield { type: 'thread', ref: String(row.id), ...placeIssoThread(row.uri), locked: false, position };
      } else {
        yield { type: 'problem', message: `thread ${row.id} has no uri (its page's path)`, position };
        yield { type: 'thread', ref: String(row.id), url: null, locked: false, position };
      }
    }
    const comments = db.prepare(`SELECT ${requiredColumns.comments.join(', ')} FROM comments ORDER BY id`);
    for (const row of comments.iterate() as Iterable<CommentRow>) yield toItem(row);
  } finally {
    db.close();
  }
}

function assertIssoSchema(db: Database.Database): void {
  for (const [table, columns] of Object.entries(requiredColumns)) {
    let present: Set<string>;
    try {
      const info = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
      present = new Set(info.map((column) => column.name));
    } catch (error) {
      throw new ImportSyntaxError(`not an Isso database: ${messageOf(error)}`, wholeFile);
    }
    if (present.size === 0) {
      throw new ImportSyntaxError(`not an Isso database: it has no table "${table}"`, wholeFile);
    }
    const missing = columns.filter((column) => !present.has(column));
    if (missing.length > 0) {
      throw new ImportSyntaxError(
        `not an Isso database: table "${table}" lacks ${missing.join(', ')}`,
        wholeFile,
      );
    }
  }
}

function toItem(row: CommentRow): ImportItem {
  const position = { line: row.id, column: 0 };
  const refuse = (why: string): ImportItem => ({
    type: 'problem',
    message: `comment ${row.id}: ${why}`,
    position,
  });
  const state = typeof row.mode === 'number' ? issoStates[row.mode] : undefined;
  if (typeof row.tid !== 'number') return refuse('it belongs to no thread');
  if (!isSeconds(row.created)) return refuse(`created ${JSON.stringify(row.created)} is not a time`);
  if (state === undefined) return refuse(`mode ${JSON.stringify(row.mode)} is not 1, 2 or 4`);
  return {
    type: 'comment',
    threadRef: String(row.tid),
    sourceId: String(row.id),
    parentSourceId: typeof row.parent === 'number' ? String(row.parent) : null,
    authorName: typeof row.author === 'string' ? row.author : '',
    email: typeof row.email === 'string' && row.email !== '' ? row.email : null,
    body: { format: BodyFormat.markdown, text: typeof row.text === 'string' ? row.text : '' },
    createdAtMs: Math.round(row.created * 1000),
    editedAtMs: isSeconds(row.modified) ? Math.round(row.modified * 1000) : null,
    state,
    pinned: false,
    votes: typeof row.likes === 'number' && row.likes > 0 ? row.likes : 0,
    position,
  };
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
