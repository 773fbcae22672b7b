import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/protocol/comment.js';
import { openHearthDb, WriteState, type HearthDb, type OutboxRecord } from '../../src/storage/db.js';
import { completeWrite, updateWrite } from '../../src/storage/outbox-delivery.js';
import { enqueueWrite, listOutbox, removeWrite } from '../../src/storage/outbox.js';
import { deleteDatabase, makeComment, testUuid, uniqueDatabaseName } from '../helpers/fixtures.js';

const endpoint = 'https://comments.example/';
const otherEndpoint = 'https://other.example/hearth/';
const thread = '/posts/test';

function makeWrite(overrides: Partial<OutboxRecord> = {}): OutboxRecord {
  const id = overrides.id ?? testUuid();
  return {
    id,
    endpoint,
    thread,
    op: 'post',
    payload: { id, parentId: null, authorName: 'Ada', body: `Body of ${id}` },
    state: WriteState.pending,
    createdAtMs: 1_000,
    attempts: 0,
    nextAttemptAtMs: 1_000,
    lastError: null,
    ...overrides,
  };
}

/** The comment the server would return for a queued write. */
function storedComment(record: OutboxRecord, overrides: Partial<Comment> = {}): Comment {
  return makeComment({
    id: record.id,
    thread: record.thread,
    parentId: record.payload.parentId ?? null,
    authorName: record.payload.authorName,
    body: record.payload.body,
    ...overrides,
  });
}

describe('outbox', () => {
  let name: string;
  let db: HearthDb;

  beforeEach(async () => {
    name = uniqueDatabaseName();
    const opened = await openHearthDb(name);
    expect(opened, 'IndexedDB should open in Chromium').not.to.equal(null);
    db = opened!;
  });

  afterEach(async () => {
    db.close();
    await deleteDatabase(name);
  });

  it('lists nothing for an empty outbox', async () => {
    expect(await listOutbox(db, endpoint)).to.deep.equal([]);
  });

  it('enqueues writes and lists them oldest first', async () => {
    const late = makeWrite({ createdAtMs: 3_000 });
    const early = makeWrite({ createdAtMs: 1_000 });
    const middle = makeWrite({ createdAtMs: 2_000 });
    await enqueueWrite(db, late);
    await enqueueWrite(db, early);
    await enqueueWrite(db, middle);

    expect(await listOutbox(db, endpoint)).to.deep.equal([early, middle, late]);
    expect(await db.get('outbox', early.id)).to.deep.equal(early);
  });

  it('lists only the writes of the given endpoint', async () => {
    const mine = makeWrite();
    const theirs = makeWrite({ endpoint: otherEndpoint });
    await enqueueWrite(db, mine);
    await enqueueWrite(db, theirs);

    expect(await listOutbox(db, endpoint)).to.deep.equal([mine]);
    expect(await listOutbox(db, otherEndpoint)).to.deep.equal([theirs]);
  });

  it('stores a write once however often it is enqueued (keyed by id)', async () => {
    const write = makeWrite();
    await enqueueWrite(db, write);
    await enqueueWrite(db, { ...write, attempts: 1 });
    expect(await listOutbox(db, endpoint)).to.deep.equal([{ ...write, attempts: 1 }]);
  });

  it('updateWrite replaces a queued record', async () => {
    const write = makeWrite();
    await enqueueWrite(db, write);
    const updated: OutboxRecord = {
      ...write,
      state: WriteState.failed,
      attempts: 3,
      nextAttemptAtMs: 9_000,
      lastError: { status: 422, code: 'invalid', message: 'Body too long.', field: 'body' },
    };
    await updateWrite(db, updated);
    expect(await db.get('outbox', write.id)).to.deep.equal(updated);
  });

  it('updateWrite does nothing for a write that was removed', async () => {
    const write = makeWrite();
    await enqueueWrite(db, write);
    await removeWrite(db, write.id);
    await updateWrite(db, { ...write, attempts: 1 });
    expect(await db.get('outbox', write.id)).to.equal(undefined);
    expect(await db.count('outbox')).to.equal(0);
  });

  it('removeWrite deletes only that write', async () => {
    const a = makeWrite({ createdAtMs: 1 });
    const b = makeWrite({ createdAtMs: 2 });
    await enqueueWrite(db, a);
    await enqueueWrite(db, b);
    await removeWrite(db, a.id);
    expect(await listOutbox(db, endpoint)).to.deep.equal([b]);
    await removeWrite(db, 'not-there');
    expect(await listOutbox(db, endpoint)).to.deep.equal([b]);
  });

  it('completeWrite removes the outbox row and caches the comment together', async () => {
    const write = makeWrite();
    const other = makeWrite({ createdAtMs: 2_000 });
    await enqueueWrite(db, write);
    await enqueueWrite(db, other);
    const comment = storedComment(write);

    await completeWrite(db, write, comment);

    expect(await db.get('outbox', write.id)).to.equal(undefined);
    expect(await listOutbox(db, endpoint)).to.deep.equal([other]);
    expect(await db.get('comments', [endpoint, thread, write.id])).to.deep.equal({ ...comment, endpoint });
    expect(await db.count('comments')).to.equal(1);
  });

  it('completeWrite does not overwrite an already cached newer copy', async () => {
    const write = makeWrite();
    await enqueueWrite(db, write);
    const stored = storedComment(write, { seq: 5 });
    const newer: Comment = { ...stored, body: 'Edited later', seq: 9 };
    await db.put('comments', { ...newer, endpoint });

    await completeWrite(db, write, stored);

    expect(await db.get('outbox', write.id)).to.equal(undefined);
    expect(await db.get('comments', [endpoint, thread, write.id])).to.deep.equal({ ...newer, endpoint });
  });

  it('completeWrite replaces an older cached copy', async () => {
    const write = makeWrite();
    await enqueueWrite(db, write);
    const stored = storedComment(write, { seq: 9 });
    await db.put('comments', { ...stored, body: 'Old', seq: 2, endpoint });

    await completeWrite(db, write, stored);

    expect(await db.get('comments', [endpoint, thread, write.id])).to.deep.equal({ ...stored, endpoint });
  });
});
