import { expect } from '@open-wc/testing';
import type { Comment } from '../../src/protocol/comment.js';
import type { OutboxRecord, PostRecord, VoteRecord } from '../../src/storage/db.js';
import type { LocalStore } from '../../src/storage/local-store.js';
import { mergeChange, mergeVote } from '../../src/storage/outbox-merge.js';
import { EndpointSettingKey } from '../../src/storage/settings.js';
import { SettingKey } from '../../src/storage/writer-settings.js';
import { deleteDatabase, makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';
import { makeWrite } from '../helpers/outbox-fixtures.js';

const endpoint = 'https://comments.example/';
const otherEndpoint = 'https://other.example/hearth/';
const thread = '/posts/test';
const otherThread = '/posts/other';
const token = `hga_${'A'.repeat(43)}`;

/** A kind of local store, as the contract suite opens it. */
export interface StoreKind {
  /** Opens a store of this kind under a database name no other test uses. */
  open(name: string): Promise<LocalStore>;
  /** Whether drafts and the reader's settings are kept for a later visit (IndexedDB) or not at all (memory). */
  keepsForLaterVisits: boolean;
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The comment the server would answer a queued post with. */
function storedComment(record: PostRecord, overrides: Partial<Comment> = {}): Comment {
  return makeComment({ id: record.id, thread: record.thread, body: record.payload.body, ...overrides });
}

/**
 * What every LocalStore does, observed through the interface alone: the IndexedDB store and the
 * memory store run the same tests (test/storage/local-store.test.ts).
 */
export function runLocalStoreContract(kind: StoreKind): void {
  let name = '';
  let store: LocalStore;

  /** Stores a page of `comments` for the thread, moving its cursor to `cursor`. */
  function storeComments(
    at: { endpoint: string; thread: string },
    comments: Comment[],
    cursor: string,
    nowMs = 1,
  ) {
    return store.storePage({ ...at, page: { comments, cursor }, etag: null, nowMs });
  }

  beforeEach(async () => {
    name = uniqueDatabaseName();
    store = await kind.open(name);
  });

  afterEach(async () => {
    store.close();
    await deleteDatabase(name);
  });

  describe('the cache', () => {
    it('reads a thread never stored as empty, with no cursor, unlocked', async () => {
      expect(await store.readThread(endpoint, thread, 1_000)).to.deep.equal({
        comments: [],
        cursor: null,
        etag: null,
        isLocked: false,
        canNotify: false,
      });
      expect(await store.readCursor(endpoint, thread)).to.deep.equal({ cursor: null, etag: null });
      expect(await store.listWrites(endpoint)).to.deep.equal([]);
      expect(await store.listAuthoredIds(endpoint, thread)).to.deep.equal([]);
      expect([...(await store.readVotes(endpoint, thread))]).to.deep.equal([]);
      expect(await store.readEndpointSetting(endpoint, EndpointSettingKey.sort)).to.equal('');
    });

    it('reads back a stored page: its comments, cursor, ETag and what it said of the thread', async () => {
      const a = makeComment({ thread });
      const b = makeComment({ thread, parentId: a.id });
      const page = { comments: [a, b], cursor: '17', locked: true, notify: true };
      await store.storePage({ endpoint, thread, page, etag: 'W/"e-17"', nowMs: 1_000 });
      const cached = await store.readThread(endpoint, thread, 2_000);
      expect(byId(cached.comments)).to.deep.equal(byId([a, b]));
      expect(cached).to.deep.include({ cursor: '17', etag: 'W/"e-17"', isLocked: true, canNotify: true });
      expect(await store.readCursor(endpoint, thread)).to.deep.equal({ cursor: '17', etag: 'W/"e-17"' });
    });

    it('keeps the newest copy of a comment, and forgets the ETag when the cursor moves without one', async () => {
      const newer = makeComment({ thread, body: 'Newer' });
      const older = { ...newer, body: 'Older', seq: newer.seq - 1 };
      await store.storePage({
        endpoint,
        thread,
        page: { comments: [newer], cursor: '2' },
        etag: 'W/"2"',
        nowMs: 1,
      });
      await storeComments({ endpoint, thread }, [older], '3', 2);
      const cached = await store.readThread(endpoint, thread, 3);
      expect(cached.comments.map((comment) => comment.body)).to.deep.equal(['Newer']);
      expect(cached).to.deep.include({ cursor: '3', etag: null, isLocked: false });
    });

    it('keeps endpoints and threads apart', async () => {
      const here = makeComment({ thread });
      const elsewhere = makeComment({ thread });
      const other = makeComment({ thread: otherThread });
      await storeComments({ endpoint, thread }, [here], '1');
      await storeComments({ endpoint: otherEndpoint, thread }, [elsewhere], '9');
      await storeComments({ endpoint, thread: otherThread }, [other], '5');
      expect((await store.readThread(endpoint, thread, 2)).comments).to.deep.equal([here]);
      expect((await store.readThread(otherEndpoint, thread, 2)).comments).to.deep.equal([elsewhere]);
      expect((await store.readThread(endpoint, otherThread, 2)).comments).to.deep.equal([other]);
      expect((await store.readCursor(otherEndpoint, thread)).cursor).to.equal('9');
    });
  });

  describe('the outbox', () => {
    it('lists queued writes oldest first, each endpoint its own', async () => {
      const writer = await store.loadWriter();
      const late = makeWrite({ createdAtMs: 3_000 });
      const early = makeWrite({ createdAtMs: 1_000 });
      const theirs = makeWrite({ endpoint: otherEndpoint, createdAtMs: 2_000 });
      for (const write of [late, early, theirs]) await writer.enqueueWrite(write);
      expect(await store.listWrites(endpoint)).to.deep.equal([early, late]);
      expect(await store.listWrites(otherEndpoint)).to.deep.equal([theirs]);
    });

    it('changes a queued write into what the change makes of it, and removes one', async () => {
      const writer = await store.loadWriter();
      const post = makeWrite();
      await writer.enqueueWrite(post);
      await writer.changeWrite(post.id, (queued) =>
        mergeChange(queued, { op: 'edit', body: 'Changed before sending' }, { ...post }, 2_000),
      );
      const [changed] = await store.listWrites(endpoint);
      expect(changed).to.deep.include({ op: 'post', revision: 1, state: 'pending' });
      expect((changed as PostRecord).payload.body).to.equal('Changed before sending');
      await writer.removeWrite(post.id);
      expect(await store.listWrites(endpoint)).to.deep.equal([]);
    });

    it('updates a write only while the reader has not changed it since it was read', async () => {
      const writer = await store.loadWriter();
      const sent = makeWrite();
      await writer.enqueueWrite(sent);
      await writer.updateWrite({ ...sent, attempts: 1, nextAttemptAtMs: 5_000 });
      expect(await store.listWrites(endpoint)).to.deep.equal([
        { ...sent, attempts: 1, nextAttemptAtMs: 5_000 },
      ]);
      await writer.changeWrite(sent.id, (queued) =>
        mergeChange(queued, { op: 'delete' }, { ...sent }, 6_000),
      );
      await writer.updateWrite({ ...sent, attempts: 2 });
      expect(await store.listWrites(endpoint)).to.have.deep.nested.property('[0].op', 'delete');
    });

    it('completes a guest post: it leaves the outbox, its comment is cached, its author token kept', async () => {
      const writer = await store.loadWriter();
      const post = makeWrite({ token });
      await writer.enqueueWrite(post);
      const comment = storedComment(post);
      await writer.completeWrite({ record: post, comment, nowMs: 4_000, editableUntilMs: 9_000 });
      expect(await store.listWrites(endpoint)).to.deep.equal([]);
      expect((await store.readThread(endpoint, thread, 5_000)).comments).to.deep.equal([comment]);
      expect(await store.listAuthoredIds(endpoint, thread)).to.deep.equal([post.id]);
      expect(await store.listAuthoredIds(endpoint, otherThread)).to.deep.equal([]);
      expect(await writer.readAuthorship(endpoint, post.id)).to.deep.include({
        token,
        editableUntilMs: 9_000,
      });
      expect(await writer.readAuthorship(otherEndpoint, post.id)).to.equal(undefined);
    });

    it('keeps no authorship for a signed-in reader’s post', async () => {
      const writer = await store.loadWriter();
      const post = makeWrite({ token: 'eyJ.h.s', isSso: true });
      await writer.enqueueWrite(post);
      await writer.completeWrite({ record: post, comment: storedComment(post), nowMs: 1 });
      expect(await store.listAuthoredIds(endpoint, thread)).to.deep.equal([]);
      expect(await writer.readAuthorship(endpoint, post.id)).to.equal(undefined);
    });

    it('keeps an edit made while the post was in flight, as an edit of the stored comment', async () => {
      const writer = await store.loadWriter();
      const sent = makeWrite({ token });
      await writer.enqueueWrite(sent);
      await writer.changeWrite(sent.id, (queued) =>
        mergeChange(queued, { op: 'edit', body: 'Edited in flight' }, { ...sent }, 3_000),
      );
      await writer.completeWrite({ record: sent, comment: storedComment(sent), nowMs: 4_000 });
      const [left] = await store.listWrites(endpoint);
      expect(left).to.deep.include({ id: sent.id, op: 'edit', payload: { body: 'Edited in flight' }, token });
    });

    it('completes a vote as the reader’s vote on the comment', async () => {
      const writer = await store.loadWriter();
      const comment = makeComment({ thread });
      const payload = { commentId: comment.id, up: true, voter: 'voter-1' };
      const vote: VoteRecord = mergeVote(undefined, payload, { id: '', endpoint, thread }, 1_000);
      await writer.changeWrite(vote.id, () => vote);
      await writer.completeWrite({ record: vote, comment: { ...comment, votes: 1 }, nowMs: 2_000 });
      expect(await store.listWrites(endpoint)).to.deep.equal([]);
      expect([...(await store.readVotes(endpoint, thread))]).to.deep.equal([[comment.id, true]]);
    });

    it('drops a write the server stored nothing for, unless it changed since it was sent', async () => {
      const writer = await store.loadWriter();
      const deletion = mergeChange(undefined, { op: 'delete' }, { id: 'gone', endpoint, thread }, 1_000);
      await writer.enqueueWrite(deletion);
      await writer.completeWrite({ record: { ...deletion, revision: 0 }, comment: null, nowMs: 2_000 });
      expect(await store.listWrites(endpoint), 'a stale delivery leaves it').to.deep.equal([deletion]);
      await writer.completeWrite({ record: deletion, comment: null, nowMs: 3_000 });
      expect(await store.listWrites(endpoint)).to.deep.equal([]);
    });

    it('gives new tokens to the writes the function picks, on this endpoint only', async () => {
      const writer = await store.loadWriter();
      const mine = makeWrite({ token: 'eyJ.old.sig', isSso: true, createdAtMs: 1 });
      const guest = makeWrite({ token, createdAtMs: 2 });
      const elsewhere = makeWrite({ endpoint: otherEndpoint, token: 'eyJ.old.sig', isSso: true });
      for (const write of [mine, guest, elsewhere]) await writer.enqueueWrite(write);
      const count = await writer.replaceSsoTokens(endpoint, (record: OutboxRecord) =>
        record.isSso ? { ...record, token: 'eyJ.new.sig' } : null,
      );
      expect(count).to.equal(1);
      expect((await store.listWrites(endpoint)).map((write) => write.token)).to.deep.equal([
        'eyJ.new.sig',
        token,
      ]);
      expect((await store.listWrites(otherEndpoint))[0]!.token).to.equal('eyJ.old.sig');
    });
  });

  describe('what the writing side keeps', () => {
    it('remembers a value per endpoint', async () => {
      const writer = await store.loadWriter();
      await writer.writeEndpointSetting(endpoint, EndpointSettingKey.sort, 'newest');
      expect(await store.readEndpointSetting(endpoint, EndpointSettingKey.sort)).to.equal('newest');
      expect(await store.readEndpointSetting(otherEndpoint, EndpointSettingKey.sort)).to.equal('');
      expect(await store.readEndpointSetting(endpoint, EndpointSettingKey.voterId)).to.equal('');
    });

    it('makes a per-endpoint value once, however many ask at once', async () => {
      const writer = await store.loadWriter();
      let made = 0;
      const create = () => `voter-${++made}`;
      const ids = await Promise.all(
        [1, 2, 3].map(() => writer.readOrCreateEndpointSetting(endpoint, EndpointSettingKey.voterId, create)),
      );
      expect(new Set(ids).size).to.equal(1);
      expect(await store.readEndpointSetting(endpoint, EndpointSettingKey.voterId)).to.equal(ids[0]);
    });

    it('marks the reader’s votes up where not already, and says how many it marked', async () => {
      const writer = await store.loadWriter();
      expect(await writer.markVotesUp(endpoint, thread, ['a', 'b'], 1_000)).to.equal(2);
      expect(await writer.markVotesUp(endpoint, thread, ['b', 'c'], 2_000)).to.equal(1);
      expect([...(await store.readVotes(endpoint, thread))].sort()).to.deep.equal([
        ['a', true],
        ['b', true],
        ['c', true],
      ]);
      expect((await store.readVotes(endpoint, otherThread)).size).to.equal(0);
    });

    it(
      kind.keepsForLaterVisits
        ? 'keeps drafts and the reader’s settings for a later visit'
        : 'keeps no drafts or reader’s settings: there is no later visit',
      async () => {
        const writer = await store.loadWriter();
        await writer.saveDraft({ endpoint, thread, key: 'main', body: 'Half written', nowMs: 1_000 });
        await writer.writeSetting(SettingKey.authorName, 'Grace');
        store.close();
        store = await kind.open(name);
        const later = await store.loadWriter();
        const drafts = [...(await later.readDrafts(endpoint, thread))];
        const authorName = await later.readSetting(SettingKey.authorName);
        if (kind.keepsForLaterVisits) {
          expect(drafts).to.deep.equal([['main', 'Half written']]);
          expect(authorName).to.equal('Grace');
        } else {
          expect(drafts).to.deep.equal([]);
          expect(authorName).to.equal('');
        }
      },
    );

    it('removes a draft saved empty', async () => {
      const writer = await store.loadWriter();
      await writer.saveDraft({ endpoint, thread, key: 'main', body: 'Something', nowMs: 1_000 });
      await writer.saveDraft({ endpoint, thread, key: 'main', body: '  ', nowMs: 2_000 });
      expect((await writer.readDrafts(endpoint, thread)).size).to.equal(0);
    });
  });

  it('keeps what it stored when opened again under the same name', async () => {
    const writer = await store.loadWriter();
    const post = makeWrite();
    await writer.enqueueWrite(post);
    await storeComments({ endpoint, thread }, [], '4');
    store.close();
    store = await kind.open(name);
    expect(await store.listWrites(endpoint)).to.deep.equal([post]);
    expect((await store.readCursor(endpoint, thread)).cursor).to.equal('4');
  });
}
