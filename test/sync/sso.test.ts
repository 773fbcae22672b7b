import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import type { ThreadSync } from '../../src/sync/thread-sync.js';
import { fetchMine } from '../../src/sync/fetch-mine.js';
import { changeComment, postComment, refreshSsoToken } from '../../src/sync/thread-writer.js';
import { makeTestJwt } from '../helpers/fake-auth.js';
import { makeComment } from '../helpers/fixtures.js';
import { newComment, settle, useSyncHarness } from '../helpers/sync-harness.js';

const thread = '/posts/sso';

describe('writing as an SSO user', () => {
  const harness = useSyncHarness(thread);

  async function started(): Promise<ThreadSync> {
    const { sync } = harness.createSync();
    await harness.startSynced(sync);
    return sync;
  }

  function posts(): string[] {
    return harness.fake.requests
      .filter((request) => request.method === 'POST')
      .map((request) => request.headers.get('Authorization') ?? '');
  }

  it('posts with the JWT as bearer token, keeps no author token, and the comment is verified', async () => {
    const sync = await started();
    const jwt = makeTestJwt({ sub: 'u-1', name: 'Ada from the site' });
    const input = newComment();
    await postComment(sync.writeTarget, input, jwt);
    await waitUntil(() => sync.snapshot.comments.some((comment) => comment.id === input.id));
    expect(posts()).to.deep.equal([`Bearer ${jwt}`]);
    expect(sync.snapshot.comments[0]).to.deep.include({ verified: true, authorName: 'Ada from the site' });
    expect(harness.fake.authors.get(input.id)).to.deep.equal({ tokenHash: null, userId: 'u-1' });
    const db = await harness.openDb();
    expect(await db.count('authorship')).to.equal(0);
    expect(sync.snapshot.authoredIds.size).to.equal(0);
  });

  it('keeps a write pending after 401 sso_token_expired and sends it with the next token of the same user', async () => {
    const sync = await started();
    const stale = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    harness.fake.expiredTokens.add(stale);
    const input = newComment();
    await postComment(sync.writeTarget, input, stale);
    await waitUntil(() => sync.snapshot.pending[0]?.isAwaitingToken === true, 'waiting for a token');
    expect(sync.snapshot.pending[0]).to.deep.include({ state: 'pending', error: null });

    // Neither backoff nor retry() sends it again with the same dead token.
    await sync.retry();
    await settle(200);
    expect(posts()).to.deep.equal([`Bearer ${stale}`]);

    // Another user's token is not used for Ada's comment.
    await refreshSsoToken(sync.writeTarget, makeTestJwt({ sub: 'u-2', name: 'Grace' }));
    await settle(200);
    expect(posts()).to.have.length(1);
    expect(sync.snapshot.pending[0]!.isAwaitingToken).to.equal(true);

    const fresh = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    await refreshSsoToken(sync.writeTarget, fresh);
    await waitUntil(() => sync.snapshot.pending.length === 0 && sync.snapshot.comments.length === 1);
    expect(posts()).to.deep.equal([`Bearer ${stale}`, `Bearer ${fresh}`]);
    expect(harness.fake.comments.filter((comment) => comment.id === input.id)).to.have.length(1);
  });

  it('keeps a guest token on a write queued as a guest when the reader signs in before it is sent', async () => {
    const sync = await started();
    harness.fake.isDown = true;
    await postComment(sync.writeTarget, newComment());
    await refreshSsoToken(sync.writeTarget, makeTestJwt({ sub: 'u-1', name: 'Ada' }));
    harness.fake.isDown = false;
    await sync.retry();
    await waitUntil(() => sync.snapshot.comments.length === 1 && sync.snapshot.pending.length === 0);
    expect(posts().at(-1)).to.match(/^Bearer hga_/);
    expect(sync.snapshot.comments[0]!.verified ?? false).to.equal(false);
  });

  it('marks a write failed on 401 sso_token_invalid, with the server’s message', async () => {
    const sync = await started();
    await postComment(sync.writeTarget, newComment(), 'eyJnot-a-jwt');
    await waitUntil(() => sync.snapshot.pending[0]?.state === 'failed');
    expect(sync.snapshot.pending[0]!.error).to.deep.include({ status: 401, code: 'sso_token_invalid' });
    expect(sync.snapshot.pending[0]!.isAwaitingToken).to.equal(false);
  });

  it('edits a comment written on another device with the SSO token', async () => {
    const elsewhere = makeComment({ thread, authorName: 'Ada', verified: true });
    harness.fake.comments.push(elsewhere);
    harness.fake.authors.set(elsewhere.id, { tokenHash: null, userId: 'u-1' });
    const sync = await started();
    const jwt = makeTestJwt({ sub: 'u-1', name: 'Ada' });
    await changeComment(sync.writeTarget, elsewhere.id, { op: 'edit', body: 'Edited on my phone' }, jwt);
    await waitUntil(() => sync.snapshot.comments[0]?.body === 'Edited on my phone');
    const patch = harness.fake.requests.find((request) => request.method === 'PATCH')!;
    expect(patch.headers.get('Authorization')).to.equal(`Bearer ${jwt}`);
  });

  it('fetchMine lists the SSO user’s comments and votes in the thread, and tells an expired token apart', async () => {
    const mine = makeComment({ thread });
    const theirs = makeComment({ thread });
    const mineElsewhere = makeComment({ thread: '/other' });
    harness.fake.comments.push(mine, theirs, mineElsewhere);
    harness.fake.authors.set(mine.id, { tokenHash: null, userId: 'u-1' });
    harness.fake.authors.set(theirs.id, { tokenHash: null, userId: 'u-2' });
    harness.fake.authors.set(mineElsewhere.id, { tokenHash: null, userId: 'u-1' });
    harness.fake.voters.set(theirs.id, new Set(['user:u-1']));
    harness.fake.voters.set(mine.id, new Set(['user:u-2']));
    const jwt = makeTestJwt({ sub: 'u-1' });

    expect(await fetchMine(harness.fake.url, thread, jwt)).to.deep.equal({
      kind: 'ids',
      ids: [mine.id],
      votedIds: [theirs.id],
    });
    const request = harness.fake.requests.at(-1)!;
    expect(request.url.pathname).to.equal(`/api/v1/threads/${encodeURIComponent(thread)}/comments/mine`);
    expect(request.headers.get('Authorization')).to.equal(`Bearer ${jwt}`);

    // A server from before votes lists no votedIds: none are assumed.
    harness.fake.script.push({ status: 200, body: { ids: [mine.id] } });
    expect(await fetchMine(harness.fake.url, thread, jwt)).to.deep.equal({
      kind: 'ids',
      ids: [mine.id],
      votedIds: [],
    });

    harness.fake.expiredTokens.add(jwt);
    expect(await fetchMine(harness.fake.url, thread, jwt)).to.deep.equal({ kind: 'expired' });
    expect(await fetchMine(harness.fake.url, thread, 'eyJbroken')).to.deep.equal({ kind: 'unknown' });
    harness.fake.isDown = true;
    expect(await fetchMine(harness.fake.url, thread, makeTestJwt({ sub: 'u-1' }))).to.deep.equal({
      kind: 'unknown',
    });
  });
});
