import { expect } from '@open-wc/testing';
import { showPending } from '../../src/elements/hearth-comments/show-pending.js';
import type { PendingWrite } from '../../src/sync/thread-sync.js';
import { makeComment, withBodyTree } from '../helpers/fixtures.js';

function pendingWrite(overrides: Partial<PendingWrite>): PendingWrite {
  return {
    id: 'w',
    op: 'post',
    parentId: null,
    authorName: 'Ada',
    body: 'Queued',
    createdAtMs: Date.UTC(2026, 10, 2),
    state: 'pending',
    error: null,
    isAwaitingToken: false,
    retryAtMs: null,
    ...overrides,
  };
}

describe('showPending', () => {
  const stored = withBodyTree(makeComment({ body: 'Stored text' }));
  const other = withBodyTree(makeComment());

  it('returns the stored comments untouched (same objects) when nothing is queued', () => {
    const shown = showPending([stored, other], []);
    expect(shown).to.deep.equal([stored, other]);
    expect(shown[0]).to.equal(stored);
  });

  it('shows a queued edit’s text, without the stored text’s parsed tree', () => {
    const [edited, untouched] = showPending(
      [stored, other],
      [pendingWrite({ id: stored.id, op: 'edit', body: 'New' })],
    );
    expect(edited).to.deep.equal({ ...makeCopy(stored), body: 'New' });
    expect(edited).not.to.have.property('bodyTree');
    expect(untouched).to.equal(other);
  });

  it('shows a queued delete as a tombstone that keeps id, parent and place', () => {
    const [tombstone] = showPending([stored], [pendingWrite({ id: stored.id, op: 'delete', body: '' })]);
    expect(tombstone).to.deep.include({
      id: stored.id,
      parentId: null,
      status: 'deleted',
      body: '',
      authorName: '',
    });
    expect(tombstone!.createdAt).to.equal(stored.createdAt);
  });

  it('shows the stored comment, not the change, when the server refused the change', () => {
    const refused = pendingWrite({ id: stored.id, op: 'edit', body: 'Refused', state: 'failed' });
    expect(showPending([stored], [refused])[0]).to.equal(stored);
  });

  it('adds unsent posts as comments at the end of time, and ignores a delete of a comment not stored', () => {
    const post = pendingWrite({ id: 'p', parentId: stored.id, body: 'Reply' });
    const orphanDelete = pendingWrite({ id: 'never-stored', op: 'delete', body: '' });
    const shown = showPending([stored], [post, orphanDelete]);
    expect(shown.map((comment) => comment.id)).to.deep.equal([stored.id, 'p']);
    expect(shown[1]).to.deep.include({
      parentId: stored.id,
      body: 'Reply',
      authorName: 'Ada',
      status: 'published',
      seq: Number.MAX_SAFE_INTEGER,
      createdAt: '2026-11-02T00:00:00.000Z',
    });
  });
});

function makeCopy<T extends object>(value: T): Omit<T, 'bodyTree'> {
  const copy = { ...value } as T & { bodyTree?: unknown };
  delete copy.bodyTree;
  return copy;
}
