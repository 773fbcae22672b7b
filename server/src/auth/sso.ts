import { errors, jwtVerify, type JWTPayload } from 'jose';
import { AuthorEmailSchema, AuthorNameSchema, ErrorCode, isWellFormed } from '../../../src/protocol/index.js';
import { ApiError } from '../http/api-error.js';
import type { SiteConfig } from '../site-config.js';

/** A site's signed-in reader, as its SSO token describes them. */
export interface SsoUser {
  /** The token's `sub`: the site's own id for the user, compared exactly. */
  userId: string;
  /** The token's `name`, trimmed; replaces whatever name the post carried. */
  name: string;
  /** The token's `email`, lowercased, or null. Never shown. */
  email: string | null;
  /** The token's `picture` when it is an absolute https URL, else null. */
  avatarUrl: string | null;
}

/** The longest an SSO token may live, from `iat` to `exp`: 24 hours, in seconds. */
const ssoMaxLifetimeSeconds = 24 * 60 * 60;

/**
 * How far ahead of our clock a site's clock may run, in seconds. Only used for the lifetime
 * check against our own clock, so a token signed a moment "in the future" is not refused.
 */
const clockSkewSeconds = 5 * 60;

/** Longest `sub` stored: user ids are keys, not prose. */
export const userIdMaxChars = 256;

/** Longest avatar URL kept; longer ones are ignored like any other unusable picture. */
const pictureMaxChars = 2048;

/**
 * Verifies an SSO token (an HS256 JWT signed with the site's `sso.secret`, `aud` = the site's
 * id) and returns who it names. Throws 401 `sso_token_expired` when it has expired, and 401
 * `sso_token_invalid` for everything else: a site without SSO, a forged signature, another
 * algorithm, another site's audience, missing or malformed claims, a lifetime over 24 hours.
 * The token itself never appears in an error or a log.
 */
export async function verifySsoToken(token: string, site: SiteConfig, nowMs: number): Promise<SsoUser> {
  if (!site.sso) {
    throw invalid(`Site "${site.id}" does not use single sign-on, so it accepts no SSO tokens.`);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(site.sso.secret), {
      // Pinning the algorithm is what refuses `none` and algorithm-confusion tokens.
      algorithms: ['HS256'],
      audience: site.id,
      requiredClaims: ['exp', 'sub', 'name'],
      currentDate: new Date(nowMs),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new ApiError(
        401,
        ErrorCode.ssoTokenExpired,
        'Your sign-in has expired. Please reload the page, or sign in again.',
      );
    }
    throw invalid(`The sign-in token was refused: ${describeJoseError(error)}.`);
  }
  checkLifetime(payload, nowMs);
  return {
    userId: readUserId(payload.sub),
    name: readName(payload['name']),
    email: readEmail(payload['email']),
    avatarUrl: readPicture(payload['picture']),
  };
}

function invalid(message: string): ApiError {
  return new ApiError(401, ErrorCode.ssoTokenInvalid, message);
}

/**
 * jose's messages name the failed check (`signature verification failed`, `unexpected "aud"
 * claim value`) and never quote the token, so they are safe to hand a site's developer.
 */
function describeJoseError(error: unknown): string {
  if (error instanceof errors.JOSEError) return error.message.replace(/\.$/, '');
  return 'it is not a well-formed JWT';
}

/**
 * A token lives at most 24 hours: `exp - iat` when `iat` is present, and in any case `exp`
 * may be at most 24 hours (plus a little clock skew) after our own clock, so a token with a
 * future `iat` or none cannot outlive the limit either.
 */
function checkLifetime(payload: JWTPayload, nowMs: number): void {
  const exp = payload.exp!;
  const nowSeconds = Math.floor(nowMs / 1000);
  const tooLong =
    (payload.iat !== undefined && exp - payload.iat > ssoMaxLifetimeSeconds) ||
    exp - nowSeconds > ssoMaxLifetimeSeconds + clockSkewSeconds;
  if (tooLong) {
    throw invalid('The sign-in token lives too long: "exp" must be at most 24 hours after "iat".');
  }
}

/**
 * Whether `value` can be an SSO user id: 1–256 characters of well-formed text and no control
 * characters (NUL above all, which PostgreSQL cannot store), so every store keeps and matches
 * it alike.
 */
export function isUserId(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= userIdMaxChars &&
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    !/[\u0000-\u001f\u007f]/.test(value) &&
    // Stored as UTF-8, a lone surrogate would come back as U+FFFD and match no later token.
    isWellFormed(value)
  );
}

function readUserId(sub: unknown): string {
  // jose already checked that `sub` is present and a string.
  if (typeof sub !== 'string' || !isUserId(sub)) {
    throw invalid(
      `The sign-in token's "sub" must be a user id of 1–${userIdMaxChars} characters of well-formed text, without control characters.`,
    );
  }
  return sub;
}

function readName(name: unknown): string {
  const result = AuthorNameSchema.safeParse(name);
  if (!result.success) {
    throw invalid(`The sign-in token's "name" is not a usable name: ${result.error.issues[0]?.message}`);
  }
  return result.data;
}

function readEmail(email: unknown): string | null {
  if (email === undefined || email === null) return null;
  const result = AuthorEmailSchema.safeParse(email);
  if (!result.success) {
    throw invalid(`The sign-in token's "email" is not an email address.`);
  }
  return result.data === '' ? null : result.data.toLowerCase();
}

/** An avatar is optional decoration: anything but an absolute https URL is dropped, not refused. */
function readPicture(picture: unknown): string | null {
  if (typeof picture !== 'string' || picture.length > pictureMaxChars) return null;
  try {
    const url = new URL(picture);
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
    return url.href;
  } catch {
    return null;
  }
}
