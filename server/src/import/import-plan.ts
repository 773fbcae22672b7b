import type { ImportStaging, StagedComment } from './import-staging.js';

/** What becomes of a staged comment. */
export const Keep = {
  /** Skipped (see `skipReasonSql`). */
  none: 0,
  /** Imported as it is: published or held. */
  comment: 1,
  /** Imported as a tombstone: deleted, spam or empty in the source, with imported replies. */
  tombstone: 2,
} as const;

/** A comment the writer stores: its staged record and where it goes. */
export interface PlacedComment extends StagedComment {
  threadKey: string;
  /** Its parent's id, or null at the top (an orphan too). */
  parentTargetId: string | null;
  keep: typeof Keep.comment | typeof Keep.tombstone;
  /** Its parent is not in the file: it goes in at the top of its thread. */
  isOrphan: boolean;
}

/**
 * Decides, over the staged records, what each comment becomes. Replies may precede their
 * parents in the file, so this runs once everything is staged:
 * 1. a comment's depth comes from its thread's roots down (a recursive query); a reply whose
 *    parent is not in the file is an orphan, placed at the top; comments in a reply cycle are
 *    never reached and are skipped;
 * 2. published and held comments with a body are kept;
 * 3. from the deepest level up, a comment not kept (deleted, spam, empty) that has a kept reply
 *    becomes a tombstone, so every kept reply's parent is stored.
 * Comments of a thread without a key (no address, a refused key) are skipped. With
 * `keepEveryTombstone` (a Hearth export) every deleted comment comes in as the tombstone it was.
 */
export function planImport(staging: ImportStaging, options: { keepEveryTombstone: boolean }): void {
  const { db } = staging;
  db.transaction(() => {
    db.exec(`
      UPDATE comments SET is_orphan = 1 WHERE parent_source_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM comments p WHERE p.thread_ref = comments.thread_ref AND p.source_id = comments.parent_source_id
      );
      INSERT INTO depths (n, depth)
      WITH RECURSIVE tree (n, thread_ref, source_id, depth) AS (
        SELECT c.n, c.thread_ref, c.source_id, 0 FROM comments c
        JOIN threads t ON t.ref = c.thread_ref AND t.thread_key IS NOT NULL
        WHERE c.parent_source_id IS NULL OR c.is_orphan = 1
        UNION ALL
        SELECT c.n, c.thread_ref, c.source_id, tree.depth + 1 FROM comments c
        JOIN tree ON c.thread_ref = tree.thread_ref AND c.parent_source_id = tree.source_id
      )
      SELECT n, depth FROM tree;
      UPDATE comments SET depth = (SELECT depth FROM depths WHERE depths.n = comments.n);
      CREATE INDEX comments_depth ON comments (depth, n);
      UPDATE comments SET keep = ${Keep.comment}
        WHERE depth IS NOT NULL AND state IN ('published', 'held') AND has_body = 1;
    `);
    if (options.keepEveryTombstone) {
      db.exec(`UPDATE comments SET keep = ${Keep.tombstone} WHERE depth IS NOT NULL AND state = 'deleted'`);
    }
    const maxDepth =
      db.prepare<[], number | null>('SELECT MAX(depth) FROM comments WHERE keep > 0').pluck().get() ?? null;
    const markTombstones = db.prepare<[number]>(
      `UPDATE comments SET keep = ${Keep.tombstone} WHERE depth = ? AND keep = ${Keep.none} AND EXISTS (
         SELECT 1 FROM comments c WHERE c.thread_ref = comments.thread_ref
           AND c.parent_source_id = comments.source_id AND c.keep > 0
       )`,
    );
    for (let depth = (maxDepth ?? 0) - 1; depth >= 0; depth -= 1) markTombstones.run(depth);
  })();
}

/** Why a staged comment that is not kept was skipped, in SQL over `comments c` and `threads t`. */
export const skipReasonSql = `CASE
  WHEN t.ref IS NULL THEN 'comment of a thread not in the file'
  WHEN t.thread_key IS NULL THEN t.refusal
  WHEN c.depth IS NULL THEN 'reply cycle'
  WHEN c.state = 'spam' THEN 'spam'
  WHEN c.state = 'deleted' THEN 'deleted, without replies'
  ELSE 'empty body'
END`;

/**
 * Kept comments in write order, parents before replies: by depth, then file order. Each page
 * is a range of one depth in the `comments_depth` index, so reading them all stays linear.
 */
export function* listPlacedComments(staging: ImportStaging, pageSize: number): Generator<PlacedComment[]> {
  const page = staging.db.prepare<
    [number, number, number],
    {
      staged: string;
      keep: number;
      is_orphan: number;
      thread_key: string;
      parent_target_id: string | null;
      n: number;
    }
  >(
    `SELECT c.staged, c.keep, c.is_orphan, t.thread_key, p.target_id AS parent_target_id, c.n
     FROM comments c JOIN threads t ON t.ref = c.thread_ref
     LEFT JOIN comments p ON c.is_orphan = 0 AND p.thread_ref = c.thread_ref AND p.source_id = c.parent_source_id
     WHERE c.depth = ? AND c.n > ? AND c.keep > 0 ORDER BY c.n LIMIT ?`,
  );
  const nextDepth = staging.db
    .prepare<[number], number | null>('SELECT MIN(depth) FROM comments WHERE depth > ?')
    .pluck();
  let depth = nextDepth.get(-1) ?? null;
  let after = 0;
  while (depth !== null) {
    const rows = page.all(depth, after, pageSize);
    if (rows.length > 0) {
      yield rows.map((row) => ({
        ...(JSON.parse(row.staged) as StagedComment),
        threadKey: row.thread_key,
        parentTargetId: row.parent_target_id,
        keep: row.keep === Keep.tombstone ? Keep.tombstone : Keep.comment,
        isOrphan: row.is_orphan === 1,
      }));
      after = rows.at(-1)!.n;
    }
    if (rows.length < pageSize) {
      depth = nextDepth.get(depth) ?? null;
      after = 0;
    }
  }
}
