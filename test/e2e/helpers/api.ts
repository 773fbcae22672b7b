import type { HearthServer } from './server.js';

/** A comment as the server's API returns it (only the fields these tests read). */
export interface ApiComment {
  id: string;
  parentId: string | null;
  body: string;
}

/** Every comment the server stores for `thread`, read page by page from its change feed. */
export async function fetchThread(server: HearthServer, thread: string): Promise<ApiComment[]> {
  const comments: ApiComment[] = [];
  let since: string | null = null;
  for (;;) {
    const url = new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments`, server.url);
    if (since !== null) url.searchParams.set('since', since);
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status}`);
    const page = (await response.json()) as { comments: ApiComment[]; cursor: string; more: boolean };
    comments.push(...page.comments);
    if (!page.more) return comments;
    since = page.cursor;
  }
}

/** How many comments the server stores on `thread` with exactly this body. */
export async function countByBody(server: HearthServer, thread: string, body: string): Promise<number> {
  return (await fetchThread(server, thread)).filter((comment) => comment.body === body).length;
}
