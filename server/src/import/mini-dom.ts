/**
 * The few DOM nodes turndown reads and writes (see turndown's collapseWhitespace, Node and
 * process, and markdown-turndown.ts's rules), built directly from clean HTML so turndown can
 * convert it without an HTML parser: siblings in a linked list (removal is constant time),
 * `childNodes` a fresh array each time it is read, `cloneNode` the node itself (a tree is
 * converted once). Text keeps its source form (`raw`) for serialising back to HTML.
 */
export abstract class MiniNode {
  parentNode: MiniElement | null = null;
  previousSibling: MiniNode | null = null;
  nextSibling: MiniNode | null = null;
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  abstract get textContent(): string;
}

/** A text node: `data` decoded, `raw` as the HTML had it (entities intact). */
export class MiniText extends MiniNode {
  readonly nodeType = 3;
  readonly nodeName = '#text';
  constructor(
    public data: string,
    public raw: string,
  ) {
    super();
  }
  get nodeValue(): string {
    return this.data;
  }
  set nodeValue(value: string) {
    this.data = value;
  }
  get textContent(): string {
    return this.data;
  }
}

/** An element of clean HTML, with decoded attributes and their raw forms. */
export class MiniElement extends MiniNode {
  readonly nodeType = 1;
  readonly nodeName: string;
  firstChild: MiniNode | null = null;
  lastChild: MiniNode | null = null;
  readonly attributes = new Map<string, { value: string; raw: string }>();
  #descendantNames: Set<string> | null = null;

  constructor(tagName: string) {
    super();
    this.nodeName = tagName.toUpperCase();
  }

  get childNodes(): MiniNode[] {
    const nodes: MiniNode[] = [];
    for (let node = this.firstChild; node; node = node.nextSibling) nodes.push(node);
    return nodes;
  }

  get textContent(): string {
    let text = '';
    for (let node = this.firstChild; node; node = node.nextSibling) text += node.textContent;
    return text;
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name)?.value ?? null;
  }

  setAttribute(name: string, value: string, raw: string): void {
    this.attributes.set(name, { value, raw });
  }

  appendChild(child: MiniNode): void {
    child.parentNode = this;
    child.previousSibling = this.lastChild;
    child.nextSibling = null;
    if (this.lastChild) this.lastChild.nextSibling = child;
    else this.firstChild = child;
    this.lastChild = child;
  }

  removeChild(child: MiniNode): MiniNode {
    if (child.previousSibling) child.previousSibling.nextSibling = child.nextSibling;
    else this.firstChild = child.nextSibling;
    if (child.nextSibling) child.nextSibling.previousSibling = child.previousSibling;
    else this.lastChild = child.previousSibling;
    child.parentNode = child.previousSibling = child.nextSibling = null;
    return child;
  }

  /** Only `.length` is read (turndown's `has`); the subtree's names are listed once. */
  getElementsByTagName(name: string): { length: number } {
    if (!this.#descendantNames) {
      this.#descendantNames = new Set();
      collectNames(this, this.#descendantNames);
    }
    return { length: this.#descendantNames.has(name.toUpperCase()) ? 1 : 0 };
  }

  /** Only a tag name is supported (`img`), which is all the rules ask. */
  querySelector(name: string): MiniElement | null {
    return this.getElementsByTagName(name).length > 0 ? this : null;
  }

  cloneNode(): this {
    return this;
  }
}

function collectNames(element: MiniElement, names: Set<string>): void {
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node instanceof MiniElement) {
      names.add(node.nodeName);
      collectNames(node, names);
    }
  }
}
