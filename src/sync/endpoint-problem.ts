import { ChangesResponseSchema } from '../protocol/changes.js';
import { SyncStatus } from './sync-status.js';

/** What a pull makes of an answer that is not a page of changes. */
export type AnswerVerdict =
  typeof SyncStatus.refused | typeof SyncStatus.notHearth | typeof SyncStatus.unreachable;

/** Console lines already written on this page: once per problem and URL is enough. */
const reported = new Set<string>();

function report(line: string): void {
  if (reported.has(line)) return;
  reported.add(line);
  console.error(line);
}

/**
 * Says what an answer to `GET …/comments` that is not a readable page of changes means, and
 * tells the site's owner on the console (once per page and message), since the browser shows
 * them nothing useful of their own. Loaded only on that rare path.
 *
 * - 403 `origin_not_allowed`: the server's configuration lacks this page's origin → `refused`.
 * - Any other Hearth error (`{error:{code}}`) but 404: a server that works → `unreachable`, as before.
 * - A readable page of changes (the markdown parser failed to load): `unreachable`.
 * - Anything else, a 404, HTML, JSON that is not the protocol: `notHearth`.
 */
export function judgeAnswer(url: string, response: Response, body: unknown): AnswerVerdict {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : null;
  // The code's text, not ErrorCode: importing the protocol's error module here would split it
  // out of the outbox pusher's chunk into one more request of its own.
  if (response.status === 403 && code === 'origin_not_allowed') {
    const origin = location.origin;
    report(
      `Hearth: the comment server at ${new URL(url).origin} does not allow pages on ${origin}. ` +
        `Add "${origin}" to a site's origins (sites[].origins) in the server's configuration ` +
        `and restart it. The server said: ${String(error?.message)}`,
    );
    return SyncStatus.refused;
  }
  if (code !== null && response.status !== 404) return SyncStatus.unreachable;
  if (response.ok && ChangesResponseSchema.safeParse(body).success) return SyncStatus.unreachable;
  const type = response.headers.get('Content-Type') ?? 'no Content-Type';
  report(
    `Hearth: ${url} answered ${response.status} (${type}), not a Hearth comment server's JSON page ` +
      `of changes (protocol v1). Check the endpoint attribute: it must be the base URL of a ` +
      `Hearth server (where its hearth.js is served), or left out to use hearth.js's own.`,
  );
  return SyncStatus.notHearth;
}
