import { fitBody, htmlToMarkdown, markdownSourceToMarkdown } from './html-to-markdown.js';
import type { ImportComment } from './import-item.js';

/**
 * A source body as Hearth stores it: HTML and source markdown converted to Hearth's markdown
 * (html-to-markdown.ts), a Hearth export's kept, then fitted to the body limit.
 */
export function toHearthBody(body: ImportComment['body']): { body: string; truncated: boolean } {
  switch (body.format) {
    case 'html':
      return fitBody(htmlToMarkdown(body.text));
    case 'markdown':
      return fitBody(markdownSourceToMarkdown(body.text));
    case 'hearth':
      return fitBody(body.text);
  }
}
