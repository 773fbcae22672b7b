import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NewComment } from '../../../src/protocol/index.js';
import {
  demoSite,
  SiteConfigSchema,
  type AdminConfig,
  type SiteConfig,
} from '../../../server/src/site-config.js';
import type { CommentAuthor } from '../../../server/src/store/comment-store.js';

/** A valid, already-normalised new comment with a fresh id; override any field. */
export function makeNewComment(overrides: Partial<NewComment> = {}): NewComment {
  return { id: randomUUID(), authorName: 'Ada', body: 'Hello, hearth.', ...overrides };
}

/** An author the server knows nothing about (no token, SSO id, email or IP); override any field. */
export function makeAuthor(overrides: Partial<CommentAuthor> = {}): CommentAuthor {
  return {
    authorTokenHash: null,
    userId: null,
    email: null,
    ipHash: null,
    verified: false,
    avatarUrl: null,
    ...overrides,
  };
}

/**
 * The demo site (id `demo`, local origins, no moderation) with the abuse defences a test
 * does not ask for turned off: no proof of work or compose delay, limits nobody reaches.
 * Suites that test those defences pass their own `sites`.
 */
export const lenientDemoSite: SiteConfig = SiteConfigSchema.parse({
  id: demoSite.id,
  origins: demoSite.origins,
  proofOfWork: { enabled: false },
  limits: {
    postsPerMinutePerIp: 1_000_000,
    postsPerHourPerIp: 1_000_000,
    postsPerMinutePerThread: 1_000_000,
    minComposeSeconds: 0,
  },
});

/** An admin the API harness configures by default; send `Authorization: Bearer ${testAdmin.token}`. */
export const testAdmin: AdminConfig = { name: 'Test Admin', token: 'test-admin-token-0123456789abcdef' };

/** A fresh directory under the OS temp dir and a function that deletes it. */
export async function makeTempDir(
  prefix = 'hearth-test-',
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The comments URL of a thread, encoded the way the widget encodes it. */
export function commentsUrl(thread: string, since?: string): string {
  const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}`;
  return `/api/v1/threads/${encodeURIComponent(thread)}/comments${query}`;
}

/** The URL of one comment (for PATCH and DELETE), encoded the way the widget encodes it. */
export function commentUrl(thread: string, id: string): string {
  return `/api/v1/threads/${encodeURIComponent(thread)}/comments/${encodeURIComponent(id)}`;
}
