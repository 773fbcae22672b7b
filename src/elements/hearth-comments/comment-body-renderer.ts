import { html } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { loadMarkdownParser, type ParseMarkdown } from '../../internal/load-markdown-parser.js';
import type { RichText, ThreadComment } from '../../internal/rich-text.js';
import { renderRichText } from './rich-text-template.js';

/** Most bodies kept parsed; the map only spares re-parsing on re-renders. */
const parsedBodiesMax = 500;

/**
 * Renders comment bodies from their cached trees. A body without one (an unsent write, or a
 * page whose parser failed to load) shows as plain text until the parser is here; then
 * `onParserLoaded` asks the element to render again, and the body is parsed here.
 */
export class CommentBodyRenderer {
  #onParserLoaded: () => void;
  #parseMarkdown: ParseMarkdown | null = null;
  #parsedBodies = new Map<string, RichText>();

  constructor(onParserLoaded: () => void) {
    this.#onParserLoaded = onParserLoaded;
  }

  render = (comment: ThreadComment): unknown => {
    const tree = comment.bodyTree ?? this.#parseBody(comment.body);
    return guard([tree ?? comment.body], () =>
      tree ? renderRichText(tree) : html`<p class="plain">${comment.body}</p>`,
    );
  };

  #parseBody(body: string): RichText | null {
    if (!this.#parseMarkdown) {
      loadMarkdownParser().then(
        (parseMarkdown) => {
          this.#parseMarkdown = parseMarkdown;
          this.#onParserLoaded();
        },
        () => undefined,
      );
      return null;
    }
    let tree = this.#parsedBodies.get(body);
    if (!tree) {
      if (this.#parsedBodies.size >= parsedBodiesMax) this.#parsedBodies.clear();
      tree = this.#parseMarkdown(body);
      this.#parsedBodies.set(body, tree);
    }
    return tree;
  }
}
