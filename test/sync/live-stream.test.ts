import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { EndpointSync, type ThreadChange } from '../../src/sync/endpoint-sync.js';
import { LiveStream } from '../../src/sync/live-stream.js';
import type { LiveTiming } from '../../src/sync/live-policy.js';
import { ThreadSync, type ThreadSnapshot } from '../../src/sync/thread-sync.js';
import { makeComment } from '../helpers/fixtures.js';
import { useLiveChannel } from '../helpers/live-channel.js';
import { settle, useSyncHarness } from '../helpers/sync-harness.js';

const thread = '/posts/live';

describe('live updates over server-sent events', () => {
  const harness = useSyncHarness(thread);
  const live = useLiveChannel(() => harness.fake);

  function openTab(): EndpointSync {
    return harness.closeAfterTest(new EndpointSync(live.endpoint, harness.databaseName));
  }

  /** A LiveStream on this test's channel that counts its pulls. */
  /** Three failed opens and it polls, quickly; no new stream try within a test. */
  const fallbackTiming: Partial<LiveTiming> = {
    maxFailedOpens: 3,
    reopenDelayMs: 20,
    minPollDelayMs: 40,
    maxPollDelayMs: 80,
    streamRetryAfterMs: 60_000,
  };

  function openLiveStream(timing: Partial<LiveTiming>, hasChanges = false) {
    const pulls: number[] = [];
    const stream = harness.closeAfterTest(
      new LiveStream({
        endpoint: live.endpoint,
        thread,
        readCursor: async () => '7',
        pull: async () => {
          pulls.push(Date.now());
          return hasChanges;
        },
        timing,
      }),
    );
    return { stream, pulls };
  }

  it('holds one stream in the leader, pulls on a change, and tells the follower', async () => {
    const leader = openTab();
    const leaderChanges: ThreadChange[] = [];
    leader.subscribe(thread, (change) => leaderChanges.push(change));
    await waitUntil(() => leader.isLeader, 'the first tab should lead');
    await leader.requestPull(thread);
    await live.waitForOpen(1, 'the leader should open a stream');

    const follower = openTab();
    const followerChanges: ThreadChange[] = [];
    follower.subscribe(thread, (change) => followerChanges.push(change));
    await follower.requestPull(thread);
    await settle(300);
    expect(follower.isLeader).to.equal(false);
    expect((await live.stats()).opened, 'one stream for the thread, in the leader only').to.equal(1);

    const requestsBefore = harness.fake.requests.length;
    const comment = makeComment({ thread });
    harness.fake.comments.push(comment);
    const heardBefore = followerChanges.length;
    await live.control({
      emit: {
        event: 'change',
        id: String(comment.seq),
        data: JSON.stringify({ cursor: String(comment.seq) }),
      },
    });
    await waitUntil(
      () => leaderChanges.some((change) => change.comments?.some((c) => c.id === comment.id)),
      'the leader should pull the new comment',
    );
    await waitUntil(
      () => followerChanges.slice(heardBefore).some((change) => change.isCacheChanged),
      'the follower should be told to re-read the cache',
    );
    expect(harness.fake.requests.length).to.be.greaterThan(requestsBefore);
    expect(harness.fake.requests.at(-1)!.method).to.equal('GET');
  });

  it('closes the leader’s stream once no tab shows the thread, and opens it again when one does', async () => {
    const leader = harness.closeAfterTest(
      new EndpointSync(live.endpoint, harness.databaseName, { interestCheckMs: 100 }),
    );
    await waitUntil(() => leader.isLeader, 'the first tab should lead');
    const openStreams = async (): Promise<number> => (await live.stats()).open;

    // A follower shows the thread: the leader streams it for them, for as long as they do.
    const follower = openTab();
    const stopShowing = follower.subscribe(thread, () => undefined);
    await follower.requestPull(thread);
    await live.waitForOpen(1, 'the leader should stream the follower’s thread');
    await settle(400);
    expect(await openStreams(), 'still shown: still streamed').to.equal(1);

    stopShowing();
    await waitUntil(async () => (await openStreams()) === 0, 'the stream should close once nobody shows it');

    follower.subscribe(thread, () => undefined);
    await follower.requestPull(thread);
    await live.waitForOpen(1, 'shown again: streamed again');
    // A tab that goes away lets its interest go with it.
    follower.close();
    await waitUntil(async () => (await openStreams()) === 0, 'the stream should close with the tab');
    expect(leader.isLeader).to.equal(true);
  });

  it("shows a change in a view of the thread and reconnects with EventSource's Last-Event-ID", async () => {
    harness.seed(2);
    const snapshots: ThreadSnapshot[] = [];
    const sync = harness.closeAfterTest(
      new ThreadSync({
        endpoint: live.endpoint,
        thread,
        databaseName: harness.databaseName,
        onChange: (snapshot) => snapshots.push(snapshot),
      }),
    );
    await harness.startSynced(sync);
    await live.waitForOpen(1, 'the view should get a stream');
    const first = (await live.stats()).requests[0]!;
    expect(
      new URL(first.url, location.href).searchParams.get('since'),
      'a fresh stream names the cursor',
    ).to.equal(String(harness.fake.comments.at(-1)!.seq));

    const comment = makeComment({ thread, body: 'Arrived live' });
    harness.fake.comments.push(comment);
    await live.control({ emit: { event: 'change', id: String(comment.seq), data: '{}' } });
    await waitUntil(
      () => snapshots.at(-1)?.comments.some((c) => c.id === comment.id),
      'the view should show the comment',
    );

    await live.control({ drop: true });
    await waitUntil(async () => (await live.stats()).opened === 2, 'EventSource should reconnect');
    expect((await live.stats()).requests[1]!.lastEventId).to.equal(String(comment.seq));
  });

  it('pulls once more after the running pull when a change lands during it', async () => {
    const leader = openTab();
    leader.subscribe(thread, () => undefined);
    await waitUntil(() => leader.isLeader, 'the tab should lead');
    await leader.requestPull(thread);
    await live.waitForOpen(1, 'the leader should open a stream');

    const release = harness.fake.hold();
    const gets = () => harness.fake.requests.filter((request) => request.method === 'GET').length;
    const before = gets();
    void leader.requestPull(thread);
    await harness.fake.waitForRequests(harness.fake.requests.length + 1);
    await live.control({ emit: { event: 'change', id: '99', data: '{}' } });
    await settle(100);
    release();
    await waitUntil(() => gets() === before + 2, 'a second pull should follow the held one');
  });

  it('falls back to polling after the stream fails to open several times, and stops on close', async () => {
    await live.control({ mode: 'fail' });
    const { stream, pulls } = openLiveStream(fallbackTiming);
    await waitUntil(() => stream.isPolling, 'it should give up streaming');
    expect((await live.stats()).opened).to.equal(3);
    await waitUntil(() => pulls.length >= 3, 'it should poll');

    stream.close();
    const polled = pulls.length;
    await settle(300);
    expect(pulls.length, 'no polls after close').to.equal(polled);
    expect((await live.stats()).opened).to.equal(3);
  });

  it('treats a 429 too_many_streams like any refused stream: a few tries, then polling', async () => {
    await live.control({ mode: 'busy' });
    const { stream, pulls } = openLiveStream(fallbackTiming);
    await waitUntil(() => stream.isPolling, 'it should give up streaming');
    expect((await live.stats()).opened, 'no more tries than maxFailedOpens').to.equal(3);
    await waitUntil(() => pulls.length >= 2, 'it should poll the feed instead');
    expect((await live.stats()).opened, 'polling opens no streams').to.equal(3);
  });

  it('polls at once, without waiting out the backoff, when the browser is back online or the page shown', async () => {
    await live.control({ mode: 'fail' });
    const { stream, pulls } = openLiveStream({ maxFailedOpens: 1, minPollDelayMs: 60_000 });
    await waitUntil(() => stream.isPolling, 'it should give up streaming');
    expect(pulls).to.have.length(0);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => pulls.length === 1, 'online should poll now');
    // This runner may run the page as a background tab: show it, as far as the code can tell.
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => pulls.length === 2, 'a page shown again should poll now');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('tries the stream again after polling for a while', async () => {
    await live.control({ mode: 'fail' });
    const { stream } = openLiveStream({ maxFailedOpens: 1, minPollDelayMs: 50, streamRetryAfterMs: 200 });
    await waitUntil(() => stream.isPolling, 'it should poll');
    await live.control({ mode: 'stream' });
    await waitUntil(() => !stream.isPolling, 'it should stream again');
    await live.waitForOpen(1, 'a stream should be open again');
  });

  it('treats a stream silent for two heartbeats (as hello set them) as cut, and polls', async () => {
    await live.control({ heartbeatMs: 100, muteHeartbeats: true });
    const { stream, pulls } = openLiveStream({ minPollDelayMs: 60_000 });
    await live.waitForOpen(1, 'the stream should open');
    expect(stream.isPolling).to.equal(false);
    await waitUntil(() => stream.isPolling, 'two missed heartbeats should give up the stream');
    await waitUntil(() => pulls.length === 1, 'it should pull at once: changes may have been missed');
    await live.waitForOpen(0, 'the cut stream should be closed');
  });

  it('keeps a stream whose heartbeats arrive, and treats a proxy that holds it back as cut', async () => {
    // Silence of two heartbeats (2 s) cuts a stream: 2.5 s open proves heartbeats kept it, and
    // a heartbeat a second leaves room for a busy machine's late timers.
    await live.control({ heartbeatMs: 1_000 });
    const kept = openLiveStream({});
    await live.waitForOpen(1, 'the stream should open');
    await settle(2_500);
    expect(kept.stream.isPolling, 'heartbeats keep it').to.equal(false);
    kept.stream.close();
    await live.waitForOpen(0, 'close() should end the stream');

    await live.control({ mode: 'silent' });
    const held = openLiveStream({ heartbeatMs: 100, minPollDelayMs: 60_000 });
    await waitUntil(() => held.stream.isPolling, 'a stream that says nothing should be given up');
  });
});
