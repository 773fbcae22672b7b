import { expect } from '@open-wc/testing';
import { openHearthDb, type HearthDb } from '../../src/storage/db.js';
import { readDrafts, saveDraft } from '../../src/storage/drafts.js';
import { deleteDatabase, testUuid, uniqueDatabaseName } from '../helpers/fixtures.js';

const endpoint = 'https://comments.example/';
const otherEndpoint = 'https://other.example/hearth/';
const thread = '/posts/test';
const otherThread = '/posts/other';

describe('drafts', () => {
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

  it('reads no drafts from an empty database', async () => {
    const drafts = await readDrafts(db, endpoint, thread);
    expect(drafts.size).to.equal(0);
  });

  it('round-trips a draft and stores its row', async () => {
    await saveDraft(db, endpoint, thread, 'main', 'Hello there', 1_000);
    expect([...(await readDrafts(db, endpoint, thread))]).to.deep.equal([['main', 'Hello there']]);
    expect(await db.get('drafts', [endpoint, thread, 'main'])).to.deep.equal({
      endpoint,
      thread,
      key: 'main',
      body: 'Hello there',
      updatedAtMs: 1_000,
    });
  });

  it('overwrites a draft with what the composer holds now', async () => {
    await saveDraft(db, endpoint, thread, 'main', 'First', 1_000);
    await saveDraft(db, endpoint, thread, 'main', 'Second', 2_000);
    expect([...(await readDrafts(db, endpoint, thread))]).to.deep.equal([['main', 'Second']]);
    expect(await db.count('drafts')).to.equal(1);
  });

  it('lists drafts newest first', async () => {
    const replyA = testUuid();
    const replyB = testUuid();
    await saveDraft(db, endpoint, thread, replyA, 'Reply A', 2_000);
    await saveDraft(db, endpoint, thread, 'main', 'Main', 1_000);
    await saveDraft(db, endpoint, thread, replyB, 'Reply B', 3_000);
    expect([...(await readDrafts(db, endpoint, thread)).keys()]).to.deep.equal([replyB, replyA, 'main']);
  });

  it('deletes the draft when the body is empty', async () => {
    await saveDraft(db, endpoint, thread, 'main', 'Something', 1_000);
    await saveDraft(db, endpoint, thread, 'main', '', 2_000);
    expect((await readDrafts(db, endpoint, thread)).size).to.equal(0);
    expect(await db.count('drafts')).to.equal(0);
  });

  it('deletes the draft when the body is only whitespace', async () => {
    await saveDraft(db, endpoint, thread, 'main', 'Something', 1_000);
    await saveDraft(db, endpoint, thread, 'main', '  \n\t ', 2_000);
    expect(await db.get('drafts', [endpoint, thread, 'main'])).to.equal(undefined);
  });

  it('does not store an empty draft that never existed', async () => {
    await saveDraft(db, endpoint, thread, 'main', '   ', 1_000);
    expect(await db.count('drafts')).to.equal(0);
  });

  it('keeps drafts of other threads and endpoints apart', async () => {
    await saveDraft(db, endpoint, thread, 'main', 'Here', 1_000);
    await saveDraft(db, endpoint, otherThread, 'main', 'Other thread', 2_000);
    await saveDraft(db, otherEndpoint, thread, 'main', 'Other endpoint', 3_000);
    await saveDraft(db, endpoint, `${thread}/deeper`, 'main', 'Longer path', 4_000);

    expect([...(await readDrafts(db, endpoint, thread))]).to.deep.equal([['main', 'Here']]);
    expect([...(await readDrafts(db, endpoint, otherThread))]).to.deep.equal([['main', 'Other thread']]);
    expect([...(await readDrafts(db, otherEndpoint, thread))]).to.deep.equal([['main', 'Other endpoint']]);

    await saveDraft(db, endpoint, thread, 'main', '', 5_000);
    expect(await db.count('drafts')).to.equal(3);
  });
});
