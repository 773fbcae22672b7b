import { decodeHtmlText } from './html-entities.js';
import { MiniElement, MiniText } from './mini-dom.js';

/** An inline format the reader wants applied to the text it is inside (`a` carries its raw href). */
export interface InlineFormat {
  kind: 'em' | 'strong' | 'del' | 'code' | 'a';
  href?: string;
}

/** How strongly a block boundary separates what comes before it from what comes after. */
export const BreakLevel = { none: 0, line: 1, paragraph: 2 } as const;
export type BreakLevel = (typeof BreakLevel)[keyof typeof BreakLevel];

interface Container {
  kind: 'quote' | 'list' | 'item';
  element: MiniElement;
  /** An item opened for content that sat in a list outside any `<li>`. */
  isImplicit: boolean;
  /** What the last block written in this container was, to tell adjacent lists apart. */
  lastBlock: string;
}

/** Containers (quotes and list items) nest at most this deep: Hearth's parser opens no more. */
export const maxContainerDepth = 8;

// A text ending in `&` and letters or digits could make a different character reference
// with the text that follows it: HTML would read them apart, so they stay apart.
function endsInReferenceStart(raw: string): boolean {
  let at = raw.length;
  while (at > 0 && /[#\dA-Za-z]/.test(raw[at - 1]!)) at -= 1;
  return at > 0 && raw[at - 1] === '&';
}

/**
 * Builds the clean, shallow document that turndown converts (as MiniDom nodes): paragraphs,
 * line breaks, quotes and lists (at most 8 containers deep), code blocks, rules, and inline em,
 * strong, del, code, links and images, never an inline element around a block. Generic blocks
 * (div, table rows, headings' edges) become paragraph or line breaks instead of elements, so
 * the tree's depth is bounded whatever the input's. Paragraphs open when content arrives, so
 * none is empty. Text and attributes are decoded when a small table can (`isDecodable`);
 * otherwise the document is serialised and parsed by turndown's own HTML parser.
 */
export class CleanHtmlWriter {
  /** The formats the reader wants now, outermost first; the reader owns and mutates it. */
  readonly desired: InlineFormat[] = [];
  /** Whether every text and attribute was decoded here, so no HTML parser is needed. */
  isDecodable = true;
  /** Units of text written (a reference counts one), to stop reading once enough is known. */
  textUnits = 0;
  readonly #root = new MiniElement('x-turndown');
  #current = this.#root;
  #open: { format: InlineFormat; element: MiniElement }[] = [];
  #containers: Container[] = [];
  #containerDepth = 0;
  #rootLastBlock = '';
  #paragraph: MiniElement | null = null;
  #pending: BreakLevel = BreakLevel.none;
  #breakRun = 0;
  #pre: MiniElement | null = null;
  #isPreAtLineStart = true;
  #isTextSplit = false;
  #pendingMarker = '';

  /** How many quotes and list items are open. */
  get containerDepth(): number {
    return this.#containerDepth;
  }

  /** Text (raw HTML) that the next content starts with, such as a list item's marker. */
  setPendingMarker(marker: string): void {
    this.#pendingMarker = marker;
  }

  /** Raw HTML text. Whitespace alone opens no paragraph. */
  text(raw: string): void {
    if (this.#pre) {
      this.preText(raw);
      return;
    }
    if (/^[\t\n\f\r ]*$/.test(raw)) {
      if (!this.#paragraph || this.#pending !== BreakLevel.none) return;
      this.#syncInline(false);
      this.#appendText(raw);
      return;
    }
    this.#startContent();
    this.#syncInline(true);
    this.#appendText(raw);
    this.#breakRun = 0;
  }

  /** A `<br>`: a line break; a second one in a row is a paragraph break. */
  lineBreak(): void {
    if (this.#pre) {
      this.#appendPre('\n');
      return;
    }
    if (!this.#paragraph || this.#pending === BreakLevel.paragraph) return;
    if (this.#breakRun > 0 || this.#pending === BreakLevel.line) {
      this.#pending = BreakLevel.paragraph;
      return;
    }
    this.#syncInline(false);
    this.#closeCode();
    this.#appendVoid('br');
    this.#breakRun = 1;
  }

  /** An image that may be linked to (the caller has checked its address). */
  image(rawSrc: string, rawAlt: string): void {
    if (this.#pre) return;
    this.#startContent();
    this.#syncInline(true);
    this.#closeCode();
    this.#appendVoid('img', { src: rawSrc, alt: rawAlt });
    this.textUnits += 1;
    this.#breakRun = 0;
  }

  /** A thematic break. */
  rule(): void {
    if (this.#pre) {
      this.preNewline();
      return;
    }
    this.#startBlock('hr');
    this.#appendVoid('hr');
    this.textUnits += 1;
  }

  /** A block boundary: what follows starts a new line or paragraph, if anything follows. */
  boundary(level: BreakLevel): void {
    if (this.#pre) this.preNewline();
    else if (this.#paragraph && level > this.#pending) this.#pending = level;
  }

  /** Opens a quote (the caller checks the depth). */
  openQuote(): void {
    this.#startBlock('quote');
    this.#pushContainer('quote', this.#enter('blockquote'));
  }

  /** Opens a list; `start` is the first number of an ordered one. */
  openList(isOrdered: boolean, start: number): void {
    const previous = this.#lastBlock();
    const kind = isOrdered ? 'ol' : 'ul';
    const markers = isOrdered ? ['.', ')'] : ['-', '*'];
    // Two lists in a row would read as one in markdown: the second takes the other marker.
    const marker = previous === `${kind}${markers[0]}` ? markers[1]! : markers[0]!;
    this.#startBlock(`${kind}${marker}`);
    const attributes: Record<string, string> = { 'data-marker': marker };
    if (isOrdered && start !== 1) attributes.start = String(start);
    this.#pushContainer('list', this.#enter(kind, attributes));
  }

  /** Whether the innermost open container is a list, so an `<li>` can be its item. */
  isInList(): boolean {
    const top = this.#containers.at(-1);
    return top?.kind === 'list' || (top?.kind === 'item' && top.isImplicit);
  }

  /** Opens a list item in the innermost list (closing an implicit one). */
  openItem(): void {
    this.#closeParagraph();
    if (this.#containers.at(-1)?.isImplicit) this.#popContainer();
    this.#pushContainer('item', this.#enter('li'));
  }

  /** Closes the innermost container the reader opened (and implicit items inside it). */
  closeContainer(): void {
    this.#closeParagraph();
    this.closePre();
    while (this.#containers.at(-1)?.isImplicit) this.#popContainer();
    this.#popContainer();
  }

  /** Opens a code block: until `closePre`, text is kept as it is. */
  openPre(): void {
    this.#startBlock('pre');
    this.#pre = this.#enter('pre');
    this.#isPreAtLineStart = true;
  }

  /** Raw text inside a code block. */
  preText(raw: string): void {
    if (raw !== '') this.#appendPre(raw);
  }

  /** A line end inside a code block, unless one was just written. */
  preNewline(): void {
    if (!this.#isPreAtLineStart) this.#appendPre('\n');
  }

  /** Closes the code block. */
  closePre(): void {
    if (!this.#pre) return;
    this.#exit(this.#pre);
    this.#pre = null;
  }

  /** The clean document, everything closed: the root of its nodes. */
  finish(): MiniElement {
    this.#closeParagraph();
    this.closePre();
    while (this.#containers.length > 0) this.#popContainer();
    return this.#root;
  }

  #enter(tagName: string, attributes?: Record<string, string>): MiniElement {
    const element = this.#appendVoid(tagName, attributes);
    this.#current = element;
    return element;
  }

  #exit(element: MiniElement): void {
    this.#current = element.parentNode ?? this.#root;
    this.#isTextSplit = false;
  }

  #appendVoid(tagName: string, attributes?: Record<string, string>): MiniElement {
    const element = new MiniElement(tagName);
    for (const [name, raw] of Object.entries(attributes ?? {})) {
      const value = decodeHtmlText(raw);
      if (value === null) this.isDecodable = false;
      element.setAttribute(name, value ?? raw, raw);
    }
    this.#current.appendChild(element);
    this.#isTextSplit = false;
    return element;
  }

  #appendText(raw: string): void {
    const data = decodeHtmlText(raw);
    if (data === null) this.isDecodable = false;
    const last = this.#current.lastChild;
    if (last instanceof MiniText && !this.#isTextSplit) {
      last.raw += raw;
      last.data += data ?? raw;
    } else {
      this.#current.appendChild(new MiniText(data ?? raw, raw));
    }
    this.#isTextSplit = endsInReferenceStart(raw);
    this.textUnits += countTextUnits(raw);
  }

  #appendPre(raw: string): void {
    this.#appendText(raw);
    this.#isPreAtLineStart = raw.endsWith('\n');
  }

  /** Makes a paragraph ready for content: opens one, or applies a pending break. */
  #startContent(): void {
    if (!this.#paragraph) {
      this.#startBlock('p');
      this.#paragraph = this.#enter('p');
      this.#breakRun = 0;
    } else if (this.#pending === BreakLevel.paragraph) {
      this.#syncInline(false, true);
      this.#exit(this.#paragraph);
      this.#paragraph = this.#enter('p');
      this.#breakRun = 0;
    } else if (this.#pending === BreakLevel.line) {
      this.#syncInline(false);
      this.#closeCode();
      this.#appendVoid('br');
    }
    this.#pending = BreakLevel.none;
    if (this.#pendingMarker !== '') {
      const marker = this.#pendingMarker;
      this.#pendingMarker = '';
      this.#syncInline(false, true);
      this.#appendText(marker);
    }
  }

  /** Closes the open paragraph, and opens an implicit item when a block lands in a bare list. */
  #startBlock(kind: string): void {
    this.#closeParagraph();
    if (this.#containers.at(-1)?.kind === 'list') this.#pushContainer('item', this.#enter('li'), true);
    const top = this.#containers.at(-1);
    if (top) top.lastBlock = kind;
    else this.#rootLastBlock = kind;
  }

  #lastBlock(): string {
    const top = this.#containers.at(-1);
    return top ? top.lastBlock : this.#rootLastBlock;
  }

  #closeParagraph(): void {
    this.#syncInline(false, true);
    if (this.#paragraph) this.#exit(this.#paragraph);
    this.#paragraph = null;
    this.#pending = BreakLevel.none;
  }

  #pushContainer(kind: Container['kind'], element: MiniElement, isImplicit = false): void {
    this.#containers.push({ kind, element, isImplicit, lastBlock: '' });
    if (kind !== 'list') this.#containerDepth += 1;
  }

  #popContainer(): void {
    this.#closeParagraph();
    this.closePre();
    const container = this.#containers.pop();
    if (!container) return;
    if (container.kind !== 'list') this.#containerDepth -= 1;
    this.#exit(container.element);
  }

  /** Closes an open code span: a line break or image cannot sit inside one. */
  #closeCode(): void {
    if (this.#open.at(-1)?.format.kind === 'code') this.#closeInline(this.#open.length - 1);
  }

  /**
   * Brings the open inline elements in line with `desired` (code innermost): closes those that
   * differ, and opens the missing ones when `shouldOpen`; `closeAll` closes every one.
   */
  #syncInline(shouldOpen: boolean, closeAll = false): void {
    const wanted = closeAll ? [] : orderFormats(this.desired);
    let common = 0;
    while (
      common < this.#open.length &&
      common < wanted.length &&
      isSameFormat(this.#open[common]!.format, wanted[common]!)
    ) {
      common += 1;
    }
    this.#closeInline(common);
    if (!shouldOpen) return;
    for (const format of wanted.slice(common)) {
      const element = this.#enter(format.kind, format.kind === 'a' ? { href: format.href ?? '' } : undefined);
      this.#open.push({ format, element });
    }
  }

  #closeInline(keep: number): void {
    while (this.#open.length > keep) this.#exit(this.#open.pop()!.element);
  }
}

/** Two adjacent `<em>`s (or links to one address) are one element to a reader. */
function isSameFormat(a: InlineFormat, b: InlineFormat): boolean {
  return a.kind === b.kind && a.href === b.href;
}

/** The formats in nesting order, code innermost: a code span can hold nothing else. */
function orderFormats(desired: readonly InlineFormat[]): readonly InlineFormat[] {
  const codeAt = desired.findIndex((format) => format.kind === 'code');
  if (codeAt < 0 || codeAt === desired.length - 1) return desired;
  return [...desired.slice(0, codeAt), ...desired.slice(codeAt + 1), desired[codeAt]!];
}

const reference = /&[#\dA-Za-z]{1,40};/y;

/** A lower bound on the characters `raw` shows: non-space characters, a reference counting one. */
function countTextUnits(raw: string): number {
  let units = 0;
  for (let at = 0; at < raw.length; at += 1) {
    const char = raw[at]!;
    if (char === '&') {
      reference.lastIndex = at;
      if (reference.test(raw)) at = reference.lastIndex - 1;
      units += 1;
    } else if (char !== ' ' && char !== '\n' && char !== '\t' && char !== '\r' && char !== '\f') {
      units += 1;
    }
  }
  return units;
}
