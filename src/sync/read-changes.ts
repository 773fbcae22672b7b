import { loadMarkdownParser } from '../internal/load-markdown-parser.js';
import { isPlainBody, toPlainBodyTree } from '../internal/plain-body.js';
import { readRichText } from '../internal/read-rich-text.js';
import type { ThreadComment } from '../internal/rich-text.js';
import { ChangesResponseSchema, type ChangesResponse } from '../protocol/changes.js';
import { warnInDev } from '../internal/dev-warning.js';

/**
 * How long parsing may hold the main thread before it lets the page run, in ms: a page of
 * long bodies is parsed over several tasks, none of them a long task (over 50 ms) on its own.
 */
const parseSliceMs = 10;

/** A page of the change feed, checked against the protocol, with every body parsed. */
export type ChangesPage = Omit<ChangesResponse, 'comments'> & { comments: ThreadComment[] };

/**
 * Checks a changes response against the protocol schema and gives each comment its body's
 * tree, so the tree is cached with the comment. Null when the response is unreadable, or
 * when a body needs the markdown parser and its chunk fails to load.
 *
 * This module is loaded while the request is in flight: zod stays off the path to a return
 * visit's first paint, which needs none. A body's tree is the one the server sent with it when
 * that is sound (the reference server sends one for every body with markdown), else the plain
 * tree of a body without markdown syntax, else the parser's: the parser (about 7 KB gzip) is
 * fetched only for a page holding a markdown body that came without a sound tree. Checking
 * trees, like parsing, is done a slice of time at a time.
 */
export async function readChangesPage(json: unknown): Promise<ChangesPage | null> {
  const parsed = ChangesResponseSchema.safeParse(json);
  if (!parsed.success) {
    warnInDev('unreadable changes response', parsed.error);
    return null;
  }
  const { comments, ...page } = parsed.data;
  // Asked for at once for a page with a markdown body the server sent no tree with; for an
  // unsound tree, only when it is met.
  let parser = comments.some(({ body, bodyTree }) => bodyTree === undefined && !isPlainBody(body))
    ? loadMarkdownParser().catch((error) => (warnInDev('markdown parser did not load', error), null))
    : null;
  const parsedComments: ThreadComment[] = [];
  let sliceStartedMs = performance.now();
  for (const comment of comments) {
    if (performance.now() - sliceStartedMs > parseSliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStartedMs = performance.now();
    }
    const { body } = comment;
    let bodyTree = readRichText(comment.bodyTree) ?? (isPlainBody(body) ? toPlainBodyTree(body) : null);
    if (!bodyTree) {
      const parseMarkdown = await (parser ??= loadMarkdownParser().catch(
        (error) => (warnInDev('markdown parser did not load', error), null),
      ));
      if (!parseMarkdown) return null;
      bodyTree = parseMarkdown(body);
    }
    parsedComments.push({ ...comment, bodyTree });
  }
  return { ...page, comments: parsedComments };
}
