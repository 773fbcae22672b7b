import { expect } from '@open-wc/testing';
import { verifySolution } from 'altcha-lib/v1';
import { createProofOfWork, type ProofOfWork, type ProofOfWorkResult } from '../../src/sync/proof-of-work.js';
import {
  decode,
  hmacKey,
  installChallengeServer,
  type ChallengeServer,
} from '../helpers/challenge-server.js';

/** The payload of a solved result; fails the test for any other result. */
function solvedPayload(result: ProofOfWorkResult): string {
  expect(result.kind).to.equal('solved');
  return (result as { altcha: string }).altcha;
}

/**
 * Whether `promise` settles before the next task: true for a take() that needs no fetch, solve
 * or wait, however busy the machine (its work is all microtasks), false for one that waits.
 */
async function isSettledAtOnce(promise: Promise<unknown>): Promise<boolean> {
  const nextTask = new Promise<false>((resolve) => setTimeout(resolve, 0, false));
  return Promise.race([promise.then(() => true), nextTask]);
}

/** Resolves once `condition` holds, checking every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

let server: ChallengeServer;
let pow: ProofOfWork | undefined;

beforeEach(() => {
  server = installChallengeServer();
});

afterEach(() => {
  pow?.dispose();
  pow = undefined;
  server.restore();
});

describe('createProofOfWork', () => {
  it('prepares in the background, so take() hands over a solution already made', async () => {
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    await pow.prepare();
    expect(server.requests).to.have.length(1);
    await pow.prepare();
    expect(server.requests, 'a fresh solution is kept').to.have.length(1);

    const altcha = solvedPayload(await pow.take());
    expect(decode(altcha).salt).to.equal(server.issued[0]!.salt);
    expect(await verifySolution(altcha, hmacKey)).to.equal(true);
    expect(server.requests, 'the next challenge starts at once').to.have.length(2);
  });

  it('shares one attempt between calls made while it runs', async () => {
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    void pow.prepare();
    void pow.prepare();
    const result = await pow.take();
    expect(await verifySolution(solvedPayload(result), hmacKey)).to.equal(true);
    // The one attempt, and the next one started when it was taken.
    expect(server.requests).to.have.length(2);
  });

  it('hands each solution out once, to sequential and concurrent takers alike', async () => {
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    const first = solvedPayload(await pow.take());
    const second = solvedPayload(await pow.take());
    const [third, fourth] = (await Promise.all([pow.take(), pow.take()])).map(solvedPayload);
    const payloads = [first, second, third!, fourth!];
    expect(new Set(payloads.map((altcha) => decode(altcha).signature)).size).to.equal(4);
    for (const altcha of payloads) expect(await verifySolution(altcha, hmacKey)).to.equal(true);
    expect(server.issued.map((challenge) => challenge.signature)).to.include.members(
      payloads.map((altcha) => decode(altcha).signature),
    );
  });

  it('remembers "not required" for ten minutes, then asks again', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    pow = createProofOfWork(server.endpoint, { now: () => clock, minComposeMs: 0 });
    server.script.push({ status: 204 });
    expect(await pow.take()).to.deep.equal({ kind: 'not-required' });
    expect(await pow.take()).to.deep.equal({ kind: 'not-required' });
    await pow.prepare();
    clock += 599_000;
    expect(await pow.take()).to.deep.equal({ kind: 'not-required' });
    expect(server.requests).to.have.length(1);

    // The site has turned proof of work on meanwhile.
    clock += 1000;
    const altcha = solvedPayload(await pow.take());
    expect(await verifySolution(altcha, hmacKey)).to.equal(true);
    expect(server.requests).to.have.length(3);
  });

  it('tries again after a network failure, on the next prepare() or take()', async () => {
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    server.script.push('network-error', { status: 503 }, 'network-error');
    await pow.prepare();
    await pow.prepare();
    expect(server.requests).to.have.length(2);
    expect(await pow.take()).to.deep.equal({ kind: 'unreachable' });
    expect(server.requests).to.have.length(3);

    const altcha = solvedPayload(await pow.take());
    expect(await verifySolution(altcha, hmacKey)).to.equal(true);
    expect(decode(altcha).salt).to.equal(server.issued[0]!.salt);
  });

  it('replaces a solution when less than a minute of its challenge remains', async () => {
    const startMs = Date.parse('2030-01-01T00:00:00Z');
    let clock = startMs;
    server.options = () => ({ maxnumber: 1000, expires: new Date(clock + 1_800_000) });
    pow = createProofOfWork(server.endpoint, { now: () => clock, minComposeMs: 0 });
    await pow.prepare();
    clock = startMs + 1_739_000;
    await pow.prepare();
    expect(server.requests, '61 s left').to.have.length(1);
    clock = startMs + 1_741_000;
    await pow.prepare();
    expect(server.requests, '59 s left').to.have.length(2);

    const altcha = solvedPayload(await pow.take());
    expect(decode(altcha).salt, 'the newer challenge').to.equal(server.issued[1]!.salt);
    expect(await verifySolution(altcha, hmacKey, false)).to.equal(true);
  });

  it('measures the lifetime from the signed issue time when the device clock is wrong', async () => {
    for (const skewMs of [-3_600_000, 3_600_000]) {
      server.restore();
      server = installChallengeServer();
      const serverStartMs = Date.parse('2030-01-01T00:00:00Z');
      let clock = serverStartMs + skewMs;
      // As Hearth's server does: the issue time (ms) is signed into the salt next to the expiry.
      server.options = () => ({
        maxnumber: 1000,
        expires: new Date(clock - skewMs + 1_800_000),
        params: { issued: String(clock - skewMs) },
      });
      pow?.dispose();
      pow = createProofOfWork(server.endpoint, { now: () => clock, minComposeMs: 0 });
      await pow.prepare();
      clock += 1_739_000;
      await pow.prepare();
      expect(server.requests, `skew ${skewMs}: 61 s left`).to.have.length(1);
      clock += 2000;
      await pow.prepare();
      expect(server.requests, `skew ${skewMs}: 59 s left`).to.have.length(2);
    }
  });

  it('keeps a challenge 30 s even when it seems about to expire, rather than refetching in a loop', async () => {
    const startMs = Date.parse('2030-01-01T00:00:00Z');
    let clock = startMs;
    // A 60-second lifetime (the shortest a site may set), with no issue time in the salt.
    server.options = () => ({ maxnumber: 1000, expires: new Date(clock + 60_000) });
    pow = createProofOfWork(server.endpoint, { now: () => clock, minComposeMs: 0 });
    await pow.prepare();
    await pow.prepare();
    clock = startMs + 29_000;
    await pow.prepare();
    expect(server.requests).to.have.length(1);
    clock = startMs + 30_000;
    await pow.prepare();
    expect(server.requests).to.have.length(2);
  });

  it('holds a solution back until its challenge is minComposeMs old', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    pow = createProofOfWork(server.endpoint, { now: () => clock, minComposeMs: 400 });
    await pow.prepare();
    expect(await isSettledAtOnce(pow.take()), 'a solution 0 ms old waits').to.equal(false);

    // The next challenge was fetched as the first was taken; once 400 ms old it is handed over.
    await pow.prepare();
    clock += 400;
    expect(await isSettledAtOnce(pow.take())).to.equal(true);
  });

  it('prepares several challenges side by side, so the compose waits of queued posts overlap', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    pow = createProofOfWork(server.endpoint, { now: () => clock, minComposeMs: 400 });
    await pow.prepare(3);
    expect(server.requests, 'three challenges, asked at once').to.have.length(3);
    // One wait of 400 ms covers all three: none waits after the other.
    clock += 400;
    const salts: unknown[] = [];
    for (let post = 0; post < 3; post += 1) {
      const taking = pow.take();
      expect(await isSettledAtOnce(taking), `post ${post + 1} waits no more`).to.equal(true);
      salts.push(decode(solvedPayload(await taking)).salt);
    }
    expect(new Set(salts).size, 'each solution once').to.equal(3);
    expect(salts).to.deep.equal(server.issued.slice(0, 3).map((challenge) => challenge.salt));

    // At most five ahead: the last take started one, and this tops them up to five.
    await pow.prepare(50);
    expect(server.requests).to.have.length(3 + 1 + 4);
  });

  it('asks a site that requires no proof of work once, however many are prepared', async () => {
    server.script = [{ status: 204 }];
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    await pow.prepare(4);
    expect(server.requests).to.have.length(1);
    expect(await pow.take()).to.deep.equal({ kind: 'not-required' });
  });

  it("waits as long as the challenge's signed `compose` says, instead of minComposeMs", async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    server.options = () => ({ maxnumber: 2000, params: { compose: '300' } });
    pow = createProofOfWork(server.endpoint, { now: () => clock, minComposeMs: 5_000 });
    await pow.prepare();
    clock += 300;
    expect(await isSettledAtOnce(pow.take())).to.equal(true);
  });

  it('stops solving on dispose, and asks nothing more afterwards', async () => {
    server.options = () => ({ maxnumber: 10_000_000, number: 10_000_000 });
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    const taking = pow.take();
    await until(() => server.issued.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    pow.dispose();
    expect(await taking).to.deep.equal({ kind: 'unreachable' });

    await pow.prepare();
    expect(await pow.take()).to.deep.equal({ kind: 'unreachable' });
    expect(server.requests).to.have.length(1);
  });

  it('lets one take() give up on its signal without spending the shared solution', async () => {
    server.options = () => ({ maxnumber: 3000, number: 3000 });
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    const controller = new AbortController();
    const abandoned = pow.take(controller.signal);
    controller.abort();
    expect(await abandoned).to.deep.equal({ kind: 'unreachable' });

    const altcha = solvedPayload(await pow.take());
    expect(decode(altcha).salt).to.equal(server.issued[0]!.salt);
    expect(server.requests).to.have.length(2);
  });
});
