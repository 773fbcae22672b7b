import { randomUUID } from 'node:crypto';
import { createAuthorToken } from '../src/internal/author-token.js';
import { createProofOfWork, type ProofOfWork } from '../src/sync/proof-of-work.js';
import type { Exchange, KitClient } from './client.js';

/** The fields of a post the kit sends. */
export interface PostFields {
  id: string;
  authorName: string;
  body: string;
  parentId?: string | null;
  altcha?: string;
}

/** A post as sent: send it again unchanged (`resend`) to retry it. */
export interface SentPost {
  fields: PostFields;
  /** The bearer token it was sent with: the guest author token, or the admin token. */
  token: string;
  headers: Record<string, string>;
  exchange: Exchange;
}

/** Writes comments as a guest (author token, proof of work) or as an admin. */
export interface Poster {
  /** `admin` when an admin token was given, else `guest`. */
  kind: 'admin' | 'guest';
  /** Fields of a new comment: a fresh id, and a body unique to this run that names `label`. */
  newFields: (label: string) => PostFields;
  /** Posts `fields` with a token of its own (and, as a guest, a solved proof of work). */
  post: (fields: PostFields) => Promise<SentPost>;
  /** Sends `post` again with the same headers and, unless `fields` is given, the same body. */
  resend: (post: SentPost, fields?: PostFields) => Promise<Exchange>;
  /** The header that proves authorship of a comment posted with `token`. */
  authorHeaders: (token: string) => Record<string, string>;
  /** Stops the background proof-of-work solving. */
  dispose: () => void;
}

/** How many challenges a guest prepares ahead, so their compose waits run side by side. */
const preparedChallenges = 5;

/**
 * Creates the poster. A guest fetches challenges with the kit's `Origin` (the challenge names
 * its site) and solves them with the widget's own solver, waiting out the site's compose time
 * as the widget does.
 */
export function createPoster(client: KitClient, adminToken: string | null, runTag: string): Poster {
  let proofOfWork: ProofOfWork | null = null;
  if (adminToken === null) {
    proofOfWork = createProofOfWork(client.endpoint, { headers: { Origin: client.origin } });
    void proofOfWork.prepare(preparedChallenges);
  }
  const jsonHeaders = (token: string) => ({
    'Content-Type': 'application/json',
    Authorization: `Bearer ${token}`,
  });
  const send = (fields: PostFields, headers: Record<string, string>) =>
    client.send('POST', client.feedUrl(), { headers, body: JSON.stringify(fields) });

  return {
    kind: adminToken === null ? 'guest' : 'admin',
    newFields: (label) => ({
      id: randomUUID(),
      authorName: 'Hearth conformance kit',
      body: `${label} (${runTag})`,
    }),
    async post(fields) {
      const token = adminToken ?? createAuthorToken();
      let sent = fields;
      if (proofOfWork !== null) {
        const solution = await proofOfWork.take();
        if (solution.kind === 'unreachable')
          throw new Error('could not fetch or solve a proof-of-work challenge');
        if (solution.kind === 'solved') sent = { ...fields, altcha: solution.altcha };
      }
      const headers = jsonHeaders(token);
      return { fields: sent, token, headers, exchange: await send(sent, headers) };
    },
    resend: (post, fields) => send(fields ?? post.fields, post.headers),
    authorHeaders: (token) => ({ Authorization: `Bearer ${token}` }),
    dispose: () => proofOfWork?.dispose(),
  };
}
