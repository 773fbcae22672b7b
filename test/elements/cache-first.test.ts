import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { openHearthDb } from '../../src/storage/db.js';
import { installFakeEndpoint, type FakeEndpoint } from '../helpers/fake-endpoint.js';
import { makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';
import { mountComments, part, parts } from '../helpers/mount.js';

describe('<hearth-comments> cache-first', () => {
  let fake: FakeEndpoint;
  let databaseName: string;

  beforeEach(() => {
    fake = installFakeEndpoint([makeComment({ body: 'one' }), makeComment({ body: 'two' })]);
    databaseName = uniqueDatabaseName();
  });

  afterEach(() => {
    fake.restore();
    document.querySelectorAll('hearth-comments').forEach((element) => element.remove());
    indexedDB.deleteDatabase(databaseName);
  });

  async function visitOnce(): Promise<void> {
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(() => parts(element, 'comment').length === 2);
    // Comments show before they are stored; leave only once the cache holds them.
    await waitUntil(async () => {
      const db = (await openHearthDb(databaseName))!;
      const count = await db.count('comments');
      db.close();
      return count === 2;
    }, 'the first visit cached the thread');
    element.remove();
  }

  it('paints a returning visit from IndexedDB before the network answers', async () => {
    await visitOnce();
    const release = fake.hold();
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(() => parts(element, 'comment').length === 2, 'cached comments painted');
    await fake.waitForRequests(2);
    // The second visit's request is still held: what is on screen came from the cache.
    expect(parts(element, 'comment-body').map((body) => body.textContent)).to.deep.equal(['one', 'two']);
    release();
  });

  it('asks only for changes since its cursor and merges them', async () => {
    await visitOnce();
    const edited = {
      ...fake.comments[0]!,
      body: 'one, edited',
      seq: 10,
      updatedAt: new Date().toISOString(),
    };
    fake.comments.push(makeComment({ body: 'three', seq: 11 }));
    fake.comments[0] = edited;
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(() => parts(element, 'comment').length === 3);
    await waitUntil(() => parts(element, 'comment-body')[0]!.textContent === 'one, edited');
    expect(fake.requests[1]!.url.searchParams.get('since')).to.equal(String(fake.comments[1]!.seq));

    const db = (await openHearthDb(databaseName))!;
    // Shown first, stored after the frame that paints it.
    await waitUntil(
      async () => (await db.getAll('threads'))[0]?.cursor === '11',
      'the page should be stored',
    );
    const rows = await db.getAll('comments');
    expect(rows.map((row) => row.body).sort()).to.deep.equal(['one, edited', 'three', 'two']);
    expect(rows.every((row) => row.endpoint === fake.url)).to.equal(true);
    db.close();
  });

  it('keeps showing cached comments with a quiet status when the server is unreachable', async () => {
    await visitOnce();
    fake.isDown = true;
    const element = await mountComments({ endpoint: fake.url, databaseName });
    await waitUntil(() => part(element, 'status').textContent!.includes("Can't reach the comment server"));
    expect(parts(element, 'comment')).to.have.length(2);
    // The composer is a lazily loaded chunk; it still arrives with the server down.
    await waitUntil(() => parts(element, 'composer').length === 1, 'the composer loads');
  });

  it('works from the network alone when IndexedDB refuses to open', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent): void => {
      errors.push('reason' in event ? event.reason : event.error);
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const element = await mountComments({ endpoint: fake.url, databaseName });
      await waitUntil(() => parts(element, 'comment').length === 2);
      expect(part(element, 'count').textContent).to.equal('2 comments');
      expect(errors).to.deep.equal([]);
    } finally {
      IDBFactory.prototype.open = open;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });
});
