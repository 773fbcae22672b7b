import { createModuleLoader } from './lazy-module.js';
import type { RichText } from './rich-text.js';

/** Parses a comment body's markdown into the tree the widget renders. */
export type ParseMarkdown = (source: string) => RichText;

/**
 * Loads the markdown parser's chunk (src/internal/markdown/, a few KB gzip) once per page, for
 * whichever asks first: the thread, for bodies without a cached tree, or a composer's Preview.
 */
export const loadMarkdownParser = createModuleLoader(() =>
  import('./parse-markdown.js').then((module): ParseMarkdown => module.parseMarkdown),
);
