/**
 * Whether any tab holds or waits for the Web Lock `name` (see leadership.ts's `holdLock`).
 * True where Web Locks are missing: then nothing can tell, and every tab leads for itself.
 */
export async function isLockWanted(name: string): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.locks) return true;
  const { held = [], pending = [] } = await navigator.locks.query();
  return [...held, ...pending].some((lock) => lock.name === name);
}
