import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUsedSolutions } from '../../server/src/abuse/used-solutions.js';
import {
  assertRefused,
  attempt,
  issue,
  makeGuard,
  makeSite,
  refusal,
  solved,
  t0,
} from './helpers/abuse-guard.js';
import { encodeAltcha, solveAltcha } from './helpers/altcha.js';

describe('abuse guard: proof of work', () => {
  const site = makeSite();

  test('a solved challenge lets a guest post once; the same solution again is refused', async () => {
    const { guard } = makeGuard();
    const altcha = await solved(guard, site);
    assert.equal(await refusal(guard, attempt(site, { altcha })), null);
    assertRefused(
      await refusal(guard, attempt(site, { altcha, body: 'A different comment' })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
  });

  test('a missing or empty solution is refused, named as the altcha field', async () => {
    const { guard } = makeGuard();
    assertRefused(await refusal(guard, attempt(site, {})), 400, 'proof_of_work_failed', 'altcha');
    assertRefused(await refusal(guard, attempt(site, { altcha: '' })), 400, 'proof_of_work_failed', 'altcha');
  });

  test('malformed solutions are refused without an error of ours', async () => {
    const { guard } = makeGuard();
    const challenge = await issue(guard, site);
    const payload = await solveAltcha(challenge);
    for (const altcha of [
      'not base64 at all ✗',
      Buffer.from('not json').toString('base64'),
      Buffer.from('null').toString('base64'),
      Buffer.from('[1,2]').toString('base64'),
      encodeAltcha({ ...payload, algorithm: 'SHA-1' }),
      Buffer.from(JSON.stringify({ ...payload, number: '5' })).toString('base64'),
      Buffer.from(JSON.stringify({ ...payload, salt: undefined })).toString('base64'),
    ]) {
      assertRefused(await refusal(guard, attempt(site, { altcha })), 400, 'proof_of_work_failed', 'altcha');
    }
  });

  test('a wrong number is refused', async () => {
    const { guard } = makeGuard();
    const payload = await solveAltcha(await issue(guard, site));
    const wrong = encodeAltcha({ ...payload, number: payload.number + 1 });
    assertRefused(
      await refusal(guard, attempt(site, { altcha: wrong })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
    // The right number still works: a failed attempt spends nothing.
    assert.equal(await refusal(guard, attempt(site, { altcha: encodeAltcha(payload) })), null);
  });

  test('a salt edited to claim an earlier issue time is refused', async () => {
    const { guard } = makeGuard();
    const challenge = await issue(guard, site);
    const salt = challenge.salt.replace(/issued=\d+/, `issued=${t0 - 60_000}`);
    assert.notEqual(salt, challenge.salt);
    // Solved honestly for the edited salt: only the signature can tell.
    const payload = await solveAltcha({ ...challenge, salt, challenge: await sha256Hex(`${salt}7`) });
    assertRefused(
      await refusal(guard, attempt(site, { altcha: encodeAltcha(payload) }, { nowMs: t0 + 1000 })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
  });

  test('a challenge signed with another secret is refused', async () => {
    const { guard: other } = makeGuard('another-server-secret-that-is-long-enough');
    const { guard } = makeGuard();
    const altcha = await solved(other, site);
    assertRefused(await refusal(guard, attempt(site, { altcha })), 400, 'proof_of_work_failed', 'altcha');
  });

  test("another site's challenge is refused", async () => {
    const { guard } = makeGuard();
    const altcha = await solved(guard, makeSite({ id: 'shop' }));
    assertRefused(await refusal(guard, attempt(site, { altcha })), 400, 'proof_of_work_failed', 'altcha');
  });

  test('a challenge expires after expiresSeconds by the app clock', async () => {
    const { guard } = makeGuard();
    const expiring = makeSite({ proofOfWork: { maxNumber: 1000, expiresSeconds: 60 } });
    const first = await solved(guard, expiring);
    const second = await solved(guard, expiring);
    assert.equal(await refusal(guard, attempt(expiring, { altcha: first }, { nowMs: t0 + 59_000 })), null);
    assertRefused(
      await refusal(guard, attempt(expiring, { altcha: second, body: 'Later' }, { nowMs: t0 + 60_000 })),
      400,
      'proof_of_work_failed',
      'altcha',
    );
  });

  test('two concurrent posts with one solution: exactly one gets through', async () => {
    const { guard } = makeGuard();
    const altcha = await solved(guard, site);
    const results = await Promise.all([
      refusal(guard, attempt(site, { altcha, body: 'One' })),
      refusal(guard, attempt(site, { altcha, body: 'Two' })),
    ]);
    assert.equal(results.filter((result) => result === null).length, 1);
    assertRefused(results.find((result) => result !== null) ?? null, 400, 'proof_of_work_failed', 'altcha');
  });

  test('SSO users need no proof of work and no compose time', async () => {
    const { guard } = makeGuard();
    assert.equal(await refusal(guard, attempt(site, {}, { isSso: true, nowMs: t0 })), null);
  });

  test('a site with proof of work off issues no challenge and asks for none', async () => {
    const { guard } = makeGuard();
    const off = makeSite({ proofOfWork: { enabled: false } });
    assert.equal(await guard.issueChallenge(off, t0), null);
    assert.equal(await refusal(guard, attempt(off, {}, { nowMs: t0 })), null);
  });

  test('challenges carry their limits: maxnumber from the site, a fresh salt each time', async () => {
    const { guard } = makeGuard();
    const first = await issue(guard, makeSite({ proofOfWork: { maxNumber: 2000 } }));
    const second = await issue(guard, site);
    assert.equal(first.maxnumber, 2000);
    assert.equal(first.algorithm, 'SHA-256');
    assert.notEqual(first.salt.split('?')[0], second.salt.split('?')[0]);
    assert.match(first.salt, new RegExp(`expires=${Math.floor(t0 / 1000) + 1800}&`));
  });
});

describe('spent solutions', () => {
  test('are remembered until they expire, within a cap', () => {
    const used = createUsedSolutions(2);
    assert.equal(used.claim('a', t0 + 1000, t0), true);
    assert.equal(used.claim('a', t0 + 1000, t0), false);
    assert.equal(used.claim('b', t0 + 120_000, t0), true);
    assert.equal(used.claim('c', t0 + 120_000, t0), 'full');
    // A minute on, the sweep drops 'a' (expired) and makes room.
    assert.equal(used.claim('c', t0 + 120_000, t0 + 60_000), true);
    assert.equal(used.size, 2);
    used.release('c');
    assert.equal(used.claim('c', t0 + 120_000, t0 + 60_000), true);
  });
});

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}
