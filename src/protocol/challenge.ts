import { z } from './zod.js';

/** altcha-lib's default when a challenge names no `maxnumber`. */
export const challengeDefaultMaxNumber = 1_000_000;
/** The most work a server may ask of a reader's device; the reference server's config caps it here. */
const challengeMaxNumberLimit = 10_000_000;
/** Longest salt a client accepts, so a solved payload stays far inside `limits.proofOfWorkMaxChars`. */
const challengeSaltMaxChars = 1000;

// Refinements rather than z.regex, z.int or z.literal: every zod feature the widget uses ships in
// its first visit's chunk (vite.config.ts), and these would add about 800 B gzip to it.
const isDigest = (text: string) => /^[0-9a-f]{64}$/.test(text);
const DigestSchema = z.string().check(z.refine(isDigest));

/**
 * The reply to `GET /api/v1/challenge` (200; 204 when the site asks for no proof of work): an
 * ALTCHA v1 challenge. Hearth issues and accepts SHA-256 only.
 */
export const ChallengeResponseSchema = /* @__PURE__ */ z.object({
  algorithm: z.enum(['SHA-256']),
  /** Hex SHA-256 of `salt + number` for the secret number. */
  challenge: DigestSchema,
  /** The largest number the solver tries; absent means `challengeDefaultMaxNumber`. */
  maxnumber: z.optional(
    z.number().check(z.refine((max) => Number.isInteger(max) && max >= 1 && max <= challengeMaxNumberLimit)),
  ),
  /**
   * Random text, printable ASCII (the payload is JSON in `btoa()`); ALTCHA appends signed
   * parameters such as `?expires=<unix seconds>&`.
   */
  salt: z
    .string()
    .check(z.refine((salt) => salt.length <= challengeSaltMaxChars && /^[\x20-\x7e]+$/.test(salt))),
  /** The server's HMAC of `challenge`, hex. */
  signature: DigestSchema,
});
export type ChallengeResponse = z.infer<typeof ChallengeResponseSchema>;
