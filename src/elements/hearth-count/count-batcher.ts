import { CountsResponseSchema } from '../../protocol/counts.js';
import { request } from '../../sync/transport.js';
import { warnInDev } from '../../internal/dev-warning.js';

/** Most thread keys one counts request asks about (the protocol's limit). */
const threadsPerRequest = 100;

/** How long a count fetched on this page is reused without asking again, in ms (the server's max-age). */
const countCacheMs = 30_000;

/** Told the thread's count, or null when the endpoint could not say. */
type CountListener = (count: number | null) => void;

/** Counts already fetched on this page, by endpoint and thread. */
const cache = new Map<string, { count: number; fetchedAtMs: number }>();
/** Counts asked for in this task, by endpoint, then thread: sent together when the task ends. */
const queued = new Map<string, Map<string, CountListener[]>>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

const cacheKey = (endpoint: string, thread: string): string => `${endpoint}\n${thread}`;

/**
 * Asks for a thread's published comment count. Every thread asked for in the same task goes
 * out in one `GET /api/v1/counts` per endpoint (in chunks of 100), and a count fetched within
 * the last 30 s is answered from memory, at once. `endpoint` is absolute and ends in '/'.
 */
export function requestCount(endpoint: string, thread: string, listener: CountListener): void {
  const cached = cache.get(cacheKey(endpoint, thread));
  if (cached && Date.now() - cached.fetchedAtMs < countCacheMs) return listener(cached.count);
  let threads = queued.get(endpoint);
  if (!threads) queued.set(endpoint, (threads = new Map()));
  const listeners = threads.get(thread);
  if (listeners) listeners.push(listener);
  else threads.set(thread, [listener]);
  // A timer rather than a microtask: elements a page or framework connects over several
  // microtasks of one task still share a request.
  flushTimer ??= setTimeout(flushCounts, 0);
}

function flushCounts(): void {
  flushTimer = undefined;
  const batches = [...queued];
  queued.clear();
  for (const [endpoint, threads] of batches) {
    // Sorted, so the same set of threads makes the same URL, which the HTTP cache can answer.
    const keys = [...threads.keys()].sort();
    for (let start = 0; start < keys.length; start += threadsPerRequest) {
      const chunk = keys.slice(start, start + threadsPerRequest);
      void fetchCounts(endpoint, chunk).then((counts) => {
        const fetchedAtMs = Date.now();
        for (const thread of chunk) {
          const count = counts?.get(thread) ?? null;
          if (count !== null) cache.set(cacheKey(endpoint, thread), { count, fetchedAtMs });
          for (const listener of threads.get(thread) ?? []) listener(count);
        }
      });
    }
  }
}

/**
 * Fetches the counts of up to 100 threads, or resolves null when the endpoint is unreachable
 * or answers something unreadable. Uses the browser's HTTP cache as the server allows.
 */
async function fetchCounts(
  endpoint: string,
  threads: readonly string[],
): Promise<Map<string, number> | null> {
  const url = `${endpoint}api/v1/counts?threads=${threads.map(encodeURIComponent).join(',')}`;
  const response = await request(url, { headers: { Accept: 'application/json' } }).catch(
    (error) => (warnInDev('counts not fetched', error), null),
  );
  if (!response?.ok) return null;
  const parsed = CountsResponseSchema.safeParse(
    await response.json().catch((error) => (warnInDev('counts unreadable', error), null)),
  );
  if (!parsed.success) return null;
  const result = new Map(Object.entries(parsed.data.counts));
  // A thread the answer leaves out is one the server does not know: it has no comments.
  for (const thread of threads) if (!result.has(thread)) result.set(thread, 0);
  return result;
}
