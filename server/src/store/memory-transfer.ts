import { compareUtf8 } from './admin-views.js';
import type { CommentRecord } from './comment-store.js';
import { toBodyTreeColumn } from './body-tree.js';
import type { SiteTransferStore, StoredVote } from './site-transfer-store.js';

/** One voter's vote in the memory store: its place in vote order (for "most recent first"), and when. */
export interface MemoryVote {
  order: number;
  atMs: number;
}

/** The memory store's maps that importing and exporting read and write. */
export interface MemoryTransferState {
  byId: Map<string, CommentRecord>;
  bodyTrees: Map<string, string>;
  /** Adds a record to its thread's list. */
  addToThread: (record: CommentRecord) => void;
  votersById: Map<string, Map<string, MemoryVote>>;
  lockedThreads: Set<string>;
  threadKey: (site: string, thread: string) => string;
  takeSeq: () => number;
  takeVoteOrder: () => number;
  assertOpen: () => void;
}

/** The memory store's import and export (site-transfer-store.ts), over its own maps. */
export function createMemoryTransfer(state: MemoryTransferState): SiteTransferStore {
  const { byId, votersById, assertOpen } = state;
  return {
    async importComments(comments, votes) {
      assertOpen();
      let added = 0;
      for (const { bodyTree, ...imported } of comments) {
        if (byId.has(imported.comment.id)) continue;
        const record: CommentRecord = structuredClone({
          ...imported,
          comment: { ...imported.comment, seq: state.takeSeq() },
        });
        byId.set(record.comment.id, record);
        state.bodyTrees.set(record.comment.id, bodyTree ?? toBodyTreeColumn(record.comment.body));
        state.addToThread(record);
        added += 1;
      }
      for (const vote of votes) {
        const voters = votersById.get(vote.commentId) ?? new Map<string, MemoryVote>();
        if (voters.has(vote.voterKey)) continue;
        voters.set(vote.voterKey, { order: state.takeVoteOrder(), atMs: vote.createdAtMs });
        votersById.set(vote.commentId, voters);
      }
      return { added, present: comments.length - added };
    },

    async listSiteComments(site, afterSeq, limit) {
      assertOpen();
      return [...byId.values()]
        .filter((record) => record.site === site && record.comment.seq > afterSeq)
        .sort((a, b) => a.comment.seq - b.comment.seq)
        .slice(0, Math.max(0, limit))
        .map((record) => structuredClone(record));
    },

    async listSiteVotes(site, after, limit) {
      assertOpen();
      const votes: StoredVote[] = [];
      for (const [commentId, voters] of votersById) {
        if (byId.get(commentId)?.site !== site) continue;
        for (const [voterKey, vote] of voters) votes.push({ commentId, voterKey, createdAtMs: vote.atMs });
      }
      return votes
        .sort((a, b) => compareUtf8(a.commentId, b.commentId) || compareUtf8(a.voterKey, b.voterKey))
        .filter(
          (vote) =>
            after === null ||
            compareUtf8(vote.commentId, after.commentId) > 0 ||
            (vote.commentId === after.commentId && compareUtf8(vote.voterKey, after.voterKey) > 0),
        )
        .slice(0, Math.max(0, limit));
    },

    async listLockedThreads(site) {
      assertOpen();
      return [...state.lockedThreads]
        .map((key) => JSON.parse(key) as [string, string])
        .filter(([lockedSite]) => lockedSite === site)
        .map(([, thread]) => thread)
        .sort(compareUtf8);
    },
  };
}
