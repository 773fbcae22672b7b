import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/protocol/comment.js';
import { WriteState, type OutboxRecord, type PostRecord } from '../../src/storage/db.js';
import { readAuthorship } from '../../src/storage/authorship.js';
import { completeWithoutComment, completeWrite, updateWrite } from '../../src/storage/outbox-delivery.js';
import { IdbStore } from '../../src/storage/idb-store.js';
import { changeWrite, enqueueWrite, removeWrite, replaceSsoTokens } from '../../src/storage/outbox-writes.js';
import { mergeChange } from '../../src/storage/outbox-merge.js';
import { makeComment } from '../helpers/fixtures.js';
import { makeWrite } from '../helpers/outbox-fixtures.js';
import { useTestDatabase } from '../helpers/sync-harness.js';

// The endpoint and thread makeWrite queues writes for unless told otherwise.
const endpoint = 'https://comments.example/';
const thread = '/posts/test';
const otherEndpoint = 'https://other.example/hearth/';

/** The comment the server would return for a queued write. */
function storedComment(record: PostRecord, overrides: Partial<Comment> = {}): Comment {
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
  const database = useTestDatabase();

  it('lists nothing for an empty outbox', async () => {
    expect(await new IdbStore(database.db).listWrites(endpoint)).to.deep.equal([]);
  });

  it('enqueues writes and lists them oldest first', async () => {
    const late = makeWrite({ createdAtMs: 3_000 });
    const early = makeWrite({ createdAtMs: 1_000 });
    const middle = makeWrite({ createdAtMs: 2_000 });
    await enqueueWrite(database.db, late);
    await enqueueWrite(database.db, early);
    await enqueueWrite(database.db, middle);

    expect(await new IdbStore(database.db).listWrites(endpoint)).to.deep.equal([early, middle, late]);
    expect(await database.db.get('outbox', early.id)).to.deep.equal(early);
  });

  it('lists only the writes of the given endpoint', async () => {
    const mine = makeWrite();
    const theirs = makeWrite({ endpoint: otherEndpoint });
    await enqueueWrite(database.db, mine);
    await enqueueWrite(database.db, theirs);

    expect(await new IdbStore(database.db).listWrites(endpoint)).to.deep.equal([mine]);
    expect(await new IdbStore(database.db).listWrites(otherEndpoint)).to.deep.equal([theirs]);
  });

  it('stores a write once however often it is enqueued (keyed by id)', async () => {
    const write = makeWrite();
    await enqueueWrite(database.db, write);
    await enqueueWrite(database.db, { ...write, attempts: 1 });
    expect(await new IdbStore(database.db).listWrites(endpoint)).to.deep.equal([{ ...write, attempts: 1 }]);
  });

  it('updateWrite replaces a queued record', async () => {
    const write = makeWrite();
    await enqueueWrite(database.db, write);
    const updated: OutboxRecord = {
      ...write,
      state: WriteState.failed,
      attempts: 3,
      nextAttemptAtMs: 9_000,
      lastError: { status: 422, code: 'invalid', message: 'Body too long.', field: 'body' },
    };
    await updateWrite(database.db, updated);
    expect(await database.db.get('outbox', write.id)).to.deep.equal(updated);
  });

  it('updateWrite does nothing for a write that was removed', async () => {
    const write = makeWrite();
    await enqueueWrite(database.db, write);
    await removeWrite(database.db, write.id);
    await updateWrite(database.db, { ...write, attempts: 1 });
    expect(await database.db.get('outbox', write.id)).to.equal(undefined);
    expect(await database.db.count('outbox')).to.equal(0);
  });

  it('removeWrite deletes only that write', async () => {
    const a = makeWrite({ createdAtMs: 1 });
    const b = makeWrite({ createdAtMs: 2 });
    await enqueueWrite(database.db, a);
    await enqueueWrite(database.db, b);
    await removeWrite(database.db, a.id);
    expect(await new IdbStore(database.db).listWrites(endpoint)).to.deep.equal([b]);
    await removeWrite(database.db, 'not-there');
    expect(await new IdbStore(database.db).listWrites(endpoint)).to.deep.equal([b]);
  });

  it('completeWrite removes the outbox row and caches the comment together', async () => {
    const write = makeWrite();
    const other = makeWrite({ createdAtMs: 2_000 });
    await enqueueWrite(database.db, write);
    await enqueueWrite(database.db, other);
    const comment = storedComment(write);

    await completeWrite(database.db, write, comment);

    expect(await database.db.get('outbox', write.id)).to.equal(undefined);
    expect(await new IdbStore(database.db).listWrites(endpoint)).to.deep.equal([other]);
    expect(await database.db.get('comments', [endpoint, thread, write.id])).to.deep.equal({
      ...comment,
      endpoint,
    });
    expect(await database.db.count('comments')).to.equal(1);
  });

  it('completeWrite does not overwrite an already cached newer copy', async () => {
    const write = makeWrite();
    await enqueueWrite(database.db, write);
    const stored = storedComment(write, { seq: 5 });
    const newer: Comment = { ...stored, body: 'Edited later', seq: 9 };
    await database.db.put('comments', { ...newer, endpoint });

    await completeWrite(database.db, write, stored);

    expect(await database.db.get('outbox', write.id)).to.equal(undefined);
    expect(await database.db.get('comments', [endpoint, thread, write.id])).to.deep.equal({
      ...newer,
      endpoint,
    });
  });

  it('completeWrite replaces an older cached copy', async () => {
    const write = makeWrite();
    await enqueueWrite(database.db, write);
    const stored = storedComment(write, { seq: 9 });
    await database.db.put('comments', { ...stored, body: 'Old', seq: 2, endpoint });

    await completeWrite(database.db, write, stored);

    expect(await database.db.get('comments', [endpoint, thread, write.id])).to.deep.equal({
      ...stored,
      endpoint,
    });
  });

  describe('authorship and changes in flight (schema 4)', () => {
    const token = `hga_${'t'.repeat(43)}`;

    it('completeWrite moves a guest post’s author token into authorship, in the same transaction', async () => {
      const write = makeWrite({ token });
      await enqueueWrite(database.db, write);
      await completeWrite(database.db, write, storedComment(write), 4_000);
      expect(await database.db.get('outbox', write.id)).to.equal(undefined);
      expect(await database.db.get('authorship', [endpoint, write.id])).to.deep.equal({
        endpoint,
        id: write.id,
        thread,
        token,
        createdAtMs: 4_000,
      });
      expect((await readAuthorship(database.db, endpoint, write.id))?.token).to.equal(token);
      expect(await new IdbStore(database.db).listAuthoredIds(endpoint, thread)).to.deep.equal([write.id]);
      expect(await new IdbStore(database.db).listAuthoredIds(endpoint, '/elsewhere')).to.deep.equal([]);
      expect(await new IdbStore(database.db).listAuthoredIds(otherEndpoint, thread)).to.deep.equal([]);
    });

    it('keeps no authorship for an SSO post (the user owns it by account) or a post without a token', async () => {
      const sso = makeWrite({ token: 'eyJ.h.s', isSso: true });
      const legacy = makeWrite();
      await completeWrite(database.db, sso, storedComment(sso));
      await completeWrite(database.db, legacy, storedComment(legacy));
      expect(await database.db.count('authorship')).to.equal(0);
    });

    it('completeWrite keeps an edit made while the post was in flight, as an edit, and still records authorship', async () => {
      const sent = makeWrite({ token });
      await enqueueWrite(database.db, sent);
      const edited = await changeWrite(database.db, sent.id, (queued) =>
        mergeChange(queued, { op: 'edit', body: 'Edited in flight' }, { ...sent }, 3_000),
      );
      expect(edited).to.deep.include({ op: 'post', revision: 1 });
      const comment = storedComment(sent);
      await completeWrite(database.db, sent, comment);
      expect(await database.db.get('outbox', sent.id)).to.deep.include({
        op: 'edit',
        payload: { body: 'Edited in flight' },
        token,
        state: 'pending',
      });
      expect(await database.db.get('comments', [endpoint, thread, sent.id])).to.deep.include({
        body: comment.body,
      });
      expect((await readAuthorship(database.db, endpoint, sent.id))?.token).to.equal(token);
    });

    it('updateWrite does not overwrite a change the reader made while the write was in flight', async () => {
      const sent = makeWrite({ token });
      await enqueueWrite(database.db, sent);
      await changeWrite(database.db, sent.id, (queued) =>
        mergeChange(queued, { op: 'delete' }, { ...sent }, 3_000),
      );
      await updateWrite(database.db, { ...sent, attempts: 1, nextAttemptAtMs: 60_000 });
      expect(await database.db.get('outbox', sent.id)).to.deep.include({
        op: 'delete',
        attempts: 0,
        revision: 1,
      });
    });

    it('completeWithoutComment drops a delete the server had nothing for, unless it changed since', async () => {
      const deletion = mergeChange(undefined, { op: 'delete' }, { id: 'gone', endpoint, thread }, 1_000);
      await enqueueWrite(database.db, deletion);
      await completeWithoutComment(database.db, { ...deletion, revision: 0 });
      expect(await database.db.get('outbox', 'gone'), 'a stale delivery leaves it').to.deep.equal(deletion);
      await completeWithoutComment(database.db, deletion);
      expect(await database.db.get('outbox', 'gone')).to.equal(undefined);
    });

    it('replaceSsoTokens changes only the writes the function picks, on this endpoint', async () => {
      const mine = makeWrite({ token: 'eyJ.old.sig', isSso: true });
      const guest = makeWrite({ token });
      const elsewhere = makeWrite({ endpoint: otherEndpoint, token: 'eyJ.old.sig', isSso: true });
      for (const write of [mine, guest, elsewhere]) await enqueueWrite(database.db, write);
      const count = await replaceSsoTokens(database.db, endpoint, (record) =>
        record.isSso ? { ...record, token: 'eyJ.new.sig' } : null,
      );
      expect(count).to.equal(1);
      expect((await database.db.get('outbox', mine.id))?.token).to.equal('eyJ.new.sig');
      expect((await database.db.get('outbox', guest.id))?.token).to.equal(token);
      expect((await database.db.get('outbox', elsewhere.id))?.token).to.equal('eyJ.old.sig');
    });
  });
});
