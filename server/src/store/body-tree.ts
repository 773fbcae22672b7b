import { parseMarkdown } from '../../../src/internal/parse-markdown.js';
import { isPlainBody } from '../../../src/internal/plain-body.js';
import type { RichText } from '../../../src/internal/rich-text.js';
import type { Comment, FeedComment } from '../../../src/protocol/index.js';

let lastParsed: { body: string; tree: RichText } | null = null;

/**
 * A body's tree, as the widget's parser makes it. A post's body is asked for by the moderation
 * rules and then by the store, one after the other: it is parsed once.
 */
export function parseBody(body: string): RichText {
  if (lastParsed?.body !== body) lastParsed = { body, tree: parseMarkdown(body) };
  return lastParsed.tree;
}

/**
 * What a comment row keeps of its body's tree (`body_tree`), made whenever a body is written:
 * the tree as JSON for a body with markdown, '' for a plain one (the widget builds its tree
 * without the parser). A row written before trees were kept holds null.
 */
export function toBodyTreeColumn(body: string): string {
  return isPlainBody(body) ? '' : JSON.stringify(parseBody(body));
}

/** A comment as the feed sends it: with its body's tree where the row keeps one. */
export function toFeedComment(comment: Comment, bodyTree: string | null): FeedComment {
  return bodyTree ? { ...comment, bodyTree: JSON.parse(bodyTree) as RichText } : comment;
}
