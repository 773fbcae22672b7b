import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NewComment } from '../../../src/protocol/index.js';

/** A valid, already-normalised new comment with a fresh id; override any field. */
export function makeNewComment(overrides: Partial<NewComment> = {}): NewComment {
  return { id: randomUUID(), authorName: 'Ada', body: 'Hello, hearth.', ...overrides };
}

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
