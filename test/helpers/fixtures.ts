import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import type { ThreadComment } from '../../src/internal/rich-text.js';
import type { Comment } from '../../src/protocol/comment.js';

let counter = 0;

/** A v4-shaped UUID that is unique within the test run and readable in failures. */
export function testUuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** A published comment as a server would send it; `seq` and times follow creation order. */
export function makeComment(overrides: Partial<Comment> = {}): Comment {
  counter += 1;
  const createdAt = new Date(Date.UTC(2026, 10, 1, 12, 0, counter)).toISOString();
  return {
    id: testUuid(),
    thread: '/posts/test',
    parentId: null,
    authorName: `Reader ${counter}`,
    body: `Comment number ${counter}`,
    createdAt,
    updatedAt: createdAt,
    status: 'published',
    seq: counter,
    ...overrides,
  };
}

/** A unique IndexedDB database name, so no test sees another's cache. */
export function uniqueDatabaseName(): string {
  return `hearth-test-${crypto.randomUUID()}`;
}

/** Deletes the IndexedDB database `name`; resolves once it is gone (waits while it is open). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** A comment as the widget holds it once pulled: with its body parsed, as the sync engine stores it. */
export function withBodyTree(comment: Comment): ThreadComment {
  return { ...comment, bodyTree: parseMarkdown(comment.body) };
}
