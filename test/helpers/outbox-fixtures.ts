import { WriteState, type OutboxRecordBase, type PostRecord } from '../../src/storage/db.js';
import { testUuid } from './fixtures.js';

/**
 * A pending, never-attempted post in the outbox of `https://comments.example/` for the
 * thread `/posts/test`, created and due at 1 000 ms, unless `overrides` says otherwise.
 */
export function makeWrite(
  overrides: Partial<OutboxRecordBase> & { payload?: PostRecord['payload'] } = {},
  parentId: string | null = null,
): PostRecord {
  const id = overrides.id ?? testUuid();
  return {
    id,
    endpoint: 'https://comments.example/',
    thread: '/posts/test',
    op: 'post',
    payload: { id, parentId, authorName: 'Ada', body: `Body of ${id}` },
    state: WriteState.pending,
    createdAtMs: 1_000,
    attempts: 0,
    nextAttemptAtMs: 1_000,
    lastError: null,
    ...overrides,
  };
}
