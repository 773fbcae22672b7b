import { createUuid } from '../internal/uuid.js';
import { EndpointSettingKey } from '../storage/settings.js';
import { readOrCreateEndpointSetting } from '../storage/writer-settings.js';
import { mergeVote, voteWriteId } from '../storage/outbox-merge.js';
import type { WriteTarget } from './thread-sync.js';

/** The anonymous voter id of a page without IndexedDB, by endpoint: kept while the page is open. */
const memoryVoterIds = new Map<string, string>();

/**
 * The reader's anonymous voter id for the target's endpoint: made once, kept in IndexedDB
 * (per endpoint, so two comment servers cannot match their voters), in memory without it.
 */
async function readVoterId(target: WriteTarget): Promise<string> {
  const db = await target.sync.db;
  const stored = db
    ? await readOrCreateEndpointSetting(db, target.endpoint, EndpointSettingKey.voterId, createUuid).catch(
        () => null,
      )
    : null;
  if (stored) return stored;
  let id = memoryVoterIds.get(target.endpoint);
  if (!id) memoryVoterIds.set(target.endpoint, (id = createUuid()));
  return id;
}

/**
 * Queues the reader's upvote on a comment (`isUp` true) or takes it back (false); resolves
 * once the view shows it. A vote queued before replaces the queued one: only the last intent
 * is sent. With `ssoToken` the server counts it as the signed-in reader's, on every device.
 * `votesAtClick` is the comment's count as the server last said, which the view adjusts
 * (default: whatever the server says next).
 */
export async function castVote(
  target: WriteTarget,
  commentId: string,
  isUp: boolean,
  ssoToken: string | null,
  votesAtClick?: number,
): Promise<void> {
  const voter = await readVoterId(target);
  const base = {
    id: voteWriteId(commentId),
    endpoint: target.endpoint,
    thread: target.thread,
    ...(ssoToken ? { token: ssoToken, isSso: true } : {}),
  };
  const payload = { commentId, up: isUp, voter };
  await (
    await target.sync.loadPusher()
  ).change(target.thread, base.id, (queued) => ({
    ...mergeVote(queued, payload, base, Date.now()),
    ...(votesAtClick === undefined ? {} : { votesAtClick }),
  }));
  void target.sync.requestPush();
  await target.settled();
}
