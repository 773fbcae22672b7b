import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { ChallengeOptions } from 'altcha-lib/v1/types';
import { solveChallenge, type ProofOfWorkChallenge } from '../../src/internal/proof-of-work-solver.js';
import { fetchChallenge } from '../../src/sync/proof-of-work.js';
import {
  decode,
  hmacKey,
  installChallengeServer,
  type ChallengeServer,
} from '../helpers/challenge-server.js';

/** A challenge made by altcha-lib, as the client types it. */
async function issue(
  options: Omit<ChallengeOptions, 'hmacKey'> & { maxnumber: number },
): Promise<ProofOfWorkChallenge> {
  const challenge = await createChallenge({ hmacKey, ...options });
  return { ...challenge, algorithm: 'SHA-256', maxnumber: options.maxnumber };
}

let server: ChallengeServer;

beforeEach(() => {
  server = installChallengeServer();
});

afterEach(() => {
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

  it('reads 204, 404 from an endpoint without the route, and 403 (the post will be refused) as "not required"', async () => {
    server.script.push({ status: 204 }, { status: 404 }, { status: 403, body: '{}' });
    for (let i = 0; i < 3; i += 1) {
      expect(await fetchChallenge(server.endpoint)).to.deep.equal({ kind: 'not-required' });
    }
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
    // One to four digits is all the boundaries need: bigger numbers only add hashing time.
    for (let length = 1; length <= 130; length += 1) {
      for (const number of [0, 42, 1000]) {
        const challenge = await issue({ maxnumber: number || 1, number, salt: 's'.repeat(length) });
        const altcha = await solveChallenge(challenge);
        expect(altcha, `salt of ${challenge.salt.length}, number ${number}`).to.be.a('string');
        expect(decode(altcha!).number).to.equal(number);
        expect(await verifySolution(altcha!, hmacKey)).to.equal(true);
      }
    }
  });

  it('finds the number at the very end of the range', async () => {
    const challenge = await issue({ maxnumber: 5000, number: 5000 });
    expect(decode((await solveChallenge(challenge))!).number).to.equal(5000);
  });

  it('returns null when no number up to maxnumber fits', async () => {
    const challenge = await issue({ maxnumber: 1000, number: 600 });
    expect(await solveChallenge({ ...challenge, maxnumber: 599 })).to.equal(null);
  });

  it('returns null when aborted, before or while solving', async () => {
    // Solved to the end, this challenge would return a payload rather than null.
    const hard = await issue({ maxnumber: 10_000_000, number: 10_000_000 });
    expect(await solveChallenge(hard, AbortSignal.abort())).to.equal(null);

    const controller = new AbortController();
    const solving = solveChallenge(hard, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await solving).to.equal(null);
  });

  it('keeps the page responsive while it solves: keys are typed and timers run', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    let solving = true;
    let keysWhileSolving = 0;
    let ticksWhileSolving = 0;
    input.addEventListener('keydown', () => (keysWhileSolving += solving ? 1 : 0));
    const tick = (): void => {
      if (!solving) return;
      ticksWhileSolving += 1;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);

    const controller = new AbortController();
    // Far more work than the keys take, so only a solver that yields lets them in before it ends.
    const hard = await issue({ maxnumber: 10_000_000, number: 10_000_000 });
    const solved = solveChallenge(hard, controller.signal).finally(() => (solving = false));
    for (let i = 0; i < 5 && solving; i += 1) await sendKeys({ press: 'a' });
    controller.abort();
    expect(await solved).to.equal(null);
    input.remove();
    expect(keysWhileSolving).to.equal(5);
    expect(input.value).to.equal('aaaaa');
    expect(ticksWhileSolving, 'timers ran between slices').to.be.at.least(5);
  });
});
