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
 * Each comment costs two lookups by primary key, run together; callers pass a bounded page.
 */
export async function findCommentLinks(
  store: JobQueueStore,
  sites: readonly SiteConfig[],
  places: readonly CommentPlace[],
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  await Promise.all(
    places.map(async (place) => {
      const site = sites.find((candidate) => candidate.id === place.site);
      if (!site) return;
      const page = (await findPostPage(store, place.id)) ?? threadPageUrl(site, place.thread);
      if (page !== null && isHttpUrl(page))
        links.set(place.id, `${page}#comment-${encodeURIComponent(place.id)}`);
    }),
  );
  return links;
}

/** The page the comment's post was written on, from its arrival event; null when unknown. */
async function findPostPage(store: JobQueueStore, commentId: string): Promise<string | null> {
  const arrivals = await Promise.all(
    [CommentEvent.held, CommentEvent.created].map((event) =>
      store.getJob(commentEventJobId({ event, commentId, seq: 0 })),
    ),
  );
  for (const job of arrivals) {
    const pageUrl = (job?.payload as CommentEventPayload | undefined)?.post?.pageUrl;
    if (typeof pageUrl === 'string') return pageUrl.split('#')[0]!;
  }
  return null;
}

function isHttpUrl(address: string): boolean {
  try {
    const { protocol } = new URL(address);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
