/** A claim on leadership among the tabs sharing a lock name. */
export interface Leadership {
  /** Gives leadership up (or stops waiting for it). */
  release(): void;
}

/**
 * Waits for the exclusive Web Lock `name` and calls `onLead` once this tab holds it; the
 * lock passes to the next waiting tab when this one releases it or closes. Where Web Locks
 * are missing every tab leads, which is safe (writes are idempotent), only less frugal.
 */
export function claimLeadership(name: string, onLead: () => void): Leadership {
  if (typeof navigator === 'undefined' || !navigator.locks) {
    queueMicrotask(onLead);
    return { release: () => undefined };
  }
  const abort = new AbortController();
  let release = (): void => abort.abort();
  navigator.locks
    .request(name, { mode: 'exclusive', signal: abort.signal }, () => {
      onLead();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    .catch(() => undefined);
  return { release: () => release() };
}
