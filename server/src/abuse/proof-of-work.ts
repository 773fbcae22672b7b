import { createHmac, timingSafeEqual } from 'node:crypto';
import { createChallenge, extractParams } from 'altcha-lib/v1';
import { z } from 'zod';
import type { ChallengeResponse } from '../../../src/protocol/challenge.js';
import type { SiteConfig } from '../site-config.js';

/** A proof-of-work challenge as `GET /api/v1/challenge` sends it (the ALTCHA v1 format). */
export type ProofOfWorkChallenge = ChallengeResponse;

/** A solution that checks out: who it was issued for and when, and the key that spends it. */
export interface VerifiedSolution {
  /** Unique per challenge; spending it twice is a replay. */
  key: string;
  issuedMs: number;
  expiresMs: number;
}

/** The only algorithm issued; anything else in a payload is not ours. */
const algorithm = 'SHA-256';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A decoded `altcha` field; anything else fails before any hashing is spent on it. */
const PayloadSchema = z.object({
  algorithm: z.literal(algorithm),
  challenge: hex64,
  number: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  salt: z.string().max(512),
  signature: hex64,
});

const SaltParamsSchema = z.object({
  site: z.string(),
  issued: z.string().regex(/^\d{1,16}$/),
  compose: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
  expires: z.string().regex(/^\d{1,13}$/),
});

/**
 * Issues and verifies ALTCHA challenges (altcha-lib's v1 format) signed with a key derived from
 * the server secret. The salt carries the site, the issue time (ms) and the expiry (s), so the
 * signature covers them and the post can be checked against the site and the compose time.
 * Expiry is judged by the app's clock, not altcha-lib's `Date.now()`, so pinned test clocks
 * and the rest of the server agree.
 */
export interface ProofOfWork {
  /** A new challenge for `site`, valid for its `proofOfWork.expiresSeconds`. */
  issue(site: SiteConfig, nowMs: number): Promise<ProofOfWorkChallenge>;
  /** The verified solution, or null when `altcha` is malformed, wrong, forged, expired or another site's. */
  verify(altcha: string, site: SiteConfig, nowMs: number): Promise<VerifiedSolution | null>;
}

/** Builds the challenge issuer and verifier over the server secret. */
export function createProofOfWork(readSecret: () => Promise<string>): ProofOfWork {
  // A key of its own, so a signature made here is useless for anything else keyed on the secret.
  async function readHmacKey(): Promise<string> {
    return createHmac('sha256', await readSecret())
      .update('hearth proof-of-work v1')
      .digest('hex');
  }

  return {
    async issue(site, nowMs) {
      const issued = await createChallenge({
        algorithm,
        hmacKey: await readHmacKey(),
        maxnumber: site.proofOfWork.maxNumber,
        expires: new Date(nowMs + site.proofOfWork.expiresSeconds * 1000),
        // `compose` tells the widget how long to wait before sending (minComposeSeconds), so it
        // neither waits longer than this site asks nor posts too soon.
        params: {
          site: site.id,
          issued: String(Math.floor(nowMs)),
          compose: String(Math.round(site.limits.minComposeSeconds * 1000)),
        },
      });
      // Only the wire's fields, whatever else altcha-lib adds.
      const { challenge, maxnumber, salt, signature } = issued;
      return { algorithm, challenge, ...(maxnumber === undefined ? {} : { maxnumber }), salt, signature };
    },

    async verify(altcha, site, nowMs) {
      const payload = PayloadSchema.safeParse(decodeBase64Json(altcha));
      if (!payload.success) return null;
      const { challenge, number, salt, signature } = payload.data;

      const params = SaltParamsSchema.safeParse(extractParams(payload.data));
      if (!params.success || params.data.site !== site.id) return null;
      const expiresMs = Number(params.data.expires) * 1000;
      if (expiresMs <= nowMs) return null;

      // What altcha-lib's verifySolution does, but comparing in constant time and without its
      // own clock.
      const expected = await createChallenge({ algorithm, hmacKey: await readHmacKey(), number, salt });
      if (!equalHex(expected.challenge, challenge) || !equalHex(expected.signature, signature)) return null;
      return { key: signature, issuedMs: Number(params.data.issued), expiresMs };
    },
  };
}

function decodeBase64Json(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

function equalHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
