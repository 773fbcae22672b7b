import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import '../../src/embed.js';
import type { HearthCount } from '../../src/elements/hearth-count/hearth-count.js';
import { installFakeEndpoint, type FakeEndpoint } from '../helpers/fake-endpoint.js';
import { makeComment, uniqueDatabaseName } from '../helpers/fixtures.js';
import { mountComments, parts } from '../helpers/mount.js';
import { usePageAddress } from '../helpers/page-address.js';

/** The counts requests the fake received, each as the list of thread keys it asked for. */
function countRequests(fake: FakeEndpoint): string[][] {
  return fake.requests
    .filter((request) => request.url.pathname === '/api/v1/counts')
    .map((request) => {
      const raw = /[?&]threads=([^&]*)/.exec(request.url.search)?.[1] ?? '';
      return raw.split(',').map(decodeURIComponent);
    });
}

/**
 * Mounts one list of count elements, each with the page's fallback text inside, in one task.
 * Built by hand rather than with fixture(), which waits for an animation frame that a hidden
 * test page never gets.
 */
function mountList(fake: FakeEndpoint, threads: readonly string[]): HearthCount[] {
  const list = document.createElement('ul');
  list.className = 'count-list';
  for (const thread of threads) {
    const count = document.createElement('hearth-count');
    count.setAttribute('endpoint', fake.url);
    count.setAttribute('thread', thread);
    count.textContent = 'Comments';
    const item = document.createElement('li');
    item.append(count);
    list.append(item);
  }
  document.body.append(list);
  return [...list.querySelectorAll('hearth-count')];
}

describe('<hearth-count>', () => {
  let fake: FakeEndpoint;
  const page = usePageAddress();

  beforeEach(() => {
    fake = installFakeEndpoint();
  });

  afterEach(() => {
    fake.restore();
    page.restore();
    document.querySelectorAll('.count-list').forEach((list) => list.remove());
  });

  it('asks for every count on the page in one request and renders plain text, plural forms included', async () => {
    const commaKey = '/posts/a,b';
    const slashKey = '/posts/deep/x?y=1';
    fake.comments.push(
      makeComment({ thread: commaKey }),
      makeComment({ thread: commaKey }),
      makeComment({ thread: slashKey }),
      makeComment({ thread: slashKey, status: 'held' }),
    );
    const elements = mountList(fake, [commaKey, slashKey, '/posts/unknown']);
    await waitUntil(() => elements.every((element) => element.count !== null), 'counts arrive');
    expect(elements.map((element) => element.textContent)).to.deep.equal([
      '2 comments',
      '1 comment',
      '0 comments',
    ]);
    expect(elements.map((element) => element.count)).to.deep.equal([2, 1, 0]);
    expect(countRequests(fake)).to.have.length(1);
    expect([...countRequests(fake)[0]!].sort()).to.deep.equal([commaKey, slashKey, '/posts/unknown'].sort());
    // Light DOM only: the page's styles apply to the text.
    expect(elements.every((element) => element.shadowRoot === null)).to.equal(true);
  });

  it('without a thread, counts the thread a <hearth-comments> without one shows: the canonical path', async () => {
    page.addCanonical('https://blog.example/posts/default-key?utm=1');
    const list = document.createElement('div');
    list.className = 'count-list';
    fake.comments.push(
      makeComment({ thread: '/posts/default-key' }),
      makeComment({ thread: '/posts/other' }),
    );
    const count = document.createElement('hearth-count');
    count.setAttribute('endpoint', fake.url);
    const comments = document.createElement('hearth-comments');
    comments.endpoint = fake.url;
    comments.databaseName = uniqueDatabaseName();
    list.append(count, comments);
    document.body.append(list);
    await waitUntil(() => parts(comments, 'comment').length === 1 && count.count !== null);
    expect(count.textContent).to.equal('1 comment');
    const feedPaths = fake.requests
      .map((request) => request.url.pathname)
      .filter((path) => path.startsWith('/api/v1/threads/'));
    expect(feedPaths[0]).to.equal('/api/v1/threads/%2Fposts%2Fdefault-key/comments');
    expect(countRequests(fake).flat()).to.satisfy((keys: string[]) =>
      keys.every((key) => key === '/posts/default-key'),
    );
  });

  it('splits more than 100 threads into requests of at most 100', async () => {
    const threads = Array.from({ length: 150 }, (_, i) => `/posts/many-${i}`);
    const elements = mountList(fake, threads);
    await waitUntil(() => elements.every((element) => element.count === 0), 'counts arrive');
    expect(countRequests(fake).map((keys) => keys.length)).to.deep.equal([100, 50]);
  });

  it('reuses a count fetched moments ago instead of asking again', async () => {
    fake.comments.push(makeComment({ thread: '/posts/cached' }));
    const [first] = mountList(fake, ['/posts/cached']);
    await waitUntil(() => first!.count === 1, 'first count');
    const [second] = mountList(fake, ['/posts/cached']);
    await waitUntil(() => second!.count === 1, 'second count');
    expect(second!.textContent).to.equal('1 comment');
    expect(countRequests(fake)).to.have.length(1);
  });

  it('keeps the fallback text when the endpoint fails', async () => {
    fake.isDown = true;
    const [element] = mountList(fake, ['/posts/down']);
    await fake.waitForRequests(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element!.textContent).to.equal('Comments');
    expect(element!.count).to.equal(null);
  });

  it('keeps the fallback text when the endpoint answers an error', async () => {
    fake.script.push({ status: 400, body: { error: { code: 'validation_failed', message: 'No.' } } });
    const [element] = mountList(fake, ['/posts/refused']);
    await fake.waitForRequests(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element!.textContent).to.equal('Comments');
  });

  it('asks again when its thread changes', async () => {
    fake.comments.push(makeComment({ thread: '/posts/next' }));
    const [element] = mountList(fake, ['/posts/first']);
    await waitUntil(() => element!.count === 0, 'first count');
    element!.thread = '/posts/next';
    await waitUntil(() => element!.count === 1, 'count of the new thread');
    expect(element!.textContent).to.equal('1 comment');
  });

  it('follows a <hearth-comments> of its thread on the page, past its own cached count', async () => {
    const thread = '/posts/followed';
    const databaseName = uniqueDatabaseName();
    fake.comments.push(makeComment({ thread }));
    const [first] = mountList(fake, [thread]);
    await waitUntil(() => first!.count === 1, 'the fetched count');
    // A second comment lands; the count fetched a moment ago is still within its 30 s.
    fake.comments.push(makeComment({ thread }), makeComment({ thread, status: 'held' }));
    const comments = await mountComments({ endpoint: fake.url, thread, databaseName });
    try {
      await waitUntil(() => parts(comments, 'comment').length === 2, 'the thread synced');
      await waitUntil(() => first!.textContent === '2 comments', 'the count follows the thread');
      const requestsBefore = countRequests(fake).length;
      const [later] = mountList(fake, [thread]);
      expect(later!.textContent).to.equal('2 comments');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(countRequests(fake)).to.have.length(requestsBefore);
      // Another thread's count is not touched.
      const [other] = mountList(fake, ['/posts/other']);
      await waitUntil(() => other!.count === 0, 'the other count');
    } finally {
      comments.remove();
      indexedDB.deleteDatabase(databaseName);
    }
  });
});
