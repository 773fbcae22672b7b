import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { Comment } from '../../src/protocol/comment.js';
import type { ThreadSync } from '../../src/sync/thread-sync.js';
import { changeComment, postComment } from '../../src/sync/thread-writer.js';
import { sha256Hex } from '../helpers/fake-auth.js';
import type { RecordedRequest } from '../helpers/fake-endpoint.js';
import { makeComment } from '../helpers/fixtures.js';
import { newComment, settle, useSyncHarness, withoutIndexedDb } from '../helpers/sync-harness.js';

const thread = '/posts/edits';

describe('editing and deleting through the outbox', () => {
  const harness = useSyncHarness(thread);
  function requestsTo(method: string, id?: string): RecordedRequest[] {
    return harness.fake.requests.filter(
      (request) => request.method === method && (id === undefined || request.url.pathname.endsWith(`/${id}`)),
    );
  }

  function stored(id: string): Comment | undefined {
    return harness.fake.comments.find((comment) => comment.id === id);
  }

  /** Posts a comment as a guest and waits until the server has it and the view shows it stored. */
  async function postDelivered(sync: ThreadSync, body = 'Original text'): Promise<string> {
    const input = newComment({ body });
    await postComment(sync.writeTarget, input);
    await waitUntil(
      () => sync.snapshot.pending.length === 0 && sync.snapshot.authoredIds.has(input.id),
      'the post should be delivered and owned',
    );
    return input.id;
  }

  it('posts with a fresh author token and keeps it in authorship once stored', async () => {
    const { sync, db } = await harness.startSyncWithDb();
    const id = await postDelivered(sync);
    const [post] = requestsTo('POST');
    const header = post!.headers.get('Authorization')!;
    expect(header).to.match(/^Bearer hga_[A-Za-z0-9_-]{43}$/);
    const token = header.slice('Bearer '.length);
    expect(await db.get('authorship', [harness.fake.url, id])).to.deep.include({ id, thread, token });
    expect(harness.fake.authors.get(id)?.tokenHash).to.equal(await sha256Hex(token));

    const second = await postDelivered(sync, 'Another');
    const secondToken = (await db.get('authorship', [harness.fake.url, second]))!.token;
    expect(secondToken, 'one token per comment').not.to.equal(token);
    expect([...sync.snapshot.authoredIds].sort()).to.deep.equal([id, second].sort());
  });

  it('edits a stored comment with its author token: the server, the view and the cache agree', async () => {
    const { sync, db } = await harness.startSyncWithDb();
    const id = await postDelivered(sync);
    const token = (await db.get('authorship', [harness.fake.url, id]))!.token;

    await changeComment(sync.writeTarget, id, { op: 'edit', body: 'Fixed the typo' }, null);
    expect(sync.snapshot.pending.map((write) => [write.id, write.op, write.body])).to.deep.equal([
      [id, 'edit', 'Fixed the typo'],
    ]);
    await waitUntil(() => sync.snapshot.comments.find((c) => c.id === id)?.body === 'Fixed the typo');
    await waitUntil(() => sync.snapshot.pending.length === 0);

    const [patch] = requestsTo('PATCH', id);
    expect(patch!.url.pathname).to.equal(`/api/v1/threads/${encodeURIComponent(thread)}/comments/${id}`);
    expect(patch!.headers.get('Authorization')).to.equal(`Bearer ${token}`);
    expect(patch!.body).to.deep.equal({ body: 'Fixed the typo' });
    expect(stored(id)).to.deep.include({ body: 'Fixed the typo' });
    expect(stored(id)!.editedAt).to.be.a('string');
    const cached = await db.get('comments', [harness.fake.url, thread, id]);
    expect(cached).to.deep.include({
      body: 'Fixed the typo',
      editedAt: stored(id)!.editedAt,
      seq: stored(id)!.seq,
    });
    expect(cached!.bodyTree).to.deep.equal([{ t: 'p', c: ['Fixed the typo'] }]);
    expect(await db.count('outbox')).to.equal(0);
  });

  it('queues an edit made offline and sends it once when back online, only its latest text', async () => {
    const { sync, db } = await harness.startSyncWithDb();
    const id = await postDelivered(sync);
    harness.fake.isDown = true;
    await changeComment(sync.writeTarget, id, { op: 'edit', body: 'First try' }, null);
    await waitUntil(async () => ((await db.get('outbox', id))?.attempts ?? 0) >= 1, 'one attempt while down');
    await changeComment(sync.writeTarget, id, { op: 'edit', body: 'Second try' }, null);
    expect(await db.get('outbox', id)).to.deep.include({
      op: 'edit',
      payload: { body: 'Second try' },
      attempts: 0,
    });

    const patchesWhileDown = requestsTo('PATCH', id).length;
    harness.fake.isDown = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => stored(id)?.body === 'Second try', 'the edit should arrive');
    await waitUntil(() => sync.snapshot.pending.length === 0);
    await settle(200);
    expect(requestsTo('PATCH', id).length - patchesWhileDown).to.equal(1);
    expect(requestsTo('PATCH', id).at(-1)!.body).to.deep.equal({ body: 'Second try' });
  });

  it('deletes a comment: the tombstone is cached, its replies stay, and nothing else is sent', async () => {
    const { sync, db } = await harness.startSyncWithDb();
    const id = await postDelivered(sync);
    const reply = makeComment({ thread, parentId: id, authorName: 'Grace' });
    harness.fake.comments.push(reply);
    await sync.pull();
    await waitUntil(() => sync.snapshot.comments.length === 2);

    await changeComment(sync.writeTarget, id, { op: 'delete' }, null);
    await waitUntil(() => sync.snapshot.comments.find((c) => c.id === id)?.status === 'deleted');
    await waitUntil(() => sync.snapshot.pending.length === 0);
    expect(requestsTo('DELETE', id)).to.have.length(1);
    expect(stored(id)).to.deep.include({ status: 'deleted', body: '', authorName: '' });
    expect(await db.get('comments', [harness.fake.url, thread, id])).to.deep.include({
      status: 'deleted',
      body: '',
    });
    expect(await db.get('comments', [harness.fake.url, thread, reply.id])).to.deep.include({ parentId: id });
  });

  it('changes the text of a post still queued, which then goes out once, already edited', async () => {
    const { sync } = await harness.startSyncWithDb();
    harness.fake.isDown = true;
    const input = newComment({ body: 'Draft text' });
    await postComment(sync.writeTarget, input);
    await changeComment(sync.writeTarget, input.id, { op: 'edit', body: 'Final text' }, null);
    expect(sync.snapshot.pending.map((write) => [write.op, write.body])).to.deep.equal([
      ['post', 'Final text'],
    ]);

    harness.fake.isDown = false;
    await sync.retry();
    await waitUntil(() => sync.snapshot.pending.length === 0 && stored(input.id) !== undefined);
    await settle(100);
    expect(stored(input.id)).to.deep.include({ body: 'Final text' });
    expect(stored(input.id)!.editedAt ?? null, 'it was never edited on the server').to.equal(null);
    expect(requestsTo('PATCH')).to.have.length(0);
    expect(requestsTo('POST').at(-1)!.body).to.deep.include({ id: input.id, body: 'Final text' });
  });

  it('deletes a post still queued: the server never stores it, and the outbox empties', async () => {
    const { sync, db } = await harness.startSyncWithDb();
    harness.fake.isDown = true;
    const input = newComment();
    await postComment(sync.writeTarget, input);
    await changeComment(sync.writeTarget, input.id, { op: 'delete' }, null);
    expect(sync.snapshot.pending.map((write) => write.op)).to.deep.equal(['delete']);

    harness.fake.isDown = false;
    await sync.retry();
    await waitUntil(async () => (await db.count('outbox')) === 0, 'the delete should settle');
    expect(harness.fake.comments).to.deep.equal([]);
    expect(requestsTo('POST').filter((request) => request.headers.get('Authorization'))).to.have.length(
      requestsTo('POST').length,
    );
    // The post was never answered; its delete is, with 404, and that is the end of it.
    expect(requestsTo('DELETE', input.id)).to.have.length(1);
    expect(sync.snapshot.comments).to.deep.equal([]);
  });

  it('applies an edit made while the post was in flight after the post, with a PATCH', async () => {
    const { sync } = await harness.startSyncWithDb();
    const release = harness.fake.hold();
    const input = newComment({ body: 'Sent text' });
    const requestsBefore = harness.fake.requests.length;
    await postComment(sync.writeTarget, input);
    await harness.fake.waitForRequests(requestsBefore + 1);
    await changeComment(sync.writeTarget, input.id, { op: 'edit', body: 'Changed in flight' }, null);
    release();
    await waitUntil(() => stored(input.id)?.body === 'Changed in flight', 'the edit should follow the post');
    await waitUntil(() => sync.snapshot.pending.length === 0);
    expect(requestsTo('POST').at(-1)!.body).to.deep.include({ body: 'Sent text' });
    expect(requestsTo('PATCH', input.id).map((request) => request.body)).to.deep.equal([
      { body: 'Changed in flight' },
    ]);
    expect(sync.snapshot.comments.find((c) => c.id === input.id)!.body).to.equal('Changed in flight');
  });

  it('marks an edit the server refuses (403 not_author) as failed with its message', async () => {
    const { sync } = await harness.startSyncWithDb();
    const id = await postDelivered(sync);
    harness.fake.authors.set(id, { tokenHash: 'someone else', userId: null });
    await changeComment(sync.writeTarget, id, { op: 'edit', body: 'Not mine to change' }, null);
    await waitUntil(() => sync.snapshot.pending[0]?.state === 'failed');
    expect(sync.snapshot.pending[0]).to.deep.include({ op: 'edit', body: 'Not mine to change' });
    expect(sync.snapshot.pending[0]!.error).to.deep.include({ status: 403, code: 'not_author' });
    expect(stored(id)!.body).to.equal('Original text');
  });

  it('without IndexedDB keeps the author token in memory, so the comment can still be edited', async () => {
    const { sync } = withoutIndexedDb(() => harness.createSync());
    await harness.startSynced(sync);
    const id = await postDelivered(sync);
    await changeComment(sync.writeTarget, id, { op: 'edit', body: 'Edited from memory' }, null);
    await waitUntil(() => stored(id)?.body === 'Edited from memory');
    const [post] = requestsTo('POST');
    expect(requestsTo('PATCH', id)[0]!.headers.get('Authorization')).to.equal(
      post!.headers.get('Authorization'),
    );
  });
});
