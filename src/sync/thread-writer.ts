import { createAuthorToken } from '../internal/author-token.js';
import { warnInDev } from '../internal/dev-warning.js';
import type { NewComment } from '../protocol/new-comment.js';
import { WriteOp, WriteState } from '../storage/db.js';
import type { LocalWriter } from '../storage/local-store.js';
import type { SettingKey } from '../storage/writer-settings.js';
import { mergeChange, type CommentChange } from '../storage/outbox-merge.js';
import type { WriteTarget } from './thread-sync.js';

/**
 * Queues a new comment; resolves once it shows as pending. It is delivered when possible.
 * With `ssoToken` it is sent as the signed-in reader; otherwise a fresh author token is made
 * for it, which the server keeps the hash of and the reader keeps to edit or delete it later.
 */
export async function postComment(
  target: WriteTarget,
  comment: NewComment,
  ssoToken?: string | null,
): Promise<void> {
  await (
    await target.sync.loadPusher()
  ).enqueue({
    id: comment.id,
    endpoint: target.endpoint,
    thread: target.thread,
    op: WriteOp.post,
    payload: comment,
    state: WriteState.pending,
    createdAtMs: Date.now(),
    attempts: 0,
    nextAttemptAtMs: 0,
    lastError: null,
    ...(ssoToken ? { token: ssoToken, isSso: true } : { token: createAuthorToken() }),
  });
  void target.sync.requestPush();
  // Resolve once the view shows it as pending, so the caller can move focus to it.
  await target.settled();
}

/**
 * Queues an edit or a delete of one of the reader's comments, merged with whatever is queued
 * for it (see mergeChange). It is sent with the comment's author token when this browser
 * posted it as a guest, else with `ssoToken`. Resolves once the view shows it.
 */
export async function changeComment(
  target: WriteTarget,
  id: string,
  change: CommentChange,
  ssoToken: string | null,
): Promise<void> {
  const pusher = await target.sync.loadPusher();
  const authorToken = await pusher.readAuthorToken(id);
  const auth = authorToken ? { token: authorToken } : ssoToken ? { token: ssoToken, isSso: true } : {};
  const base = { id, endpoint: target.endpoint, thread: target.thread, ...auth };
  await pusher.change(target.thread, id, (queued) => mergeChange(queued, change, base, Date.now()));
  void target.sync.requestPush();
  await target.settled();
}

/** Until when the reader may edit a comment they posted from this browser (ms), or null when unknown. */
export async function readEditableUntil(target: WriteTarget, id: string): Promise<number | null> {
  return (await target.sync.loadPusher()).readEditableUntilMs(id);
}

/** Hands a fresh SSO token to the queued writes of its user: those waiting for one go out. */
export async function refreshSsoToken(target: WriteTarget, token: string): Promise<void> {
  // With nothing queued, a page load with a token never fetches the delivery chunk for it.
  if ((await target.sync.listWrites()).length === 0) return;
  await (await target.sync.loadPusher()).refreshSsoToken(token);
  void target.sync.requestPush();
}

/** Drops a queued write the reader no longer wants sent. */
export async function discardWrite(target: WriteTarget, id: string): Promise<void> {
  const record = target.pending.find((write) => write.id === id);
  if (record) await (await target.sync.loadPusher()).discard(record);
}

/** The writing part of the target's local store (see LocalWriter), loaded on first use. */
export async function loadWriter(target: WriteTarget): Promise<LocalWriter> {
  return (await target.sync.store).loadWriter();
}

/** A value remembered for the reader (their name, their email), or ''. */
export function readRemembered(target: WriteTarget, key: SettingKey): Promise<string> {
  return loadWriter(target)
    .then((writer) => writer.readSetting(key))
    .catch((error) => (warnInDev('setting read failed', error), ''));
}

/** Remembers a value for the reader's next visit. */
export function remember(target: WriteTarget, key: SettingKey, value: string): Promise<void> {
  return loadWriter(target)
    .then((writer) => writer.writeSetting(key, value))
    .catch((error) => void warnInDev('setting not stored', error));
}

/** The thread's saved drafts, keyed by composer, most recent first. */
export function readThreadDrafts(target: WriteTarget): Promise<Map<string, string>> {
  return loadWriter(target)
    .then((writer) => writer.readDrafts(target.endpoint, target.thread))
    .catch((error) => (warnInDev('drafts read failed', error), new Map<string, string>()));
}

/** Saves a composer's text; an empty text removes the draft. */
export function saveThreadDraft(target: WriteTarget, key: string, body: string): Promise<void> {
  const { endpoint, thread } = target;
  return loadWriter(target)
    .then((writer) => writer.saveDraft({ endpoint, thread, key, body, nowMs: Date.now() }))
    .catch((error) => void warnInDev('draft not stored', error));
}
