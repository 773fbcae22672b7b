import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Challenge, ChallengeOptions } from 'altcha-lib/v1/types';
import {
  createProofOfWork,
  fetchChallenge,
  solveChallenge,
  type ProofOfWork,
  type ProofOfWorkChallenge,
  type ProofOfWorkResult,
} from '../../src/sync/proof-of-work.js';

const hmacKey = 'proof-of-work test key';

/** What the fake server answers one request with; 'challenge' issues a new one. */
type Reply = 'challenge' | 'network-error' | { status: number; body?: string };

/** A comment server that only knows `GET api/v1/challenge`, simulated at the fetch boundary. */
interface ChallengeServer {
  endpoint: string;
  requests: Array<{ url: string; init: RequestInit }>;
  /** Replies used, one per request, before the default 'challenge'. */
  script: Reply[];
  /** How a challenge is made; tests swap it for other sizes, clocks and expiries. */
  options: () => Omit<ChallengeOptions, 'hmacKey'>;
  /** Every challenge sent, in order. */
  issued: Challenge[];
  restore(): void;
}

let serverCounter = 0;

function installChallengeServer(): ChallengeServer {
  serverCounter += 1;
  const realFetch = window.fetch;
  const server: ChallengeServer = {
    endpoint: `https://pow-${serverCounter}.hearth.test/comments/`,
    requests: [],
    script: [],
    options: () => ({ maxnumber: 2000, expires: new Date(Date.now() + 1_800_000) }),
    issued: [],
    restore: () => (window.fetch = realFetch),
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(server.endpoint)) return realFetch(input, init);
    server.requests.push({ url, init: init ?? {} });
    if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    if (url !== `${server.endpoint}api/v1/challenge` || (init?.method ?? 'GET') !== 'GET') {
      return new Response(null, { status: 404 });
    }
    const reply = server.script.shift() ?? 'challenge';
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    if (reply !== 'challenge') return new Response(reply.body ?? null, { status: reply.status });
    const challenge = await createChallenge({ hmacKey, ...server.options() });
    server.issued.push(challenge);
    return new Response(JSON.stringify(challenge), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  };
  return server;
}

/** A challenge made by altcha-lib, as the client types it. */
async function issue(
  options: Omit<ChallengeOptions, 'hmacKey'> & { maxnumber: number },
): Promise<ProofOfWorkChallenge> {
  const challenge = await createChallenge({ hmacKey, ...options });
  return { ...challenge, algorithm: 'SHA-256', maxnumber: options.maxnumber };
}

function decode(altcha: string): Record<string, unknown> {
  return JSON.parse(atob(altcha)) as Record<string, unknown>;
}

/** The payload of a solved result; fails the test for any other result. */
function solvedPayload(result: ProofOfWorkResult): string {
  expect(result.kind).to.equal('solved');
  return (result as { altcha: string }).altcha;
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

describe('fetchChallenge', () => {
  it('GETs api/v1/challenge under the endpoint, without cookies or the HTTP cache', async () => {
    const result = await fetchChallenge(server.endpoint);
    expect(result).to.deep.equal({ kind: 'challenge', challenge: server.issued[0] });
    expect(server.requests).to.have.length(1);
    const [{ url, init }] = server.requests as [{ url: string; init: RequestInit }];
    expect(url).to.equal(server.endpoint + 'api/v1/challenge');
    expect(init).to.include({ credentials: 'omit', mode: 'cors', cache: 'no-store' });
  });

  it('reads 204, and 404 from an endpoint without the route, as "not required"', async () => {
    server.script.push({ status: 204 }, { status: 404 });
    expect(await fetchChallenge(server.endpoint)).to.deep.equal({ kind: 'not-required' });
    expect(await fetchChallenge(server.endpoint)).to.deep.equal({ kind: 'not-required' });
  });

  it('reads a network failure or an error status as unreachable', async () => {
    server.script.push('network-error', { status: 500, body: '{}' }, { status: 429, body: '{}' });
    for (let i = 0; i < 3; i += 1) {
      expect(await fetchChallenge(server.endpoint)).to.deep.equal({ kind: 'unreachable' });
    }
  });

  it('reads a malformed challenge as unreachable', async () => {
    const good = await createChallenge({ hmacKey, maxnumber: 1000 });
    const bodies: unknown[] = [
      'not json',
      null,
      [good],
      { ...good, algorithm: 'MD5' },
      { ...good, algorithm: 'sha-256' },
      // ALTCHA allows these, but Hearth's server issues and accepts only SHA-256.
      { ...good, algorithm: 'SHA-1' },
      { ...good, algorithm: 'SHA-512' },
      { ...good, challenge: good.challenge.toUpperCase() },
      { ...good, challenge: good.challenge.slice(1) },
      { ...good, signature: undefined },
      { ...good, maxnumber: 0 },
      { ...good, maxnumber: 1.5 },
      { ...good, maxnumber: '1000' },
      { ...good, maxnumber: 10_000_001 },
      { ...good, salt: '' },
      { ...good, salt: 42 },
      { ...good, salt: 'sälz?expires=1&' },
      { ...good, salt: 'x'.repeat(1001) },
    ];
    for (const body of bodies) {
      server.script.push({ status: 200, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const result = await fetchChallenge(server.endpoint);
      expect(result, JSON.stringify(body)).to.deep.equal({ kind: 'unreachable' });
    }
    // The same challenge unharmed is accepted, so the cases above fail for their one change.
    server.script.push({ status: 200, body: JSON.stringify(good) });
    expect(await fetchChallenge(server.endpoint)).to.deep.equal({ kind: 'challenge', challenge: good });
  });

  it('rejects with the AbortError when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    await fetchChallenge(server.endpoint, controller.signal).catch((e: unknown) => (error = e));
    expect((error as DOMException).name).to.equal('AbortError');
  });
});

describe('solveChallenge', () => {
  it('returns the ALTCHA payload that altcha-lib verifies, with the right number', async () => {
    const challenge = await issue({ maxnumber: 2000, number: 1234 });
    const altcha = await solveChallenge(challenge);
    expect(altcha).to.be.a('string');
    expect(decode(altcha!)).to.deep.equal({
      algorithm: 'SHA-256',
      challenge: challenge.challenge,
      number: 1234,
      salt: challenge.salt,
      signature: challenge.signature,
    });
    expect(await verifySolution(altcha!, hmacKey)).to.equal(true);
    // The verification bites: the neighbouring number does not pass.
    const wrong = btoa(JSON.stringify({ ...decode(altcha!), number: 1235 }));
    expect(await verifySolution(wrong, hmacKey)).to.equal(false);
  });

  it('hashes right across block boundaries: every salt length up to 130, short and long numbers', async () => {
    // The salt's whole blocks are hashed once and the rest with the number in one or two more
    // blocks; altcha-lib checks with crypto.subtle, so any slip in the SHA-256 shows here.
    for (let length = 1; length <= 130; length += 1) {
      for (const number of [0, 7, 4321]) {
        const challenge = await issue({ maxnumber: number || 1, number, salt: 's'.repeat(length) });
        const altcha = await solveChallenge(challenge);
        expect(altcha, `salt of ${challenge.salt.length}, number ${number}`).to.be.a('string');
        expect(decode(altcha!).number).to.equal(number);
        expect(await verifySolution(altcha!, hmacKey)).to.equal(true);
      }
    }
  });

  it('returns null when no number up to maxnumber fits', async () => {
    const challenge = await issue({ maxnumber: 1000, number: 600 });
    expect(await solveChallenge({ ...challenge, maxnumber: 599 })).to.equal(null);
  });

  it('returns null promptly when aborted, before or while solving', async () => {
    const hard = await issue({ maxnumber: 10_000_000, number: 10_000_000 });
    expect(await solveChallenge(hard, AbortSignal.abort())).to.equal(null);

    const controller = new AbortController();
    const solving = solveChallenge(hard, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = performance.now();
    controller.abort();
    expect(await solving).to.equal(null);
    expect(performance.now() - abortedAt).to.be.below(100);
  });

  it('solves a 50,000 challenge at its worst in well under a second', async () => {
    const challenge = await issue({ maxnumber: 50_000, number: 50_000 });
    const startedAt = performance.now();
    const altcha = await solveChallenge(challenge);
    const tookMs = performance.now() - startedAt;
    expect(decode(altcha!).number).to.equal(50_000);
    // ~40 ms in headless Chromium on the development machine; the bound leaves room for slow CI.
    expect(tookMs).to.be.below(500);
  });

  it('keeps the page responsive while it solves: keys are typed and timers run', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    let solving = true;
    let keysWhileSolving = 0;
    input.addEventListener('keydown', () => (keysWhileSolving += solving ? 1 : 0));
    // A timer loop too: its longest gap is the longest the page could not run a task.
    let longestGapMs = 0;
    let last = performance.now();
    const tick = (): void => {
      const at = performance.now();
      longestGapMs = Math.max(longestGapMs, at - last);
      last = at;
      if (solving) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);

    const controller = new AbortController();
    const hard = await issue({ maxnumber: 10_000_000, number: 10_000_000 });
    const solved = solveChallenge(hard, controller.signal).finally(() => (solving = false));
    let slowestKeyMs = 0;
    for (let i = 0; i < 5 && solving; i += 1) {
      const sentAt = performance.now();
      await sendKeys({ press: 'a' });
      slowestKeyMs = Math.max(slowestKeyMs, performance.now() - sentAt);
    }
    controller.abort();
    expect(await solved).to.equal(null);
    input.remove();
    expect(keysWhileSolving).to.equal(5);
    expect(input.value).to.equal('aaaaa');
    // Slices are ~10 ms; the bounds leave room for other test pages sharing the renderer, and
    // still catch a solver that holds the page (the keys would wait for the whole solve).
    expect(slowestKeyMs).to.be.below(150);
    expect(longestGapMs).to.be.below(150);
  });
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
    pow = createProofOfWork(server.endpoint, { minComposeMs: 400 });
    const startedAt = performance.now();
    const first = await pow.take();
    expect(first.kind).to.equal('solved');
    expect(performance.now() - startedAt).to.be.at.least(400);

    // The next challenge was fetched as the first was taken and is old enough by now.
    await new Promise((resolve) => setTimeout(resolve, 450));
    const secondAt = performance.now();
    expect((await pow.take()).kind).to.equal('solved');
    expect(performance.now() - secondAt).to.be.below(150);
  });

  it('prepares several challenges side by side, so the compose waits of queued posts overlap', async () => {
    pow = createProofOfWork(server.endpoint, { minComposeMs: 400 });
    await pow.prepare(3);
    expect(server.requests, 'three challenges, asked at once').to.have.length(3);
    const salts = [decode(solvedPayload(await pow.take())).salt];
    // The other two waited out their 400 ms beside the first: no wait of their own.
    const afterFirst = performance.now();
    for (let post = 1; post < 3; post += 1) salts.push(decode(solvedPayload(await pow.take())).salt);
    expect(performance.now() - afterFirst).to.be.below(300);
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
    server.options = () => ({ maxnumber: 2000, params: { compose: '300' } });
    pow = createProofOfWork(server.endpoint, { minComposeMs: 5_000 });
    const startedAt = performance.now();
    expect((await pow.take()).kind).to.equal('solved');
    const waitedMs = performance.now() - startedAt;
    expect(waitedMs).to.be.at.least(300);
    expect(waitedMs).to.be.below(2_000);
  });

  it('stops solving on dispose, and asks nothing more afterwards', async () => {
    server.options = () => ({ maxnumber: 10_000_000, number: 10_000_000 });
    pow = createProofOfWork(server.endpoint, { minComposeMs: 0 });
    const taking = pow.take();
    await until(() => server.issued.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const disposedAt = performance.now();
    pow.dispose();
    expect(await taking).to.deep.equal({ kind: 'unreachable' });
    expect(performance.now() - disposedAt).to.be.below(200);

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
