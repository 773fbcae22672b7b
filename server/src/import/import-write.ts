import { isEmailAddress } from '../../../src/protocol/new-comment.js';
import { limits } from '../../../src/protocol/limits.js';
import { toOneLineName } from '../../../src/protocol/text-rules.js';
import type { CommentStore } from '../store/comment-store.js';
import type { ImportedComment, StoredVote } from '../store/site-transfer-store.js';
import type { BodyConverter } from './body-converter.js';
import { deriveVoterKey } from './import-ids.js';
import { Keep, listPlacedComments, type PlacedComment } from './import-plan.js';
import type { ImportOptions } from './import-run.js';
import type { ImportStaging } from './import-staging.js';
import type { ImportSummary } from './import-summary.js';

// The import's last step (import-run.ts): the planned comments written to the store, then
// thread locks and bans.

const anonymousName = 'Anonymous';

/** The comment as the store keeps it, with its body's tree column. */
function toImported(site: string, placed: PlacedComment, votes: number, bodyTree: string): ImportedComment {
  const { item, keep } = placed;
  const isTombstone = keep === Keep.tombstone;
  const hearth = item.hearth;
  // A Hearth export's tombstone comes back as Hearth made it (store-rules.ts's applyUpdate keeps
  // its edit time, votes and verified mark); any other source's is made here, bare.
  const editedAt =
    item.editedAtMs === null || (isTombstone && !hearth) ? null : new Date(item.editedAtMs).toISOString();
  const updatedAtMs = hearth?.updatedAtMs ?? item.editedAtMs ?? item.createdAtMs;
  return {
    site,
    bodyTree: isTombstone ? undefined : bodyTree,
    comment: {
      id: placed.targetId,
      thread: placed.threadKey,
      parentId: placed.parentTargetId,
      authorName: isTombstone
        ? ''
        : toOneLineName(item.authorName, limits.authorNameMaxChars) || anonymousName,
      body: isTombstone ? '' : placed.body,
      createdAt: new Date(item.createdAtMs).toISOString(),
      updatedAt: new Date(Math.max(updatedAtMs, item.createdAtMs)).toISOString(),
      status: isTombstone ? 'deleted' : item.state === 'held' ? 'held' : 'published',
      editedAt,
      verified: hearth?.verified ?? false,
      avatarUrl: isTombstone ? null : (hearth?.avatarUrl ?? null),
      pinned: !isTombstone && item.pinned,
      votes: isTombstone && !hearth ? 0 : votes,
    },
    author: {
      authorTokenHash: hearth?.authorTokenHash ?? null,
      userId: hearth?.userId ?? null,
      email: isTombstone ? null : toEmail(item.email),
      // Only Hearth's own hashes: any other source's address is dropped (docs/import.md).
      ipHash: hearth?.ipHash ?? null,
      verified: hearth?.verified ?? false,
      avatarUrl: isTombstone ? null : (hearth?.avatarUrl ?? null),
    },
  };
}

/** An author's email as stored: trimmed, lowercased, and only when it is an address. */
function toEmail(email: string | null): string | null {
  const clean = email?.trim().toLowerCase() ?? '';
  return clean.length <= limits.emailMaxChars && isEmailAddress(clean) ? clean : null;
}

/**
 * The pages of comments to write, each with the trees of its bodies asked for (in the worker,
 * beside this thread) one page before it is written. A dry run makes no trees.
 */
function* listTreedPages(
  staging: ImportStaging,
  converter: BodyConverter,
  options: ImportOptions,
): Generator<{ page: PlacedComment[]; trees: Promise<string[]> }> {
  let ahead: { page: PlacedComment[]; trees: Promise<string[]> } | null = null;
  for (const page of listPlacedComments(staging, options.batchSize ?? 500)) {
    const bodies = page.map((placed) => (placed.keep === Keep.tombstone ? '' : placed.body));
    const trees = options.dryRun ? Promise.resolve(bodies.map(() => '')) : converter.makeTrees(bodies);
    // Awaited in turn; a failure meanwhile must not count as unhandled.
    trees.catch(() => undefined);
    if (ahead) yield ahead;
    ahead = { page, trees };
  }
  if (ahead) yield ahead;
}

export async function writeComments(
  store: CommentStore,
  staging: ImportStaging,
  converter: BodyConverter,
  options: ImportOptions,
  summary: ImportSummary,
): Promise<Set<string>> {
  const changed = new Set<string>();
  // Most sources name no voters: then no comment asks the staging file for its votes.
  const hasVoters = staging.hasVotes();
  for (const { page, trees } of listTreedPages(staging, converter, options)) {
    const present = new Set(
      (await store.getComments(page.map((placed) => placed.targetId))).map((record) => record.comment.id),
    );
    const pageTrees = await trees;
    const comments: ImportedComment[] = [];
    const votes: StoredVote[] = [];
    for (const [index, placed] of page.entries()) {
      if (present.has(placed.targetId)) {
        summary.present += 1;
        continue;
      }
      const commentVotes =
        hasVoters && placed.keep === Keep.comment ? readVotes(staging, options, placed) : [];
      const imported = toImported(
        options.site,
        placed,
        placed.item.votes ?? commentVotes.length,
        pageTrees[index] ?? '',
      );
      comments.push(imported);
      votes.push(...commentVotes);
      countComment(summary, placed, imported);
      changed.add(placed.threadKey);
    }
    summary.votes += votes.length;
    if (!options.dryRun && comments.length > 0) await store.importComments(comments, votes);
  }
  return changed;
}

function readVotes(staging: ImportStaging, options: ImportOptions, placed: PlacedComment): StoredVote[] {
  const { item } = placed;
  return staging.listVotes(item.threadRef, item.sourceId).map((vote) => ({
    commentId: placed.targetId,
    // A Hearth export's voter keys are Hearth's own; any other source's are hashed.
    voterKey: options.format === 'hearth' ? vote.voter : deriveVoterKey(options.format, vote.voter),
    createdAtMs: vote.created_at_ms ?? item.createdAtMs,
  }));
}

function countComment(summary: ImportSummary, placed: PlacedComment, imported: ImportedComment): void {
  summary.comments += 1;
  if (imported.comment.parentId !== null) summary.replies += 1;
  if (imported.comment.status === 'deleted') summary.tombstones += 1;
  if (imported.comment.status === 'held') summary.held += 1;
  if (placed.isOrphan) summary.orphans += 1;
  if (placed.truncated) summary.truncated += 1;
}

export async function writeLocksAndBans(
  store: CommentStore,
  staging: ImportStaging,
  options: ImportOptions,
  summary: ImportSummary,
  changed: Set<string>,
): Promise<void> {
  const locked = staging.db
    .prepare<[], string>(
      'SELECT DISTINCT thread_key FROM threads WHERE locked = 1 AND thread_key IS NOT NULL',
    )
    .pluck()
    .all();
  for (const thread of locked) {
    summary.lockedThreads += 1;
    changed.add(thread);
    if (!options.dryRun) await store.setThreadLocked(options.site, thread, true);
  }
  const existing = new Set((await store.listBans(options.site)).map((ban) => `${ban.kind}\n${ban.value}`));
  for (const ban of staging.listBans()) {
    const key = `${ban.kind}\n${ban.value}`;
    if (existing.has(key)) continue;
    existing.add(key);
    summary.bans += 1;
    if (!options.dryRun) {
      await store.addBan(
        {
          site: options.site,
          kind: ban.kind,
          value: ban.value,
          reason: ban.reason,
          createdBy: ban.createdBy,
        },
        ban.createdAtMs,
      );
    }
  }
}
