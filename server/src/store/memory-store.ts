import { randomBytes } from 'node:crypto';
import { CommentStatus, type Comment } from '../../../src/protocol/index.js';
import type {
  AuditEntry,
  Ban,
  ChangePage,
  ChangeSpan,
  CommentInsert,
  CommentQuery,
  CommentRecord,
  ChangedThreads,
  CommentStore,
  CommentUpdate,
  InsertResult,
  VoteResult,
} from './comment-store.js';
import {
  compareThreadSummaries,
  compareUtf8,
  isAfterThreadCursor,
  type ThreadSummary,
} from './admin-views.js';
import { toBodyTreeColumn, toFeedComment } from './body-tree.js';
import { createMemoryAbuseState } from './memory-abuse-state.js';
import { createMemoryJobQueue } from './memory-job-queue.js';
import { createMemoryNotifications } from './memory-notifications.js';
import { createMemoryTransfer, type MemoryVote } from './memory-transfer.js';
import { isSameComment } from './same-comment.js';
import { applyUpdate, matchesBan } from './store-rules.js';

/** A store that lives and dies with the process: for tests and throwaway demos, never for data. */
export function createMemoryStore(): CommentStore {
  const byId = new Map<string, CommentRecord>();
  /** Each comment's `body_tree`, as the row stores keep it (body-tree.ts), by id. */
  const bodyTrees = new Map<string, string>();
  // Each thread's records in insertion order, keyed by site and thread.
  const byThread = new Map<string, CommentRecord[]>();
  const lockedThreads = new Set<string>();
  const bans: Ban[] = [];
  const audit: AuditEntry[] = [];
  const secrets = new Map<string, string>();
  // Voter keys per comment id, each with its place in vote order and when it voted.
  const votersById = new Map<string, Map<string, MemoryVote>>();
  // The network of each anonymous vote, by comment id and voter key.
  const networksById = new Map<string, Map<string, string>>();
  let lastVote = 0;
  let lastSeq = 0;
  let lastBanId = 0;
  let isClosed = false;

  function assertOpen(): void {
    if (isClosed) throw new Error('The memory store is closed.');
  }

  function threadKey(site: string, thread: string): string {
    return JSON.stringify([site, thread]);
  }

  function addToThread(record: CommentRecord): void {
    const key = threadKey(record.site, record.comment.thread);
    byThread.set(key, [...(byThread.get(key) ?? []), record]);
  }

  function copy(record: CommentRecord): CommentRecord {
    return structuredClone(record);
  }

  return {
    async listChanges(site: string, thread: string, sinceSeq: number, limit: number): Promise<ChangePage> {
      assertOpen();
      const changes = (byThread.get(threadKey(site, thread)) ?? [])
        .map((record) => record.comment)
        .filter((comment) => comment.seq > sinceSeq && comment.status !== CommentStatus.held)
        .sort((a, b) => a.seq - b.seq);
      const comments = changes
        .slice(0, Math.max(0, limit))
        .map((comment) => toFeedComment(structuredClone(comment), bodyTrees.get(comment.id) ?? null));
      return { comments, lastSeq: comments.at(-1)?.seq ?? sinceSeq, more: changes.length > limit };
    },

    async peekChanges(site, thread, sinceSeq, limit): Promise<ChangeSpan> {
      const { lastSeq, more } = await this.listChanges(site, thread, sinceSeq, limit);
      return { lastSeq, more };
    },

    async insertComment(insert: CommentInsert): Promise<InsertResult> {
      assertOpen();
      const { site, thread, input, author, status, nowMs } = insert;
      const stored = byId.get(input.id);
      if (stored) {
        const isSame = stored.site === site && isSameComment(stored.comment, thread, input);
        return { kind: isSame ? 'existing' : 'conflict', comment: structuredClone(stored.comment) };
      }
      const parentId = input.parentId ?? null;
      const parent = parentId === null ? null : byId.get(parentId);
      if (parentId !== null && (parent?.site !== site || parent.comment.thread !== thread)) {
        return { kind: 'unknown-parent' };
      }
      const at = new Date(nowMs).toISOString();
      const comment: Comment = {
        id: input.id,
        thread,
        parentId,
        authorName: input.authorName,
        body: input.body,
        createdAt: at,
        updatedAt: at,
        status,
        editedAt: null,
        verified: author.verified,
        avatarUrl: author.avatarUrl,
        pinned: false,
        votes: 0,
        seq: ++lastSeq,
      };
      const record: CommentRecord = { site, comment, author: { ...author } };
      byId.set(comment.id, record);
      bodyTrees.set(comment.id, toBodyTreeColumn(comment.body));
      addToThread(record);
      return { kind: 'created', comment: structuredClone(comment) };
    },

    async getComment(id: string): Promise<CommentRecord | null> {
      assertOpen();
      const record = byId.get(id);
      return record ? copy(record) : null;
    },

    async updateComment(id: string, update: CommentUpdate, nowMs: number): Promise<Comment | null> {
      assertOpen();
      const record = byId.get(id);
      if (!record) return null;
      const next = applyUpdate(record, update, nowMs, lastSeq + 1);
      lastSeq += 1;
      if (next.comment.body !== record.comment.body) bodyTrees.set(id, toBodyTreeColumn(next.comment.body));
      record.comment = next.comment;
      record.author = next.author;
      if (next.pendingEdit) record.pendingEdit = next.pendingEdit;
      else delete record.pendingEdit;
      return structuredClone(record.comment);
    },

    async holdEdit(id: string, body: string, nowMs: number): Promise<CommentRecord | null> {
      assertOpen();
      const record = byId.get(id);
      if (record?.comment.status !== CommentStatus.published) return null;
      record.pendingEdit = { body, heldAt: new Date(nowMs).toISOString() };
      return copy(record);
    },

    async listLatestComments(site, thread, limit): Promise<Comment[]> {
      assertOpen();
      return [...byId.values()]
        .filter(
          (record) =>
            record.site === site &&
            record.comment.status === CommentStatus.published &&
            (thread === null || record.comment.thread === thread),
        )
        .map((record) => record.comment)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1))
        .slice(0, Math.max(0, limit))
        .map((comment) => structuredClone(comment));
    },

    async queryComments(query: CommentQuery): Promise<CommentRecord[]> {
      assertOpen();
      return [...byId.values()]
        .filter(
          (record) =>
            (query.site === undefined || record.site === query.site) &&
            (query.hasPendingEdit
              ? record.comment.status === CommentStatus.published && record.pendingEdit !== undefined
              : query.status === undefined || record.comment.status === query.status) &&
            (query.thread === undefined || record.comment.thread === query.thread) &&
            (query.userId === undefined || record.author.userId === query.userId) &&
            (query.beforeSeq === undefined || record.comment.seq < query.beforeSeq),
        )
        .sort((a, b) => b.comment.seq - a.comment.seq)
        .slice(0, Math.max(0, query.limit))
        .map(copy);
    },

    async listThreads(site, { limit, before }): Promise<ThreadSummary[]> {
      assertOpen();
      const summaries = new Map<string, ThreadSummary>();
      for (const record of byId.values()) {
        if (record.site !== site) continue;
        const { thread, status, createdAt } = record.comment;
        const summary = summaries.get(thread) ?? {
          thread,
          published: 0,
          held: 0,
          lastActivityMs: Date.parse(createdAt),
          locked: lockedThreads.has(threadKey(site, thread)),
        };
        if (status === CommentStatus.published) summary.published += 1;
        if (status === CommentStatus.held) summary.held += 1;
        summary.lastActivityMs = Math.max(summary.lastActivityMs ?? 0, Date.parse(createdAt));
        summaries.set(thread, summary);
      }
      for (const key of lockedThreads) {
        const [lockedSite, thread] = JSON.parse(key) as [string, string];
        if (lockedSite === site && !summaries.has(thread)) {
          summaries.set(thread, { thread, published: 0, held: 0, lastActivityMs: null, locked: true });
        }
      }
      return [...summaries.values()]
        .filter((summary) => before === undefined || isAfterThreadCursor(summary, before))
        .sort(compareThreadSummaries)
        .slice(0, Math.max(0, limit));
    },

    async countModerationQueue(site): Promise<{ held: number; pendingEdits: number }> {
      assertOpen();
      let held = 0;
      let pendingEdits = 0;
      for (const record of byId.values()) {
        if (site !== undefined && record.site !== site) continue;
        if (record.comment.status === CommentStatus.held) held += 1;
        if (record.comment.status === CommentStatus.published && record.pendingEdit) pendingEdits += 1;
      }
      return { held, pendingEdits };
    },

    async getComments(ids): Promise<CommentRecord[]> {
      assertOpen();
      return [...new Set(ids)].flatMap((id) => {
        const record = byId.get(id);
        return record ? [copy(record)] : [];
      });
    },

    async hasPublishedComment(site, author): Promise<boolean> {
      assertOpen();
      return [...byId.values()].some(
        (record) =>
          record.site === site &&
          record.comment.status === CommentStatus.published &&
          ((author.userId !== null && record.author.userId === author.userId) ||
            (author.email !== null && record.author.email === author.email) ||
            (author.ipHash !== null && record.author.ipHash === author.ipHash)),
      );
    },

    async hasRecentDuplicate(site, body, ipHash, sinceMs): Promise<boolean> {
      assertOpen();
      return [...byId.values()].some(
        (record) =>
          record.site === site &&
          record.author.ipHash === ipHash &&
          record.comment.body === body &&
          Date.parse(record.comment.createdAt) >= sinceMs,
      );
    },

    async countComments(site, threads): Promise<Map<string, number>> {
      assertOpen();
      const counts = new Map<string, number>();
      for (const thread of threads) {
        const records = byThread.get(threadKey(site, thread)) ?? [];
        counts.set(
          thread,
          records.filter((record) => record.comment.status === CommentStatus.published).length,
        );
      }
      return counts;
    },

    async setVote({ site, commentId, voterKey, isUp, networkKey = null, nowMs }): Promise<VoteResult> {
      assertOpen();
      const record = byId.get(commentId);
      if (record?.site !== site) return { kind: 'not-found' };
      if (record.comment.status !== CommentStatus.published) {
        return { kind: 'not-votable', comment: structuredClone(record.comment) };
      }
      const voters = votersById.get(commentId) ?? new Map<string, MemoryVote>();
      if (voters.has(voterKey) === isUp)
        return { kind: 'unchanged', comment: structuredClone(record.comment) };
      const networks = networksById.get(commentId) ?? new Map<string, string>();
      if (isUp && networkKey !== null && [...networks.values()].includes(networkKey)) {
        return { kind: 'network-limited', comment: structuredClone(record.comment) };
      }
      if (isUp) voters.set(voterKey, { order: ++lastVote, atMs: nowMs });
      else voters.delete(voterKey);
      if (isUp && networkKey !== null) networks.set(voterKey, networkKey);
      else networks.delete(voterKey);
      networksById.set(commentId, networks);
      votersById.set(commentId, voters);
      // Moved by one, as the SQL stores do: an imported count need not match the voters kept.
      const votes = (record.comment.votes ?? 0) + (isUp ? 1 : -1);
      record.comment = { ...record.comment, votes, seq: ++lastSeq };
      return { kind: 'changed', comment: structuredClone(record.comment) };
    },

    async listChangedThreads(sinceSeq): Promise<ChangedThreads> {
      assertOpen();
      const threads = new Map<string, ChangedThreads['threads'][number]>();
      let highest = 0;
      for (const { site, comment } of byId.values()) {
        highest = Math.max(highest, comment.seq);
        if (comment.seq <= sinceSeq) continue;
        const key = threadKey(site, comment.thread);
        const known = threads.get(key);
        if (!known || known.seq < comment.seq)
          threads.set(key, { site, thread: comment.thread, seq: comment.seq });
      }
      return { threads: [...threads.values()], lastSeq: highest };
    },

    async listSiteIds(): Promise<string[]> {
      assertOpen();
      return [...new Set([...byId.values()].map((record) => record.site))].sort();
    },

    async listVotedIds(site, thread, voterKey, limit): Promise<string[]> {
      assertOpen();
      const votes: [id: string, atMs: number][] = [];
      for (const record of byThread.get(threadKey(site, thread)) ?? []) {
        const atMs = votersById.get(record.comment.id)?.get(voterKey)?.atMs;
        if (atMs !== undefined && record.comment.status === CommentStatus.published) {
          votes.push([record.comment.id, atMs]);
        }
      }
      return votes
        .sort((a, b) => b[1] - a[1] || compareUtf8(b[0], a[0]))
        .slice(0, limit)
        .map(([id]) => id);
    },

    async getThreadState(site, thread) {
      assertOpen();
      return { locked: lockedThreads.has(threadKey(site, thread)) };
    },

    async setThreadLocked(site, thread, locked): Promise<void> {
      assertOpen();
      if (locked) lockedThreads.add(threadKey(site, thread));
      else lockedThreads.delete(threadKey(site, thread));
    },

    async addBan(ban, nowMs): Promise<Ban> {
      assertOpen();
      const stored: Ban = { ...ban, id: ++lastBanId, createdAt: new Date(nowMs).toISOString() };
      bans.push(stored);
      return { ...stored };
    },

    async removeBan(id): Promise<boolean> {
      assertOpen();
      const index = bans.findIndex((ban) => ban.id === id);
      if (index === -1) return false;
      bans.splice(index, 1);
      return true;
    },

    async listBans(site): Promise<Ban[]> {
      assertOpen();
      return bans.filter((ban) => ban.site === site).map((ban) => ({ ...ban }));
    },

    async findBan(site, match): Promise<Ban | null> {
      assertOpen();
      const ban = bans.find((candidate) => candidate.site === site && matchesBan(candidate, match));
      return ban ? { ...ban } : null;
    },

    async appendAudit(entry, nowMs): Promise<void> {
      assertOpen();
      audit.push({ ...entry, id: audit.length + 1, at: new Date(nowMs).toISOString() });
    },

    async listAudit(limit): Promise<AuditEntry[]> {
      assertOpen();
      // slice(-0) would be the whole log.
      if (limit <= 0) return [];
      return audit
        .slice(-limit)
        .reverse()
        .map((entry) => ({ ...entry }));
    },

    async readSecret(name): Promise<string> {
      assertOpen();
      let secret = secrets.get(name);
      if (!secret) {
        secret = randomBytes(32).toString('base64url');
        secrets.set(name, secret);
      }
      return secret;
    },

    ...createMemoryTransfer({
      byId,
      bodyTrees,
      addToThread,
      votersById,
      lockedThreads,
      threadKey,
      takeSeq: () => ++lastSeq,
      takeVoteOrder: () => ++lastVote,
      assertOpen,
    }),
    ...createMemoryAbuseState(),
    ...createMemoryJobQueue(),
    ...createMemoryNotifications((site, email) => {
      for (const record of byId.values()) {
        if (record.site === site && record.author.email === email) record.author.email = null;
      }
    }),

    async close(): Promise<void> {
      isClosed = true;
    },
  };
}
