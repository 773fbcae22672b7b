/**
 * Where an Isso thread's id points. Isso names a thread by its page's path unless the page sets
 * `data-isso-id`, which may be any text: a path or an absolute http(s) URL is the page's address,
 * anything else is kept as the thread key itself.
 */
export function placeIssoThread(uri: string): { url: string | null; key?: string } {
  if (uri.startsWith('/') || /^https?:\/\//i.test(uri)) return { url: uri };
  return { url: null, key: uri };
}
