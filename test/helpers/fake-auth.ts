/** Who a request's bearer token says it comes from, as the fake endpoint reads it. */
export type FakeCaller =
  | { kind: 'none' }
  | { kind: 'guest'; tokenHash: string }
  | { kind: 'sso'; sub: string; name: string | null }
  | { kind: 'refused'; status: number; code: string; message: string };

/** A guest author token's shape: `hga_` and 43 base64url characters (32 bytes). */
export const authorTokenPattern = /^hga_[A-Za-z0-9_-]{43}$/;

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

let jwtCounter = 0;

/**
 * A JWT shaped like the one a site signs for SSO (HS256 header, claims, a signature). The
 * fake endpoint does not check signatures: it takes any `Bearer eyJ…` whose payload has a
 * `sub` as that user, unless the test listed the token as expired. Each call makes a
 * different token, as a real re-signing would (a fresh `iat`).
 */
export function makeTestJwt(claims: { sub: string; name?: string; email?: string }): string {
  jwtCounter += 1;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ ...claims, aud: 'demo', iat: nowSeconds + jwtCounter, exp: nowSeconds + 3600 }),
  );
  return `${header}.${payload}.${base64url(`test-signature-${jwtCounter}`)}`;
}

/** SHA-256 of a string, in hex: what a server keeps of an author token. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function readJwtPayload(token: string): Record<string, unknown> | null {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (char) => char.charCodeAt(0)));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads the caller from an `Authorization` header, as the contract (decision 0004) describes. */
export async function readCaller(
  header: string | null,
  expiredTokens: ReadonlySet<string>,
): Promise<FakeCaller> {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!token) return { kind: 'none' };
  if (token.startsWith('hga_')) {
    return authorTokenPattern.test(token)
      ? { kind: 'guest', tokenHash: await sha256Hex(token) }
      : { kind: 'refused', status: 401, code: 'auth_required', message: 'The author token is malformed.' };
  }
  if (expiredTokens.has(token)) {
    return { kind: 'refused', status: 401, code: 'sso_token_expired', message: 'Your sign-in has expired.' };
  }
  const claims = token.startsWith('eyJ') ? readJwtPayload(token) : null;
  if (!claims || typeof claims.sub !== 'string') {
    return { kind: 'refused', status: 401, code: 'sso_token_invalid', message: 'Your sign-in is not valid.' };
  }
  return { kind: 'sso', sub: claims.sub, name: typeof claims.name === 'string' ? claims.name : null };
}
