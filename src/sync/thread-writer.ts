import type { NewComment } from '../protocol/new-comment.js';
import { WriteState } from '../storage/db.js';
import { readDrafts, saveDraft } from '../storage/drafts.js';
import { readSetting, SettingKey, writeSetting } from '../storage/settings.js';
import type { WriteTarget } from './thread-sync.js';

/** Queues a new comment; resolves once it shows as pending. It is delivered when possible. */
export async function postComment(target: WriteTarget, comment: NewComment): Promise<void> {
  await target.sync.enqueue({
    id: comment.id,
    endpoint: target.endpoint,
    thread: target.thread,
    op: 'post',
    payload: comment,
    state: WriteState.pending,
    createdAtMs: Date.now(),
    attempts: 0,
    nextAttemptAtMs: 0,
    lastError: null,
  });
  // Resolve once the view shows it as pending, so the caller can move focus to it.
  await target.settled();
}

/** Drops a queued write the reader no longer wants sent. */
export async function discardWrite(target: WriteTarget, id: string): Promise<void> {
  const record = target.pending.find((write) => write.id === id);
  if (record) await target.sync.discard(record);
}

/** The display name the reader used last, or ''. */
export async function readAuthorName(target: WriteTarget): Promise<string> {
  const db = await target.sync.db;
  return db ? readSetting(db, SettingKey.authorName).catch(() => '') : '';
}

/** Remembers the reader's display name for next time. */
export async function rememberAuthorName(target: WriteTarget, name: string): Promise<void> {
  const db = await target.sync.db;
  if (db) await writeSetting(db, SettingKey.authorName, name).catch(() => undefined);
}

/** The thread's saved drafts, keyed by composer, most recent first. */
export async function readThreadDrafts(target: WriteTarget): Promise<Map<string, string>> {
  const db = await target.sync.db;
  return db ? readDrafts(db, target.endpoint, target.thread).catch(() => new Map()) : new Map();
}

/** Saves a composer's text; an empty text removes the draft. */
export async function saveThreadDraft(target: WriteTarget, key: string, body: string): Promise<void> {
  const db = await target.sync.db;
  if (db) await saveDraft(db, target.endpoint, target.thread, key, body, Date.now()).catch(() => undefined);
}
