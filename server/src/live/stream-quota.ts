/**
 * Counts the event streams open per client network in this process, so one client cannot hold
 * thousands of connections (and their memory and file descriptors) open.
 */
export interface StreamQuota {
  /**
   * Counts one more stream for `network` and returns the function that gives it back (safe to
   * call more than once), or null when `network` already holds the most allowed.
   */
  tryOpen(network: string): (() => void) | null;
  /** How many streams `network` holds now. */
  countOpen(network: string): number;
}

/** A quota of `maxPerNetwork` streams per network, kept in memory: each process counts its own. */
export function createStreamQuota(maxPerNetwork: number): StreamQuota {
  const open = new Map<string, number>();
  return {
    tryOpen(network) {
      const count = open.get(network) ?? 0;
      if (count >= maxPerNetwork) return null;
      open.set(network, count + 1);
      let isReleased = false;
      return () => {
        if (isReleased) return;
        isReleased = true;
        const left = (open.get(network) ?? 1) - 1;
        // Dropping empty entries keeps the map as small as the set of clients streaming now.
        if (left > 0) open.set(network, left);
        else open.delete(network);
      };
    },
    countOpen: (network) => open.get(network) ?? 0,
  };
}
