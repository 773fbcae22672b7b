import type { Comment } from '../protocol/comment.js';

/**
 * A comment body parsed from markdown into the few constructs Hearth renders. It is plain,
 * structured-clonable data, cached in IndexedDB beside the comment so a return visit renders
 * without loading or running the parser. Text is always text: no node holds markup.
 */
export type RichText = RichBlock[];

/** A block: paragraph, code block, quote, list or rule. Headings arrive as bold paragraphs. */
export type RichBlock =
  | { t: 'p'; c: RichInline[] }
  | { t: 'pre'; v: string }
  | { t: 'quote'; c: RichBlock[] }
  | { t: 'ul'; items: RichBlock[][] }
  | { t: 'ol'; start: number; items: RichBlock[][] }
  | { t: 'hr' };

/** Inline content: text, emphasis, strong, strikethrough, code, a link or a line break. */
export type RichInline =
  | string
  | { t: 'em' | 'strong' | 'del'; c: RichInline[] }
  | { t: 'code'; v: string }
  | { t: 'a'; href: string; c: RichInline[] }
  | { t: 'br' };

/** A comment as the widget holds it: the wire object plus its parsed body, when parsed. */
export type ThreadComment = Comment & { bodyTree?: RichText };

/** The schemes a link may use; anything else renders as text. */
const safeLinkPattern = /^(?:https?:\/\/|mailto:)/i;

/** Whether an href (already normalised by `toSafeHref`) may be rendered as a link. */
export function isSafeHref(href: string): boolean {
  return safeLinkPattern.test(href);
}
