/** The prefix that marks a guest's author token. */
const authorTokenPrefix = 'hga_';

/**
 * A new guest author token: `hga_` and 32 random bytes in base64url (43 characters). The
 * widget makes one per comment and sends it with the post; the server keeps only its hash,
 * and the same token later proves the reader wrote the comment (edit, delete).
 */
export function createAuthorToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return authorTokenPrefix + base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
