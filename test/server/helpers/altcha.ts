import assert from 'node:assert/strict';
import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge, Payload } from 'altcha-lib/v1/types';

/** Encodes a solution the way the widget sends it in `altcha`: base64 of the JSON payload. */
export function encodeAltcha(payload: Payload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');
}

/** Solves a challenge by brute force, as a reader's browser would, and returns the payload. */
export async function solveAltcha(challenge: Challenge): Promise<Payload> {
  const solution = await solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise;
  assert.ok(solution, 'the challenge has a solution within maxnumber');
  return {
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number: solution.number,
    salt: challenge.salt,
    signature: challenge.signature,
  };
}

/** Solves a challenge and returns the `altcha` field to post. */
export async function solveToAltcha(challenge: Challenge): Promise<string> {
  return encodeAltcha(await solveAltcha(challenge));
}
