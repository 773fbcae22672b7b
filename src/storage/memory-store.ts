import {
  cachedCopy,
  newestCopies,
  nextThreadRecord,
  pageChanges,
  type StorePageOptions,
} from './cache-merge.js';
import type { AuthorshipRecord, CachedComment, OutboxRecord, ThreadRecord, VoteMark } from './db.js';
import { deliveryRecords } from './delivery-records.js';
import type { CachedThread, Delivery, LocalStore, LocalWriter, ThreadCursor } from './local-store.js';
import { isSameRevision, settleDelivered } from './outbox-merge.js';
import type { EndpointSettingKey } from './settings.js';

// Loaded only where IndexedDB is unavailable, or refuses a write of the reader's: a chunk of its
// own, off the critical path.

const key = (...parts: string[]): string => JSON.stringify(parts);

/** A Map of Maps: the records of one thread (or one endpoint) under the outer key. */
function inner<V>(outer: Map<string, Map<string, V>>, outerKey: string): Map<string, V> {
  let map = outer.get(outerKey);
  if (!map) outer.set(outerKey, (map = new Map()));
  return map;
}

/**
 * The local store where IndexedDB is unavailable (see LocalStore): the same records in Maps,
 * for as long as the page stays open. Nothing is shared with other tabs, and nothing meant only
 * for a later visit (drafts, the reader's settings) is kept.
 */
export class MemoryStore implements LocalStore, LocalWriter {
  readonly name: string;
  readonly isShared = false;
  /** Comments by [endpoint, thread], then id. */
  #comments = new Map<string, Map<string, CachedComment>>();
  #threads = new Map<string, ThreadRecord>();
  /** Queued writes by id, as the IndexedDB outbox keys them. */
  #outbox = new Map<string, OutboxRecord>();
  /** Authorship by [endpoint, comment id]. */
  #authorship = new Map<string, AuthorshipRecord>();
  /** Vote marks by [endpoint, thread], then comment id. */
  #votes = new Map<string, Map<string, VoteMark>>();
  #endpointSettings = new Map<string, string>();

  constructor(name: string) {
    this.name = name;
  }

  /** Whether a write is queued here under `id`. */
  hasWrite(id: string): boolean {
    return this.#outbox.has(id);
  }

  async readThread(endpoint: string, thread: string, nowMs: number): Promise<CachedThread> {
    const record = this.#threads.get(key(endpoint, thread));
    if (record) record.readAtMs = nowMs;
    const comments = [...(this.#comments.get(key(endpoint, thread))?.values() ?? [])].map(
      ({ endpoint: _endpoint, ...comment }) => comment,
    );
    return {
      comments,
      cursor: record?.cursor ?? null,
      etag: record?.etag ?? null,
      isLocked: record?.locked === true,
      canNotify: record?.notify === true,
    };
  }

  async readCursor(endpoint: string, thread: string): Promise<ThreadCursor> {
    const record = this.#threads.get(key(endpoint, thread));
    return { cursor: record?.cursor ?? null, etag: record?.etag ?? null };
  }

  async listWrites(endpoint: string): Promise<OutboxRecord[]> {
    return this.withWrites([], endpoint);
  }

  #list(endpoint: string): OutboxRecord[] {
    return [...this.#outbox.values()].filter((record) => record.endpoint === endpoint);
  }

  /** `stored` (oldest first) and the endpoint's writes held here that it lacks, oldest first. */
  withWrites(stored: OutboxRecord[], endpoint: string): OutboxRecord[] {
    const ids = new Set(stored.map((record) => record.id));
    return [...stored, ...this.#list(endpoint).filter((record) => !ids.has(record.id))].sort(
      (a, b) => a.createdAtMs - b.createdAtMs,
    );
  }

  async listAuthoredIds(endpoint: string, thread: string): Promise<string[]> {
    return [...this.#authorship.values()]
      .filter((record) => record.endpoint === endpoint && record.thread === thread)
      .map((record) => record.id);
  }

  async readVotes(endpoint: string, thread: string): Promise<Map<string, boolean>> {
    const marks = this.#votes.get(key(endpoint, thread))?.values() ?? [];
    return new Map([...marks].map((mark) => [mark.commentId, mark.isUp]));
  }

  async readEndpointSetting(endpoint: string, settingKey: EndpointSettingKey): Promise<string> {
    return this.#endpointSettings.get(key(settingKey, endpoint)) ?? '';
  }

  async writeEndpointSetting(endpoint: string, settingKey: EndpointSettingKey, value: string): Promise<void> {
    this.#endpointSettings.set(key(settingKey, endpoint), value);
  }

  async readOrCreateEndpointSetting(
    endpoint: string,
    settingKey: EndpointSettingKey,
    create: () => string,
  ): Promise<string> {
    const value = this.#endpointSettings.get(key(settingKey, endpoint)) || create();
    this.#endpointSettings.set(key(settingKey, endpoint), value);
    return value;
  }

  async loadWriter(): Promise<LocalWriter> {
    return this;
  }

  close(): void {
    // The page keeps the records: a new element of this page finds them, as it would IndexedDB's.
  }

  async storePage(options: StorePageOptions): Promise<void> {
    const changes = pageChanges(options);
    const { endpoint, thread } = changes;
    const comments = inner(this.#comments, key(endpoint, thread));
    for (const comment of newestCopies(changes.comments)) {
      const copy = cachedCopy(comments.get(comment.id), comment, endpoint);
      if (copy) comments.set(comment.id, copy);
    }
    const next = nextThreadRecord(this.#threads.get(key(endpoint, thread)), changes);
    if (next) this.#threads.set(key(endpoint, thread), next);
  }

  async enqueueWrite(record: OutboxRecord): Promise<void> {
    this.#outbox.set(record.id, record);
  }

  async changeWrite(id: string, change: (queued: OutboxRecord | undefined) => OutboxRecord): Promise<void> {
    this.#outbox.set(id, change(this.#outbox.get(id)));
  }

  async removeWrite(id: string): Promise<void> {
    this.#outbox.delete(id);
  }

  async updateWrite(record: OutboxRecord): Promise<void> {
    if (isSameRevision(this.#outbox.get(record.id), record)) this.#outbox.set(record.id, record);
  }

  async completeWrite({ record, comment, nowMs, editableUntilMs }: Delivery): Promise<void> {
    const current = this.#outbox.get(record.id);
    const remaining = comment
      ? settleDelivered(current, record)
      : isSameRevision(current, record)
        ? undefined
        : current;
    if (remaining) this.#outbox.set(record.id, remaining);
    else this.#outbox.delete(record.id);
    if (!comment) return;
    const { endpoint, thread } = record;
    const comments = inner(this.#comments, key(endpoint, thread));
    const existing = comments.get(comment.id);
    if (!existing || existing.seq <= comment.seq) comments.set(comment.id, { ...comment, endpoint });
    const { authorship, vote } = deliveryRecords(record, comment, nowMs, editableUntilMs);
    if (authorship) this.#authorship.set(key(endpoint, authorship.id), authorship);
    if (vote) inner(this.#votes, key(endpoint, thread)).set(vote.commentId, vote);
  }

  async replaceSsoTokens(
    endpoint: string,
    replace: (record: OutboxRecord) => OutboxRecord | null,
  ): Promise<number> {
    let count = 0;
    for (const record of this.#list(endpoint)) {
      const replaced = replace(record);
      if (replaced) this.#outbox.set(record.id, replaced);
      if (replaced) count++;
    }
    return count;
  }

  async readAuthorship(endpoint: string, id: string): Promise<AuthorshipRecord | undefined> {
    return this.#authorship.get(key(endpoint, id));
  }

  async readDrafts(): Promise<Map<string, string>> {
    return new Map();
  }

  async saveDraft(): Promise<void> {
    // Drafts outlive a page only in IndexedDB; the composer holds the text meanwhile.
  }

  async readSetting(): Promise<string> {
    return '';
  }

  async writeSetting(): Promise<void> {
    // The reader's name, email and notification choice are for a later visit, which memory never sees.
  }

  async markVotesUp(
    endpoint: string,
    thread: string,
    ids: readonly string[],
    nowMs: number,
  ): Promise<number> {
    const marks = inner(this.#votes, key(endpoint, thread));
    const missing = ids.filter((id) => !marks.get(id)?.isUp);
    for (const commentId of missing)
      marks.set(commentId, { endpoint, thread, commentId, isUp: true, votedAtMs: nowMs });
    return missing.length;
  }
}

const stores = new Map<string, MemoryStore>();

/** The page's memory store for a database name: the same one for every caller, like IndexedDB's. */
export function openMemoryStore(name: string): MemoryStore {
  let store = stores.get(name);
  if (!store) stores.set(name, (store = new MemoryStore(name)));
  return store;
}
