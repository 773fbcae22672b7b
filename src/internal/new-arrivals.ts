/** What a comment needs for the arrival rules: its id and whether readers see it. */
export interface ArrivalCandidate {
  id: string;
  status: string;
}

/**
 * The ids of comments that arrived from other people since the reader last looked: shown now,
 * not shown before, published (not a tombstone), and not the reader's own. `previousIds` is
 * every id shown before, the reader's pending posts included (a post keeps its id when the
 * server stores it); null before the first sync, when everything is arriving and nothing is new.
 */
export function findNewArrivals(
  previousIds: ReadonlySet<string> | null,
  shown: readonly ArrivalCandidate[],
  ownIds: ReadonlySet<string>,
): string[] {
  if (previousIds === null) return [];
  return shown
    .filter(({ id, status }) => status === 'published' && !previousIds.has(id) && !ownIds.has(id))
    .map(({ id }) => id);
}
