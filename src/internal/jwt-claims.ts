/** The claims of an SSO token the widget reads, for display and matching only. */
export interface SsoClaims {
  /** The site's user id. */
  sub?: string;
  /** The user's display name. */
  name?: string;
}

/**
 * Reads a JWT's payload without verifying it, or null when it is not a readable JWT. The
 * widget only shows the name and matches queued writes to a user with it; the server verifies
 * the signature on every request, so nothing here is trusted.
 */
export function readSsoClaims(token: string): SsoClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims !== 'object' || claims === null) return null;
    const { sub, name } = claims as Record<string, unknown>;
    return {
      ...(typeof sub === 'string' ? { sub } : {}),
      ...(typeof name === 'string' ? { name } : {}),
    };
  } catch {
    return null;
  }
}
