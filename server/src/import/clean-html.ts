import { decodeEntities } from '../../../src/internal/decode-entities.js';
import { toSafeHref } from '../../../src/internal/markdown/safe-href.js';
import { isWebUrl } from './link-targets.js';
import { limits } from '../../../src/protocol/limits.js';
import { BreakLevel, CleanHtmlWriter, maxContainerDepth, type InlineFormat } from './clean-html-writer.js';
import {
  breaksOutOfForeign,
  closesParagraph,
  roleOf,
  tableParts,
  voidElements,
  type ElementRole,
} from './html-elements.js';
import { tokenizeHtml, type HtmlTokenHandler, type TagAttributes } from './html-tokenizer.js';
import type { MiniElement } from './mini-dom.js';
import { OpenElements, type OpenElement } from './open-elements.js';

/**
 * Reading stops once this many characters of text are surely shown: the markdown is then
 * longer than twice a body's limit, and fitBody keeps less than half of it, so what follows
 * cannot change the body. It bounds turndown's work on a huge body.
 */
const textUnitsEnough = 2 * limits.bodyMaxChars;

const blockRoles = new Set<ElementRole>([
  'line',
  'paragraph',
  'heading',
  'quote',
  'list',
  'item',
  'pre',
  'row',
]);
const quoteOpen = '\u201c';
const quoteClose = '\u201d';

/** Whether a raw (entity-encoded) URL is one Hearth links to: absolute http(s) or mailto (for an image, http(s)). */
function isSafeRawUrl(raw: string | undefined, isImage = false): raw is string {
  const href = raw === undefined ? null : toSafeHref(decodeEntities(raw));
  return href !== null && (!isImage || isWebUrl(href));
}

/** Parses an ordered list's `start` as browsers do (leading digits, optional sign), within markdown's range. */
function readListStart(raw: string | undefined): number {
  const match = /^[\t\n\f\r ]*([+-]?)(\d+)/.exec(raw ?? '');
  if (!match) return 1;
  const value = Number(match[2]!.slice(0, 10));
  return match[1] === '-' ? 0 : Math.min(value, 999_999_999);
}

/**
 * Reads hostile HTML into a clean, shallow document for turndown (see CleanHtmlWriter): one
 * pass over the tokens, an explicit stack of open elements with HTML's implied end tags and
 * scopes approximated in constant time a tag, hidden elements dropped with their content, links
 * and images kept only for http(s) and mailto, and nesting that markdown cannot show flattened.
 * Work and output are linear in the input's length, whatever its nesting; reading stops once
 * `textUnitsEnough` characters are shown. `isDecodable`: no HTML parser is needed to decode it.
 *
 * Why not hand the HTML to turndown as it is: turndown recurses per element, and so does its
 * parser (domino). Measured on this machine: turndown threw a stack overflow between 1,000 and
 * 2,000 nested elements and took 0.2 to 1.2 s below that (its per-node `textContent` makes it
 * quadratic in depth); domino took 6.4 s and then overflowed on 10,000 nested `<div>`s.
 */
export function cleanHtml(html: string): { root: MiniElement; isDecodable: boolean } {
  const reader = new HtmlReader();
  tokenizeHtml(html, reader);
  return reader.finish();
}

/** The tokenizer's handler: HTML's tree construction, simplified, feeding a CleanHtmlWriter. */
class HtmlReader implements HtmlTokenHandler {
  readonly #writer = new CleanHtmlWriter();
  readonly #open = new OpenElements();
  #dropDepth = 0;
  #preDepth = 0;
  #isAfterPreStart = false;

  isDone(): boolean {
    return this.#writer.textUnits >= textUnitsEnough;
  }

  finish(): { root: MiniElement; isDecodable: boolean } {
    this.#popTo(0);
    return { root: this.#writer.finish(), isDecodable: this.#writer.isDecodable };
  }

  text(raw: string): void {
    const isFirstInPre = this.#isAfterPreStart;
    this.#isAfterPreStart = false;
    if (this.#dropDepth > 0) return;
    if (this.#preDepth === 0) {
      this.#writer.text(raw);
      return;
    }
    // xmp and plaintext hold raw text: their `&` is not a reference.
    const name = this.#open.top()?.name;
    const literal = name === 'xmp' || name === 'plaintext' ? raw.replace(/&/g, '&amp;') : raw;
    // As in HTML, a newline right after <pre> is not content.
    this.#writer.preText(isFirstInPre && literal.startsWith('\n') ? literal.slice(1) : literal);
  }

  startTag(rawName: string, attributes: TagAttributes, isSelfClosing: boolean): void {
    const name = rawName === 'image' ? 'img' : rawName;
    this.#isAfterPreStart = false;
    if (this.#isInForeign() && breaksOutOfForeign.has(name)) {
      this.#popTo(Math.max(this.#open.nearest('svg'), this.#open.nearest('math')));
    }
    if (voidElements.has(name)) {
      if (this.#dropDepth === 0) this.#writeVoid(name, attributes);
      return;
    }
    if (isSelfClosing && this.#isInForeign()) return;
    const role = roleOf(name);
    if (this.#dropDepth === 0 && this.#preDepth === 0) this.#closeImplied(name, role);
    const isDropped = this.#dropDepth > 0 || role === 'drop';
    const entry = this.#open.push(name, isDropped, name === 'ol' ? readListStart(attributes.start) : -1);
    if (isDropped) {
      if (role === 'drop') this.#dropDepth += 1;
    } else if (this.#preDepth > 0) {
      if (blockRoles.has(role)) this.#writer.preNewline();
    } else {
      this.#applyStart(entry, attributes);
    }
  }

  endTag(name: string): void {
    this.#isAfterPreStart = false;
    if (name === 'br') {
      if (this.#dropDepth === 0) this.#writer.lineBreak();
      return;
    }
    const index = this.#open.nearest(name);
    const current = this.#open.top();
    if (index < 0 || !current) {
      if (name === 'p' && this.#dropDepth === 0) this.#writer.boundary(BreakLevel.paragraph);
      return;
    }
    // An end tag closes its element only within the same scope (a cell, a table, a button).
    if (name === 'table') this.#popTo(index);
    else if (tableParts.has(name)) {
      if (index > this.#open.nearest('table')) this.#popTo(index);
    } else if (current.nearestBoundary <= index) this.#popTo(index);
  }

  #isInForeign(): boolean {
    return this.#open.nearest('svg') >= 0 || this.#open.nearest('math') >= 0;
  }

  #writeVoid(name: string, attributes: TagAttributes): void {
    if (name === 'br') {
      this.#writer.lineBreak();
    } else if (name === 'hr') {
      if (this.#preDepth === 0) this.#closeImplied(name, 'paragraph');
      this.#writer.rule();
    } else if (name === 'img' && this.#preDepth === 0) {
      if (isSafeRawUrl(attributes.src, true)) this.#writer.image(attributes.src, attributes.alt ?? '');
      else if (attributes.alt) this.#writer.text(attributes.alt);
    }
  }

  /** HTML's implied end tags, each a constant-time look at the stack. */
  #closeImplied(name: string, role: ElementRole): void {
    const open = this.#open;
    if (closesParagraph.has(name)) {
      const p = open.nearest('p');
      if (p >= 0 && p > open.top()!.nearestBoundary) this.#popTo(p);
    }
    const current = open.top();
    if (!current) return;
    if (role === 'item' || name === 'dd' || name === 'dt') {
      const sibling = role === 'item' ? open.nearest('li') : Math.max(open.nearest('dd'), open.nearest('dt'));
      if (sibling >= 0 && sibling > current.nearestSpecial) this.#popTo(sibling);
    } else if (role === 'cell' || name === 'tr') {
      const sibling = role === 'cell' ? Math.max(open.nearest('td'), open.nearest('th')) : open.nearest('tr');
      if (sibling >= 0 && sibling > open.nearest('table')) this.#popTo(sibling);
    } else if (role === 'link') {
      const link = open.nearest('a');
      if (link >= 0 && link > current.nearestBoundary) this.#popTo(link);
    } else if (role === 'heading' && roleOf(current.name) === 'heading') {
      this.#popTo(open.length - 1);
    }
  }

  #pushFormat(entry: OpenElement, kind: InlineFormat['kind'], href?: string): void {
    const desired = this.#writer.desired;
    if (desired.some((format) => format.kind === kind)) return;
    entry.format = href === undefined ? { kind } : { kind, href };
    desired.push(entry.format);
  }

  #popTo(index: number): void {
    while (this.#open.length > index) {
      const entry = this.#open.pop()!;
      if (entry.isDropped) {
        if (entry.role === 'drop') this.#dropDepth -= 1;
        continue;
      }
      if (entry.format) this.#writer.desired.pop();
      if (entry.isPre) {
        this.#writer.closePre();
        this.#preDepth -= 1;
      } else if (this.#preDepth > 0) {
        if (blockRoles.has(entry.role)) this.#writer.preNewline();
      } else {
        this.#applyEnd(entry);
      }
    }
  }

  #applyEnd(entry: OpenElement): void {
    const writer = this.#writer;
    switch (entry.role) {
      case 'line':
      case 'row':
        writer.boundary(BreakLevel.line);
        break;
      case 'paragraph':
      case 'heading':
        writer.boundary(BreakLevel.paragraph);
        break;
      case 'quote':
      case 'list':
      case 'item':
        if (entry.isContainer) writer.closeContainer();
        else writer.boundary(BreakLevel.paragraph);
        break;
      case 'quotation':
        writer.text(quoteClose);
        break;
      default:
        break;
    }
  }

  #applyStart(entry: OpenElement, attributes: TagAttributes): void {
    const writer = this.#writer;
    switch (entry.role) {
      case 'line':
      case 'row':
        writer.boundary(BreakLevel.line);
        break;
      case 'paragraph':
        writer.boundary(BreakLevel.paragraph);
        break;
      case 'heading':
        writer.boundary(BreakLevel.paragraph);
        this.#pushFormat(entry, 'strong');
        break;
      case 'quote':
        if (writer.containerDepth < maxContainerDepth) {
          writer.openQuote();
          entry.isContainer = true;
        } else writer.boundary(BreakLevel.paragraph);
        break;
      case 'list':
        if (writer.containerDepth < maxContainerDepth) {
          writer.openList(entry.name === 'ol', entry.name === 'ol' ? entry.nextNumber : 1);
          entry.isContainer = true;
        } else writer.boundary(BreakLevel.paragraph);
        break;
      case 'item':
        this.#startItem(entry);
        break;
      case 'pre':
        writer.openPre();
        entry.isPre = true;
        this.#preDepth += 1;
        this.#isAfterPreStart = true;
        break;
      case 'em':
      case 'strong':
      case 'del':
      case 'code':
        this.#pushFormat(entry, entry.role);
        break;
      case 'link':
        if (isSafeRawUrl(attributes.href)) this.#pushFormat(entry, 'a', attributes.href);
        break;
      case 'quotation':
        writer.text(quoteOpen);
        break;
      case 'cell': {
        const row = this.#open.nearest('tr');
        if (row >= 0 && row > this.#open.nearest('table') && this.#open.at(row)!.cells++ > 0)
          writer.text(' | ');
        if (entry.name === 'th') this.#pushFormat(entry, 'strong');
        break;
      }
      default:
        break;
    }
  }

  #startItem(entry: OpenElement): void {
    const writer = this.#writer;
    const list = entry.nearestList >= 0 ? this.#open.at(entry.nearestList) : undefined;
    if (list?.isContainer && writer.isInList() && writer.containerDepth < maxContainerDepth) {
      writer.openItem();
      entry.isContainer = true;
      return;
    }
    // An item markdown cannot nest this deep (or outside a list) keeps its marker as text.
    writer.boundary(BreakLevel.paragraph);
    const number = list && list.nextNumber >= 0 ? list.nextNumber++ : -1;
    writer.setPendingMarker(number >= 0 ? `${number}. ` : '- ');
  }
}
