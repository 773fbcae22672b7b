import type { CommentStore } from '../store/comment-store.js';
import type { ConvertedBody } from './body-conversion.js';
import { createInlineConverter, createWorkerConverter, type BodyConverter } from './body-converter.js';
import { deriveCommentId } from './import-ids.js';
import type { ImportComment, ImportItem } from './import-item.js';
import { Keep, planImport, skipReasonSql } from './import-plan.js';
import { createImportStaging, type ImportStaging } from './import-staging.js';
import { problemListMax, type ImportSummary, type ReportedProblem } from './import-summary.js';
import { writeComments, writeLocksAndBans } from './import-write.js';
import { toThreadKey, type KeyMapping } from './thread-key-map.js';

/** How to import. */
export interface ImportOptions {
  /** The site the comments go to. */
  site: string;
  /** The format's name (`disqus`, `hearth`, …): part of every derived id. */
  format: string;
  mappings: readonly KeyMapping[];
  /** Decide and count everything, write nothing. */
  dryRun: boolean;
  /** Report bad records and import the rest, instead of importing nothing. */
  skipBad: boolean;
  /** Keep a Hearth export's own comment ids (true when it was exported from this same site). */
  keepIds: boolean;
  /** Comments per store transaction; default 500. */
  batchSize?: number;
  /**
   * Where the bundled body-worker.ts is: bodies are then converted, and their trees made, in a
   * worker thread beside this one. Without it, in this thread.
   */
  bodyWorker?: URL;
}

/** What `runImport` did: the summary, and the threads whose comments changed. */
export interface ImportOutcome {
  summary: ImportSummary;
  /** Every bad record's count (the summary lists the first `problemListMax`). */
  problemCount: number;
  /** Threads that received comments, for the change notices of live pages. */
  changedThreads: string[];
}

/** The source has bad records and `--skip-bad` was not given: nothing was imported. */
export class ImportFailedError extends Error {
  override name = 'ImportFailedError';
  constructor(
    readonly problems: ReportedProblem[],
    readonly problemCount: number,
  ) {
    super(`${problemCount} bad record${problemCount === 1 ? '' : 's'} in the file; nothing was imported.`);
  }
}

/**
 * Imports a source's items into `store`, in three steps:
 * 1. every item is staged in a scratch database (import-staging.ts), its body converted; bad
 *    records are collected, and without `skipBad` any of them stops the import here, before a
 *    single write;
 * 2. the plan decides what each comment becomes (import-plan.ts);
 * 3. comments are written parents first, `batchSize` per transaction, with their bodies' trees
 *    (made a batch ahead of the writes), then thread locks and bans.
 * A reader's `ImportSyntaxError` propagates from step 1, with nothing written. Re-running after a
 * failure in step 3 (a lost database) completes the import: ids are derived, stored ones skipped.
 */
export async function runImport(
  store: CommentStore,
  items: AsyncIterable<ImportItem>,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const staging = createImportStaging();
  const converter = options.bodyWorker
    ? createWorkerConverter(options.bodyWorker)
    : await createInlineConverter();
  try {
    const summary = emptySummary(options);
    let problemCount = 0;
    const report = (problem: ReportedProblem): void => {
      problemCount += 1;
      if (summary.problems.length < problemListMax) summary.problems.push(problem);
    };
    await stageItems(staging, items, converter, options, summary, report);
    if (problemCount > 0 && !options.skipBad) throw new ImportFailedError(summary.problems, problemCount);

    assignKeys(staging, options.mappings);
    // A Hearth export's tombstones are the site's own records: all of them come back.
    planImport(staging, { keepEveryTombstone: options.format === 'hearth' });
    countSkipped(staging, summary);
    const changedThreads = await writeComments(store, staging, converter, options, summary);
    await writeLocksAndBans(store, staging, options, summary, changedThreads);
    summary.threads = changedThreads.size;
    return { summary, problemCount, changedThreads: [...changedThreads] };
  } finally {
    await converter.close();
    staging.close();
  }
}

function emptySummary(options: ImportOptions): ImportSummary {
  return {
    format: options.format,
    site: options.site,
    dryRun: options.dryRun,
    threads: 0,
    comments: 0,
    replies: 0,
    tombstones: 0,
    held: 0,
    present: 0,
    orphans: 0,
    truncated: 0,
    votes: 0,
    lockedThreads: 0,
    bans: 0,
    skipped: {},
    problems: [],
  };
}

/** Comments whose bodies are converted in one batch. */
const convertBatchComments = 200;
/** Records read ahead at most, converting: enough to keep a worker busy, few enough for flat memory. */
const readAheadMax = 4 * convertBatchComments;

/** Whether a comment's body is converted: it is shown, and dated (as stageItem checks). */
function isConverted(item: ImportItem): item is ImportComment {
  return (
    item.type === 'comment' &&
    Number.isFinite(item.createdAtMs) &&
    (item.state === 'published' || item.state === 'held')
  );
}

/**
 * Stages every item in file order. Bodies are converted a batch at a time while the file is read
 * on; each batch's records are staged, in order, once its bodies are back.
 */
async function stageItems(
  staging: ImportStaging,
  items: AsyncIterable<ImportItem>,
  converter: BodyConverter,
  options: ImportOptions,
  summary: ImportSummary,
  report: (problem: ReportedProblem) => void,
): Promise<void> {
  const converting: { records: ImportItem[]; bodies: Promise<ConvertedBody[]> }[] = [];
  let records: ImportItem[] = [];
  let sources: ImportComment['body'][] = [];
  let readAhead = 0;
  const send = () => {
    const bodies = converter.convert(sources);
    // Awaited in turn below; a failure meanwhile must not count as unhandled.
    bodies.catch(() => undefined);
    converting.push({ records, bodies });
    records = [];
    sources = [];
  };
  const stageOldest = async () => {
    const batch = converting.shift();
    if (!batch) return;
    const bodies = await batch.bodies;
    readAhead -= batch.records.length;
    let converted = 0;
    for (const item of batch.records) {
      stageItem(staging, item, isConverted(item) ? bodies[converted++] : undefined, options, summary, report);
    }
  };
  for await (const item of items) {
    records.push(item);
    readAhead += 1;
    if (isConverted(item)) sources.push(item.body);
    if (sources.length >= convertBatchComments || records.length >= readAheadMax) send();
    while (readAhead > readAheadMax && converting.length > 0) await stageOldest();
  }
  send();
  while (converting.length > 0) await stageOldest();
  staging.finishStaging();
}

function stageItem(
  staging: ImportStaging,
  item: ImportItem,
  converted: ConvertedBody | undefined,
  options: ImportOptions,
  summary: ImportSummary,
  report: (problem: ReportedProblem) => void,
): void {
  switch (item.type) {
    case 'thread':
      staging.addThread(item);
      break;
    case 'comment': {
      if (!Number.isFinite(item.createdAtMs)) {
        report({ ...item.position, message: `comment "${item.sourceId}" has no valid date` });
        break;
      }
      // The staged record keeps the converted body only: the source's is read no more.
      const { body: sourceBody, ...record } = item;
      const { body, truncated } = converted ?? { body: '', truncated: false };
      const targetId =
        options.keepIds && item.hearth
          ? item.hearth.id
          : deriveCommentId(options.site, options.format, item.threadRef, item.sourceId);
      const firstLine = staging.addComment(
        { item: record, targetId, body, truncated },
        options.format === 'hearth',
      );
      if (firstLine !== null) {
        report({
          ...item.position,
          message: `comment id "${item.sourceId}" appears twice in one thread (first at line ${firstLine})`,
        });
      }
      break;
    }
    case 'vote':
      staging.addVote(item);
      break;
    case 'ban':
      staging.addBan(item);
      break;
    case 'problem':
      report({ ...item.position, message: item.message });
      break;
    case 'skipped':
      summary.skipped[item.reason] = (summary.skipped[item.reason] ?? 0) + 1;
      break;
  }
}

function assignKeys(staging: ImportStaging, mappings: readonly KeyMapping[]): void {
  const keys = new Map<string, { key: string | null; refusal: string | null }>();
  for (const thread of staging.listThreads()) {
    const result = toThreadKey({ url: thread.url, key: thread.exactKey ?? undefined }, mappings);
    keys.set(
      thread.ref,
      result.kind === 'key' ? { key: result.key, refusal: null } : { key: null, refusal: result.reason },
    );
  }
  staging.assignThreadKeys(keys);
}

function countSkipped(staging: ImportStaging, summary: ImportSummary): void {
  const rows = staging.db
    .prepare<[], { reason: string; count: number }>(
      `SELECT ${skipReasonSql} AS reason, COUNT(*) AS count
       FROM comments c LEFT JOIN threads t ON t.ref = c.thread_ref WHERE c.keep = ${Keep.none} GROUP BY reason`,
    )
    .all();
  for (const { reason, count } of rows) summary.skipped[reason] = (summary.skipped[reason] ?? 0) + count;
}
