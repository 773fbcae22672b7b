/**
 * Wraps a dynamic import so that it is fetched once per page, however many callers ask, and a
 * failed fetch (offline with a cold cache) is tried again on the next call instead of being
 * remembered.
 */
export function createModuleLoader<T>(importModule: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= importModule().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}
