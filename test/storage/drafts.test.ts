import { expect } from '@open-wc/testing';
import { readDrafts, saveDraft } from '../../src/storage/drafts.js';
import { testUuid } from '../helpers/fixtures.js';
import { useTestDatabase } from '../helpers/sync-harness.js';

const endpoint = 'https://comments.example/';
const otherEndpoint = 'https://other.example/hearth/';
const thread = '/posts/test';
const otherThread = '/posts/other';

describe('drafts', () => {
  const database = useTestDatabase();

  it('reads no drafts from an empty database', async () => {
    const drafts = await readDrafts(database.db, endpoint, thread);
    expect(drafts.size).to.equal(0);
  });

  it('round-trips a draft and stores its row', async () => {
    await saveDraft(database.db, endpoint, thread, 'main', 'Hello there', 1_000);
    expect([...(await readDrafts(database.db, endpoint, thread))]).to.deep.equal([['main', 'Hello there']]);
    expect(await database.db.get('drafts', [endpoint, thread, 'main'])).to.deep.equal({
      endpoint,
      thread,
      key: 'main',
      body: 'Hello there',
      updatedAtMs: 1_000,
    });
  });

  it('overwrites a draft with what the composer holds now', async () => {
    await saveDraft(database.db, endpoint, thread, 'main', 'First', 1_000);
    await saveDraft(database.db, endpoint, thread, 'main', 'Second', 2_000);
    expect([...(await readDrafts(database.db, endpoint, thread))]).to.deep.equal([['main', 'Second']]);
    expect(await database.db.count('drafts')).to.equal(1);
  });

  it('lists drafts newest first', async () => {
    const replyA = testUuid();
    const replyB = testUuid();
    await saveDraft(database.db, endpoint, thread, replyA, 'Reply A', 2_000);
    await saveDraft(database.db, endpoint, thread, 'main', 'Main', 1_000);
    await saveDraft(database.db, endpoint, thread, replyB, 'Reply B', 3_000);
    expect([...(await readDrafts(database.db, endpoint, thread)).keys()]).to.deep.equal([
      replyB,
      replyA,
      'main',
    ]);
  });

  it('deletes the draft when the body is empty', async () => {
    await saveDraft(database.db, endpoint, thread, 'main', 'Something', 1_000);
    await saveDraft(database.db, endpoint, thread, 'main', '', 2_000);
    expect((await readDrafts(database.db, endpoint, thread)).size).to.equal(0);
    expect(await database.db.count('drafts')).to.equal(0);
  });

  it('deletes the draft when the body is only whitespace', async () => {
    await saveDraft(database.db, endpoint, thread, 'main', 'Something', 1_000);
    await saveDraft(database.db, endpoint, thread, 'main', '  \n\t ', 2_000);
    expect(await database.db.get('drafts', [endpoint, thread, 'main'])).to.equal(undefined);
  });

  it('does not store an empty draft that never existed', async () => {
    await saveDraft(database.db, endpoint, thread, 'main', '   ', 1_000);
    expect(await database.db.count('drafts')).to.equal(0);
  });

  it('keeps drafts of other threads and endpoints apart', async () => {
    await saveDraft(database.db, endpoint, thread, 'main', 'Here', 1_000);
    await saveDraft(database.db, endpoint, otherThread, 'main', 'Other thread', 2_000);
    await saveDraft(database.db, otherEndpoint, thread, 'main', 'Other endpoint', 3_000);
    await saveDraft(database.db, endpoint, `${thread}/deeper`, 'main', 'Longer path', 4_000);

    expect([...(await readDrafts(database.db, endpoint, thread))]).to.deep.equal([['main', 'Here']]);
    expect([...(await readDrafts(database.db, endpoint, otherThread))]).to.deep.equal([
      ['main', 'Other thread'],
    ]);
    expect([...(await readDrafts(database.db, otherEndpoint, thread))]).to.deep.equal([
      ['main', 'Other endpoint'],
    ]);

    await saveDraft(database.db, endpoint, thread, 'main', '', 5_000);
    expect(await database.db.count('drafts')).to.equal(3);
  });
});
