import type { CommentStore } from '../store/comment-store.js';
import { formatLogLine, LogLevel } from './log-line.js';

/**
 * Warns, one line per site id, of comments the store keeps under a site id the configuration
 * no longer lists (a site renamed or removed): no page can read them until a site has that
 * id again. Resolves with those ids, sorted. `log` gets each formatted line (default stderr).
 */
export async function warnOfMissingSites(
  store: CommentStore,
  siteIds: readonly string[],
  log: (line: string) => void = (line) => console.error(line),
): Promise<string[]> {
  const configured = new Set(siteIds);
  const missing = (await store.listSiteIds()).filter((id) => !configured.has(id));
  for (const site of missing) {
    log(
      formatLogLine(LogLevel.warn, {
        event: 'site_missing',
        msg: `Hearth: the database holds comments of site "${site}", which the configuration no longer lists; no page shows them. If the site was renamed, give it back its old id (sites[].id)`,
        site,
      }),
    );
  }
  return missing;
}
