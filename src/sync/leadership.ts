/** A Web Lock this tab holds (or waits for) until it lets go or closes. */
export interface HeldLock {
  /** Lets the lock go (or stops waiting for it). */
  release(): void;
}

/**
 * Asks for the Web Lock `name` in `mode` and holds it until released; `onGranted` runs once
 * this tab holds it. The lock passes on when this tab releases it or closes (crashes too).
 * Where Web Locks are missing, `onGranted` runs at once and nothing is held.
 */
export function holdLock(name: string, mode: LockMode, onGranted: () => void = () => undefined): HeldLock {
  if (typeof navigator === 'undefined' || !navigator.locks) {
    queueMicrotask(onGranted);
    return { release: () => undefined };
  }
  const abort = new AbortController();
  let release = (): void => abort.abort();
  navigator.locks
    .request(name, { mode, signal: abort.signal }, () => {
      onGranted();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    // Releasing before the grant aborts the request: how a wait ends, not a failure.
    .catch(() => undefined);
  return { release: () => release() };
}

/**
 * Waits for the exclusive Web Lock `name` and calls `onLead` once this tab holds it; the
 * lock passes to the next waiting tab when this one releases it or closes. Where Web Locks
 * are missing every tab leads, which is safe (writes are idempotent), only less frugal.
 */
export function claimLeadership(name: string, onLead: () => void): HeldLock {
  return holdLock(name, 'exclusive', onLead);
}
