/** The URL fragment prefix of a link to one comment: `#comment-<id>`. */
const commentFragmentPrefix = '#comment-';

// Comment ids are UUIDs; anything else in the fragment is not a permalink of ours.
const idPattern = /^[0-9A-Za-z-]{1,64}$/;

/** The comment id a URL fragment (`location.hash`) links to, or null when it is no permalink. */
export function parseCommentHash(hash: string): string | null {
  if (!hash.startsWith(commentFragmentPrefix)) return null;
  let id: string;
  try {
    id = decodeURIComponent(hash.slice(commentFragmentPrefix.length));
  } catch {
    return null;
  }
  return idPattern.test(id) ? id : null;
}
