/**
 * The admin token, kept in sessionStorage: this tab only, gone when it closes, never a cookie
 * (decision 0004, point 10). Storage that throws (disabled, or full) leaves the page working
 * without remembering the token.
 */
const tokenKey = 'hearth-admin-token';

/** The token this tab signed in with, or null. */
export function readSessionToken(): string | null {
  try {
    return sessionStorage.getItem(tokenKey);
  } catch {
    return null;
  }
}

/** Remembers the token for this tab. */
export function saveSessionToken(token: string): void {
  try {
    sessionStorage.setItem(tokenKey, token);
  } catch {
    // Not remembered: a reload asks for it again, which is safe.
  }
}

/** Forgets the token. */
export function clearSessionToken(): void {
  try {
    sessionStorage.removeItem(tokenKey);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
