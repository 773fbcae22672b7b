import type { AuditSubject } from '../../../src/protocol/admin.js';
import { threadPageUrl } from '../feeds/thread-page-url.js';
import type { SiteConfig } from '../site-config.js';
import type { AuditEntry, Ban, CommentStore } from '../store/comment-store.js';
import { findCommentLinks } from './comment-links.js';

/** What an audit entry's `target` names, by the prefix of its `action`. */
function targetKind(action: string): 'comment' | 'thread' | 'ban' | null {
  const prefix = action.split('.')[0];
  return prefix === 'comment' || prefix === 'thread' || prefix === 'ban' ? prefix : null;
}

/**
 * The audit entries with what each acted on, as moderators read it (`subject`): a comment's
 * author, thread and link, a thread's key and page, a ban's kind and value. A comment or ban
 * gone from the store, or a site no longer configured, leaves the entry without one: the page
 * shows its `target` as it is.
 *
 * Bounded by the page: one batch read of the comments, one of the job queue for their links,
 * and one ban list per site.
 */
export async function describeAuditEntries(
  store: CommentStore,
  sites: readonly SiteConfig[],
  entries: readonly AuditEntry[],
): Promise<Array<AuditEntry & { subject?: AuditSubject }>> {
  const commentIds = entries.filter((entry) => targetKind(entry.action) === 'comment').map((e) => e.target);
  const records = new Map((await store.getComments(commentIds)).map((record) => [record.comment.id, record]));
  const links = await findCommentLinks(
    store,
    sites,
    [...records.values()].map(({ site, comment }) => ({ site, id: comment.id, thread: comment.thread })),
  );
  const banSites = new Set(entries.filter((entry) => targetKind(entry.action) === 'ban').map((e) => e.site));
  const bans = new Map<string, Ban>();
  for (const siteId of banSites) {
    if (!sites.some((site) => site.id === siteId)) continue;
    for (const ban of await store.listBans(siteId)) bans.set(`${ban.site} ${ban.id}`, ban);
  }

  return entries.map((entry) => {
    const site = sites.find((candidate) => candidate.id === entry.site);
    const subject = site ? describeTarget(entry, site) : undefined;
    return subject ? { ...entry, subject } : { ...entry };
  });

  function describeTarget(entry: AuditEntry, site: SiteConfig): AuditSubject | undefined {
    switch (targetKind(entry.action)) {
      case 'comment': {
        const record = records.get(entry.target);
        if (record?.site !== site.id) return undefined;
        const { comment } = record;
        return {
          kind: 'comment',
          authorName: comment.authorName,
          status: comment.status,
          thread: comment.thread,
          url: links.get(comment.id) ?? null,
        };
      }
      case 'thread':
        return { kind: 'thread', thread: entry.target, url: threadPageUrl(site, entry.target) };
      case 'ban': {
        const ban = bans.get(`${site.id} ${entry.target}`);
        return ban ? { kind: 'ban', banKind: ban.kind, value: ban.value } : undefined;
      }
      default:
        return undefined;
    }
  }
}
