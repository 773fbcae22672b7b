import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { ChallengeResponse } from '../protocol/challenge.js';

/** An ALTCHA v1 challenge, as `GET {endpoint}api/v1/challenge` sends it, with its `maxnumber`. */
export type ProofOfWorkChallenge = Required<ChallengeResponse>;

/** Longest the solver hashes before letting the page handle input and render, in ms. */
const sliceMs = 10;

/**
 * Finds the number whose SHA-256 with the salt is the challenge and returns the `altcha`
 * payload (base64 of `{ algorithm, challenge, number, salt, signature }`, what altcha-lib's
 * `verifySolution` reads), or null when aborted or no number up to `maxnumber` fits.
 * Works in slices of about 10 ms, so the page stays responsive while it runs.
 */
export async function solveChallenge(
  challenge: ProofOfWorkChallenge,
  signal?: AbortSignal,
): Promise<string | null> {
  const number = await searchNumber(challenge, signal);
  if (number === null) return null;
  const { algorithm, salt, signature } = challenge;
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature }));
}

/**
 * The number, hashing with @noble/hashes rather than crypto.subtle.digest: in Chromium,
 * awaiting one digest per number (altcha-lib's solver) starved timers and the page's other
 * tasks for the whole solve, ~0.5 s for 50,000 numbers. A synchronous hash in slices of ~10 ms
 * keeps the page responsive, and the salt is hashed once, its state cloned for each number.
 */
async function searchNumber(challenge: ProofOfWorkChallenge, signal?: AbortSignal): Promise<number | null> {
  const encoder = new TextEncoder();
  const salted = sha256.create().update(encoder.encode(challenge.salt));
  const target = hexToBytes(challenge.challenge);
  let sliceStartMs = performance.now();
  for (let number = 0; number <= challenge.maxnumber; number += 1) {
    if (number % 1024 === 0) {
      if (performance.now() - sliceStartMs > sliceMs) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStartMs = performance.now();
      }
      if (signal?.aborted) return null;
    }
    const digest = salted
      .clone()
      .update(encoder.encode(String(number)))
      .digest();
    if (equalBytes(digest, target)) return number;
  }
  return null;
}

function equalBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i += 1) if (left[i] !== right[i]) return false;
  return true;
}
