import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { Comment } from '../../src/protocol/comment.js';
import { EndpointSync, type ThreadChange } from '../../src/sync/endpoint-sync.js';
import type { ThreadSnapshot, ThreadSync } from '../../src/sync/thread-sync.js';
import { changeComment, postComment, refreshSsoToken } from '../../src/sync/thread-writer.js';
import { makeTestJwt } from '../helpers/fake-auth.js';
import { makeComment, withBodyTree } from '../helpers/fixtures.js';
import { newComment, settle, useSyncHarness } from '../helpers/sync-harness.js';

const thread = '/posts/tabs';

/**
 * Two EndpointSyncs on one endpoint and database in one page behave as two tabs: they
 * share the Web Lock and the BroadcastChannel, whose names come from the endpoint and the
 * database, and a channel never hears its own messages.
 */
describe('tabs sharing an endpoint', () => {
  const harness = useSyncHarness(thread);

  function openTab(): EndpointSync {
    return harness.closeAfterTest(new EndpointSync(harness.fake.url, harness.databaseName));
  }

  /** Records every change `tab` tells its views of the thread. */
  function listen(tab: EndpointSync): ThreadChange[] {
    const changes: ThreadChange[] = [];
    tab.subscribe(thread, (change) => changes.push(change));
    return changes;
  }

  /** A view of the thread in its own "tab": ThreadSync acquires an EndpointSync of its own. */
  function openView(onDelivered?: (comment: Comment) => void): {
    view: ThreadSync;
    snapshots: ThreadSnapshot[];
  } {
    const { sync: view, snapshots } = harness.createSync(onDelivered);
    return { view, snapshots };
  }

  /** Waits until one of `candidates` leads, lets a rival claim settle, and returns [leader, follower]. */
  async function electLeader(a: EndpointSync, b: EndpointSync): Promise<[EndpointSync, EndpointSync]> {
    await waitUntil(() => a.isLeader || b.isLeader, 'one tab should lead');
    await settle(100);
    expect([a.isLeader, b.isLeader].filter(Boolean)).to.have.length(1);
    return a.isLeader ? [a, b] : [b, a];
  }

  function countRequests(method: string): number {
    return harness.fake.requests.filter((request) => request.method === method).length;
  }

  it('elects exactly one leader', async () => {
    const [leader, follower] = await electLeader(openTab(), openTab());
    await settle(200);
    expect(leader.isLeader).to.equal(true);
    expect(follower.isLeader).to.equal(false);
  });

  it('fetches only in the leader, which pulls on behalf of the follower', async () => {
    const comments = [makeComment({ thread }), makeComment({ thread })];
    harness.fake.comments.push(...comments);
    const [leader, follower] = await electLeader(openTab(), openTab());
    const leaderChanges = listen(leader);
    const followerChanges = listen(follower);

    await follower.requestPull(thread);
    await waitUntil(
      () => followerChanges.some((change) => change.status === 'synced'),
      'the follower should hear the pull finished',
    );
    await settle(100);
    expect(harness.fake.requests).to.have.length(1);
    // Only the tab that fetched has the comments in hand; the follower re-reads the cache.
    expect(leaderChanges.flatMap((change) => change.comments ?? []).map((c) => c.id)).to.deep.equal(
      comments.map((comment) => comment.id),
    );
    expect(followerChanges.some((change) => change.comments)).to.equal(false);
    expect(followerChanges.at(-1)).to.deep.include({ isCacheChanged: true, status: 'synced' });

    await leader.requestPull(thread);
    expect(harness.fake.requests).to.have.length(2);
    await follower.requestPush();
    await follower.retryNow();
    await settle(100);
    // The follower's retry asks the leader to pull the thread it shows; it never fetches itself.
    expect(countRequests('GET')).to.equal(3);
    expect(countRequests('POST')).to.equal(0);
  });

  it('delivers a write queued in the follower through the leader, and the follower sees it published', async () => {
    const existing = makeComment({ thread });
    harness.fake.comments.push(existing);
    const leader = openTab();
    await waitUntil(() => leader.isLeader, 'the first tab should lead');
    const leaderChanges = listen(leader);

    const delivered: Comment[] = [];
    const { view } = openView((comment) => delivered.push(comment));
    await view.start();
    expect(view.writeTarget.sync.isLeader).to.equal(false);
    await waitUntil(() => view.snapshot.status === 'synced', 'the leader should pull for the follower');
    expect(view.snapshot.comments.map((comment) => comment.id)).to.deep.equal([existing.id]);
    expect(harness.fake.requests).to.have.length(1);

    const input = newComment();
    await postComment(view.writeTarget, input);
    await waitUntil(
      () =>
        view.snapshot.pending.length === 0 &&
        view.snapshot.comments.some((comment) => comment.id === input.id),
      'the follower should see its write published',
    );
    await waitUntil(() => delivered.length === 1, 'onDelivered should fire in the follower');
    await settle(100);

    expect(countRequests('POST')).to.equal(1);
    expect(harness.fake.requests.find((request) => request.method === 'POST')!.body).to.deep.equal(input);
    // The leader is the tab that got the stored comment back from the server.
    expect(
      leaderChanges.some((change) => change.comments?.some((comment) => comment.id === input.id)),
    ).to.equal(true);
    const stored = withBodyTree(harness.fake.comments.find((comment) => comment.id === input.id)!);
    expect(delivered).to.deep.equal([stored]);
    expect(view.snapshot.comments.find((comment) => comment.id === input.id)).to.deep.equal(stored);
    expect(await leader.listWrites()).to.deep.equal([]);
  });

  it('hands leadership to the follower when the leader closes', async () => {
    harness.fake.comments.push(makeComment({ thread }));
    const [leader, follower] = await electLeader(openTab(), openTab());
    const followerChanges = listen(follower);

    leader.close();
    await waitUntil(() => follower.isLeader, 'the follower should take over');
    // Taking over, it pulls the thread it shows without being asked.
    await waitUntil(() => followerChanges.some((change) => change.comments?.length === 1));
    await settle(100);
    expect(harness.fake.requests).to.have.length(1);
    // Joins the takeover's pull while that one still stores its page.
    await follower.requestPull(thread);
    const requested = harness.fake.requests.length;
    // Now it fetches when asked, rather than asking another tab.
    await follower.requestPull(thread);
    expect(harness.fake.requests).to.have.length(requested + 1);
  });

  it('lets a view’s write waiting on a closed leader be delivered once by the new leader', async () => {
    const leader = openTab();
    await waitUntil(() => leader.isLeader);
    const { view } = openView();
    await view.start();
    await waitUntil(() => view.snapshot.status === 'synced');

    harness.fake.isDown = true;
    const input = newComment();
    await postComment(view.writeTarget, input);
    await waitUntil(() => countRequests('POST') === 1, 'the leader should try once');
    await settle(50);
    expect(view.writeTarget.sync.isLeader).to.equal(false);

    harness.fake.isDown = false;
    leader.close();
    await waitUntil(() => view.writeTarget.sync.isLeader, 'the view’s tab should take over');
    // No retry() and no waiting out the backoff: a new leader tries waiting writes at once.
    await waitUntil(
      () =>
        view.snapshot.pending.length === 0 &&
        view.snapshot.comments.some((comment) => comment.id === input.id),
      'the new leader should deliver it',
    );
    await settle(100);
    expect(countRequests('POST')).to.equal(2);
    expect(harness.fake.comments.filter((comment) => comment.id === input.id)).to.have.length(1);
  });

  it('delivers a follower’s edit through the leader, and shares the author token across tabs', async () => {
    const leader = openTab();
    await waitUntil(() => leader.isLeader);
    const { view } = openView();
    await view.start();
    await waitUntil(() => view.snapshot.status === 'synced');
    expect(view.writeTarget.sync.isLeader).to.equal(false);

    const input = newComment({ body: 'Written in the follower' });
    await postComment(view.writeTarget, input);
    // The leader posts it, moves its token into authorship, and the follower learns of it.
    await waitUntil(() => view.snapshot.authoredIds.has(input.id), 'the follower sees it as its own');
    await changeComment(view.writeTarget, input.id, { op: 'edit', body: 'Edited in the follower' }, null);
    await waitUntil(
      () =>
        view.snapshot.comments.find((comment) => comment.id === input.id)?.body === 'Edited in the follower',
      'the leader should deliver the edit',
    );
    const [post] = harness.fake.requests.filter((request) => request.method === 'POST');
    const [patch] = harness.fake.requests.filter((request) => request.method === 'PATCH');
    expect(patch!.headers.get('Authorization')).to.equal(post!.headers.get('Authorization'));
  });

  it('sends SSO writes waiting for a token once a follower is given a fresh one', async () => {
    const leader = openTab();
    await waitUntil(() => leader.isLeader);
    const { view } = openView();
    await view.start();
    await waitUntil(() => view.snapshot.status === 'synced');
    const stale = makeTestJwt({ sub: 'u-9', name: 'Ada' });
    harness.fake.expiredTokens.add(stale);
    await postComment(view.writeTarget, newComment(), stale);
    await waitUntil(() => view.snapshot.pending[0]?.isAwaitingToken === true, 'waiting for a token');

    const fresh = makeTestJwt({ sub: 'u-9', name: 'Ada' });
    await refreshSsoToken(view.writeTarget, fresh);
    await waitUntil(() => view.snapshot.pending.length === 0 && view.snapshot.comments.length === 1);
    expect(
      harness.fake.requests
        .filter((request) => request.method === 'POST')
        .at(-1)!
        .headers.get('Authorization'),
    ).to.equal(`Bearer ${fresh}`);
  });
});
