/** Normalises an endpoint to an absolute URL ending in '/', so relative API paths resolve under it. */
export function normalizeEndpoint(endpoint: string, base: string): string {
  const url = new URL(endpoint, base);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * The URL of a thread's comments collection, with `since` when a cursor is known and `limit`
 * (the most comments a page of changes should hold) when given.
 */
export function buildCommentsUrl(
  endpoint: string,
  thread: string,
  since?: string | null,
  limit?: number,
): string {
  const url = new URL(`api/v1/threads/${encodeURIComponent(thread)}/comments`, endpoint);
  if (since) url.searchParams.set('since', since);
  if (limit !== undefined) url.searchParams.set('limit', String(limit));
  return url.href;
}
