import { loadMarkdownParser, type ParseMarkdown } from '../../internal/load-markdown-parser.js';
import type { RichText, ThreadComment } from '../../internal/rich-text.js';
import { appendBlocks } from './rich-text-nodes.js';
import { warnInDev } from '../../internal/dev-warning.js';

/** Most bodies kept parsed; the map only spares re-parsing on re-renders. */
const parsedBodiesMax = 500;

/**
 * Most body nodes built in one task (a link counting 3) before the next body waits for a later
 * task: about 20 ms of DOM work on a laptop. A 1,000-comment thread of plain bodies is one such
 * task, of formatted ones three; twenty bodies at the length limit are seven, where they were
 * one task of about 100 ms (issue #12).
 */
const nodesPerTask = 4_000;

/**
 * Bodies longer than this skip layout while off screen, each sized by its length until first
 * laid out: the thread's conversations do already, but a first render sizes each conversation
 * at a guess, so a screenful of conversations holding bodies of 10,000 characters was all laid
 * out at once (about 50 ms).
 */
const longBodyChars = 2_000;
/** Characters to a line, for that guess. */
const lineChars = 60;

interface BuiltBody {
  body: string;
  isParsed: boolean;
  element: HTMLElement;
}

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
 *
 * Building is bounded per task, so no thread, however long its bodies, holds the host page's
 * main thread: once a task has built `nodesPerTask` nodes, the next bodies show their words as
 * plain text and are formatted in place by later tasks, in document order. A body is built whole,
 * so one task builds at most one body past the bound.
 */
export class CommentBodyRenderer {
  #onParserLoaded: () => void;
  #parseMarkdown: ParseMarkdown | null = null;
  #parsedBodies = new Map<string, RichText>();
  #built = new Map<string, BuiltBody>();
  /** Bodies shown plain until a later task formats them, in document order. */
  #waiting: Array<{ id: string; built: BuiltBody; tree: RichText }> = [];
  /** Nodes built in this task; a timer clears it once the task ends. */
  #nodesBuilt = 0;
  #nextTask: MessageChannel | null = null;

  constructor(onParserLoaded: () => void) {
    this.#onParserLoaded = onParserLoaded;
  }

  /** The comment's `[part~=comment-body]` element. */
  render = (comment: ThreadComment): HTMLElement => {
    const { id, body } = comment;
    const tree = comment.bodyTree ?? this.#parseBody(body);
    const kept = this.#built.get(id);
    if (kept?.body === body && kept.isParsed === (tree !== null)) return kept.element;
    const element = document.createElement('div');
    element.setAttribute('part', 'comment-body');
    element.className = 'rich-text';
    // A bidi isolate in the direction of its own text: a right-to-left comment reads right to left.
    element.dir = 'auto';
    if (body.length > longBodyChars) {
      element.style.contentVisibility = 'auto';
      element.style.containIntrinsicBlockSize = `auto ${Math.ceil(body.length / lineChars) * 1.5}em`;
    }
    const built = { body, isParsed: tree !== null, element };
    this.#built.set(id, built);
    if (tree && this.#nodesBuilt < nodesPerTask) this.#build(element, tree);
    else {
      const plain = element.appendChild(document.createElement('p'));
      plain.className = 'plain';
      plain.textContent = body;
      if (tree && this.#waiting.push({ id, built, tree }) === 1) this.#buildWaitingLater();
    }
    return element;
  };

  /** Forgets the bodies built: the element shows another thread. */
  reset(): void {
    this.#built.clear();
    this.#waiting = [];
  }

  #build(element: HTMLElement, tree: RichText): void {
    if (this.#nodesBuilt === 0) setTimeout(() => (this.#nodesBuilt = 0));
    if (!element.isConnected) {
      this.#nodesBuilt += appendBlocks(element, tree);
      return;
    }
    // Built apart and put in at once: appending node by node to a body on the page costs each
    // node the page's insertion steps.
    const fragment = document.createDocumentFragment();
    this.#nodesBuilt += appendBlocks(fragment, tree);
    element.replaceChildren(fragment);
  }

  /**
   * Formats waiting bodies in the next task. A message, not a timer: a chain of timers is slowed
   * to one every 4 ms after the fifth.
   */
  #buildWaitingLater(): void {
    this.#nextTask ??= new MessageChannel();
    this.#nextTask.port1.onmessage = this.#buildWaiting;
    this.#nextTask.port2.postMessage(null);
  }

  /** Formats waiting bodies, a task's worth; one replaced since is skipped. */
  #buildWaiting = (): void => {
    this.#nodesBuilt = 0;
    while (this.#waiting.length > 0 && this.#nodesBuilt < nodesPerTask) {
      const { id, built, tree } = this.#waiting.shift()!;
      if (this.#built.get(id) === built) this.#build(built.element, tree);
    }
    if (this.#waiting.length > 0) this.#buildWaitingLater();
  };

  #parseBody(body: string): RichText | null {
    if (!this.#parseMarkdown) {
      loadMarkdownParser().then(
        (parseMarkdown) => {
          this.#parseMarkdown = parseMarkdown;
          this.#onParserLoaded();
        },
        (error) => void warnInDev('markdown parser did not load', error),
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
