import { threadPageUrl } from '../feeds/thread-page-url.js';
import { CommentEvent, commentEventJobId, type CommentEventPayload } from '../jobs/comment-events.js';
import type { SiteConfig } from '../site-config.js';
import type { JobQueueStore } from '../store/job-queue.js';

/** A comment's place: its site, thread and id. */
export interface CommentPlace {
  site: string;
  id: string;
  thread: string;
}

/**
 * The address of each comment on its page, `…#comment-<id>`, by id: the page its post was
 * written on when the post's arrival event (`comment.created` or `comment.held`) is still in
 * the job queue, else the thread's page from the site's `threadUrl` or origins
 * (threadPageUrl). A comment with neither, or on a site no longer configured, has none. Only
 * http(s) addresses are given.
 *
 * One read of the job queue for the whole batch (two ids per comment); callers pass a bounded page.
 */
export async function findCommentLinks(
  store: JobQueueStore,
  sites: readonly SiteConfig[],
  places: readonly CommentPlace[],
): Promise<Map<string, string>> {
  const posts = await findPostPages(
    store,
    places.map((place) => place.id),
  );
  const links = new Map<string, string>();
  for (const place of places) {
    const site = sites.find((candidate) => candidate.id === place.site);
    if (!site) continue;
    const page = posts.get(place.id) ?? threadPageUrl(site, place.thread);
    if (page !== null && isHttpUrl(page))
      links.set(place.id, `${page}#comment-${encodeURIComponent(place.id)}`);
  }
  return links;
}

/** The page each comment's post was written on, from its arrival event, by comment id. */
async function findPostPages(
  store: JobQueueStore,
  commentIds: readonly string[],
): Promise<Map<string, string>> {
  if (commentIds.length === 0) return new Map();
  const arrivals = [CommentEvent.held, CommentEvent.created];
  const jobs = await store.getJobs(
    commentIds.flatMap((commentId) =>
      arrivals.map((event) => commentEventJobId({ event, commentId, seq: 0 })),
    ),
  );
  const pages = new Map<string, string>();
  for (const job of jobs) {
    const payload = job.payload as Partial<CommentEventPayload> | undefined;
    const pageUrl = payload?.post?.pageUrl;
    if (typeof payload?.commentId === 'string' && typeof pageUrl === 'string') {
      pages.set(payload.commentId, pageUrl.split('#')[0]!);
    }
  }
  return pages;
}

function isHttpUrl(address: string): boolean {
  try {
    const { protocol } = new URL(address);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
