import { loadMarkdownParser, type ParseMarkdown } from '../../internal/load-markdown-parser.js';
import type { RichText, ThreadComment } from '../../internal/rich-text.js';
import { appendBlocks } from './rich-text-nodes.js';

/** Most bodies kept parsed; the map only spares re-parsing on re-renders. */
const parsedBodiesMax = 500;

/**
 * Renders comment bodies from their cached trees. A body without one (an unsent write, or a
 * page whose parser failed to load) shows as plain text until the parser is here; then
 * `onParserLoaded` asks the element to render again, and the body is parsed here.
 *
 * Each comment's body element is built once and kept by comment id while its words stay the
 * same, so a re-render hands Lit the same node and Lit leaves it be: a new copy of the comment
 * (a vote, a write's next state, the outbox read again) keeps the reader's selection and the
 * element's identity. Kept per comment, not per tree: two comments with the same words share a
 * parsed tree, and one node cannot stand in two places.
 */
export class CommentBodyRenderer {
  #onParserLoaded: () => void;
  #parseMarkdown: ParseMarkdown | null = null;
  #parsedBodies = new Map<string, RichText>();
  #built = new Map<string, { body: string; isParsed: boolean; element: HTMLElement }>();

  constructor(onParserLoaded: () => void) {
    this.#onParserLoaded = onParserLoaded;
  }

  /** The comment's `[part~=comment-body]` element. */
  render = (comment: ThreadComment): HTMLElement => {
    const { id, body } = comment;
    const tree = comment.bodyTree ?? this.#parseBody(body);
    const built = this.#built.get(id);
    if (built?.body === body && built.isParsed === (tree !== null)) return built.element;
    const element = document.createElement('div');
    element.setAttribute('part', 'comment-body');
    element.className = 'rich-text';
    // A bidi isolate in the direction of its own text: a right-to-left comment reads right to left.
    element.dir = 'auto';
    if (tree) appendBlocks(element, tree);
    else {
      const plain = element.appendChild(document.createElement('p'));
      plain.className = 'plain';
      plain.textContent = body;
    }
    this.#built.set(id, { body, isParsed: tree !== null, element });
    return element;
  };

  /** Forgets the bodies built: the element shows another thread. */
  reset(): void {
    this.#built.clear();
  }

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
