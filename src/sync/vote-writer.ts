import { createUuid } from '../internal/uuid.js';
import { EndpointSettingKey } from '../storage/settings.js';
import { mergeVote, voteWriteId } from '../storage/outbox-merge.js';
import type { WriteTarget } from './thread-sync.js';
import { loadWriter } from './thread-writer.js';

/**
 * The reader's anonymous voter id for the target's endpoint: made once and kept (per endpoint,
 * so two comment servers cannot match their voters).
 */
async function readVoterId(target: WriteTarget): Promise<string> {
  const store = await loadWriter(target);
  return store.readOrCreateEndpointSetting(target.endpoint, EndpointSettingKey.voterId, createUuid);
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
