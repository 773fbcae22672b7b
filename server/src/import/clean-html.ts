import { decodeEntities } from '../../../src/internal/decode-entities.js';
import { toSafeHref } from '../../../src/internal/markdown/safe-href.js';
import { limits } from '../../../src/protocol/limits.js';
import { BreakLevel, CleanHtmlWriter, maxContainerDepth, type InlineFormat } from './clean-html-writer.js';
import {
  breaksOutOfForeign,
  closesParagraph,
  roleOf,
  scopeBoundaries,
  specialElements,
  tableParts,
  voidElements,
  type ElementRole,
} from './html-elements.js';
import { tokenizeHtml, type TagAttributes } from './html-tokenizer.js';
import type { MiniElement } from './mini-dom.js';

/**
 * Reading stops once this many characters of text are surely shown: the markdown is then
 * longer than twice a body's limit, and fitBody keeps well under half of it, so what follows
 * cannot change the body. It bounds turndown's work on a huge body.
 */
export const textUnitsEnough = 2 * limits.bodyMaxChars;

/** An element open in the source, as the reader tracks it (HTML's stack of open elements). */
interface OpenElement {
  name: string;
  role: ElementRole;
  /** Index of the nearest scope boundary at or below this element, or -1. */
  nearestBoundary: number;
  /** Index of the nearest "special" element at or below this element, or -1. */
  nearestSpecial: number;
  /** Index of the nearest list (ul, ol, menu, dir) at or below this element, or -1. */
  nearestList: number;
  /** The format this element turned on, if any. */
  format: InlineFormat | null;
  /** Whether it opened a quote, list or item in the output. */
  isContainer: boolean;
  /** For an ordered list: the next number an item written as text shows; -1 for bullets. */
  nextNumber: number;
  /** For a row: how many cells it has had. */
  cells: number;
  /** Whether the output's code block is this element's. */
  isPre: boolean;
  /** Whether the element hides its content (script, style, …) or sits inside one that does. */
  isDropped: boolean;
}

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
const isBlockRole = (role: ElementRole): boolean => blockRoles.has(role);
const quoteOpen = '\u201c';
const quoteClose = '\u201d';

/** Whether a raw (entity-encoded) URL is one Hearth links to: absolute http(s) or mailto. */
function isSafeRawUrl(raw: string | undefined): raw is string {
  return raw !== undefined && toSafeHref(decodeEntities(raw)) !== null;
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
 */
export function cleanHtml(html: string): { root: MiniElement; isDecodable: boolean } {
  const writer = new CleanHtmlWriter();
  const stack: OpenElement[] = [];
  const byName = new Map<string, number[]>();
  let dropDepth = 0;
  let preDepth = 0;
  let isAfterPreStart = false;

  const nearest = (name: string): number => byName.get(name)?.at(-1) ?? -1;
  const top = (): OpenElement | undefined => stack.at(-1);
  const hasFormat = (kind: InlineFormat['kind']): boolean =>
    writer.desired.some((format) => format.kind === kind);

  const pushFormat = (entry: OpenElement, kind: InlineFormat['kind'], href?: string): void => {
    if (hasFormat(kind)) return;
    entry.format = href === undefined ? { kind } : { kind, href };
    writer.desired.push(entry.format);
  };

  const popTo = (index: number): void => {
    while (stack.length > index) {
      const entry = stack.pop()!;
      byName.get(entry.name)!.pop();
      if (entry.isDropped) {
        if (roleOf(entry.name) === 'drop') dropDepth -= 1;
        continue;
      }
      if (entry.format) writer.desired.pop();
      if (entry.isPre) {
        writer.closePre();
        preDepth -= 1;
        continue;
      }
      if (preDepth > 0) {
        if (isBlockRole(entry.role)) writer.preNewline();
        continue;
      }
      applyEnd(entry);
    }
  };

  const applyEnd = (entry: OpenElement): void => {
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
  };

  const applyStart = (entry: OpenElement, attributes: TagAttributes): void => {
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
        pushFormat(entry, 'strong');
        break;
      case 'quote':
        if (writer.containerDepth < maxContainerDepth) {
          writer.openQuote();
          entry.isContainer = true;
        } else writer.boundary(BreakLevel.paragraph);
        break;
      case 'list': {
        const isOrdered = entry.name === 'ol';
        const start = isOrdered ? readListStart(attributes.start) : 1;
        if (writer.containerDepth < maxContainerDepth) {
          writer.openList(isOrdered, start);
          entry.isContainer = true;
        } else writer.boundary(BreakLevel.paragraph);
        break;
      }
      case 'item': {
        const list = entry.nearestList >= 0 ? stack[entry.nearestList]! : undefined;
        if (list?.isContainer && writer.isInList() && writer.containerDepth < maxContainerDepth) {
          writer.openItem();
          entry.isContainer = true;
          break;
        }
        // An item markdown cannot nest this deep (or outside a list) keeps its marker as text.
        writer.boundary(BreakLevel.paragraph);
        const number = list && list.nextNumber >= 0 ? list.nextNumber++ : -1;
        writer.setPendingMarker(number >= 0 ? `${number}. ` : '- ');
        break;
      }
      case 'pre':
        writer.openPre();
        entry.isPre = true;
        preDepth += 1;
        isAfterPreStart = true;
        break;
      case 'em':
      case 'strong':
      case 'del':
      case 'code':
        pushFormat(entry, entry.role);
        break;
      case 'link':
        if (isSafeRawUrl(attributes.href)) pushFormat(entry, 'a', attributes.href);
        break;
      case 'quotation':
        writer.text(quoteOpen);
        break;
      case 'cell': {
        const row = nearest('tr');
        if (row >= 0 && row > nearest('table') && stack[row]!.cells++ > 0) writer.text(' | ');
        if (entry.name === 'th') pushFormat(entry, 'strong');
        break;
      }
      default:
        break;
    }
  };

  const push = (name: string, attributes: TagAttributes): void => {
    const parent = top();
    const index = stack.length;
    const role = roleOf(name);
    const isDropped = dropDepth > 0 || role === 'drop';
    const entry: OpenElement = {
      name,
      role,
      nearestBoundary: scopeBoundaries.has(name) ? index : (parent?.nearestBoundary ?? -1),
      nearestSpecial: specialElements.has(name) ? index : (parent?.nearestSpecial ?? -1),
      nearestList: role === 'list' ? index : (parent?.nearestList ?? -1),
      format: null,
      isContainer: false,
      nextNumber: name === 'ol' ? readListStart(attributes.start) : -1,
      cells: 0,
      isPre: false,
      isDropped,
    };
    stack.push(entry);
    let indices = byName.get(name);
    if (!indices) byName.set(name, (indices = []));
    indices.push(index);
    if (isDropped) {
      if (role === 'drop') dropDepth += 1;
      return;
    }
    if (preDepth > 0) {
      if (isBlockRole(role)) writer.preNewline();
      return;
    }
    applyStart(entry, attributes);
  };

  /** HTML's implied end tags, each a constant-time look at the stack. */
  const closeImplied = (name: string, role: ElementRole): void => {
    const current = top();
    if (!current) return;
    if (closesParagraph.has(name)) {
      const p = nearest('p');
      if (p >= 0 && p > current.nearestBoundary) popTo(p);
    }
    const after = top();
    if (!after) return;
    if (role === 'item' || name === 'dd' || name === 'dt') {
      const sibling = role === 'item' ? nearest('li') : Math.max(nearest('dd'), nearest('dt'));
      if (sibling >= 0 && sibling > after.nearestSpecial) popTo(sibling);
    } else if (role === 'cell' || name === 'tr') {
      const sibling = role === 'cell' ? Math.max(nearest('td'), nearest('th')) : nearest('tr');
      if (sibling >= 0 && sibling > nearest('table')) popTo(sibling);
    } else if (role === 'link') {
      const link = nearest('a');
      if (link >= 0 && link > after.nearestBoundary) popTo(link);
    } else if (role === 'heading' && roleOf(after.name) === 'heading') {
      popTo(stack.length - 1);
    }
  };

  const isInForeign = (): boolean => nearest('svg') >= 0 || nearest('math') >= 0;

  const startTag = (rawName: string, attributes: TagAttributes, isSelfClosing: boolean): void => {
    const name = rawName === 'image' ? 'img' : rawName;
    isAfterPreStart = false;
    if (isInForeign() && breaksOutOfForeign.has(name)) {
      popTo(Math.max(nearest('svg'), nearest('math')));
    }
    if (voidElements.has(name)) {
      if (dropDepth > 0) return;
      if (name === 'br') {
        writer.lineBreak();
      } else if (name === 'hr') {
        if (preDepth === 0) closeImplied(name, 'paragraph');
        writer.rule();
      } else if (name === 'img' && preDepth === 0) {
        if (isSafeRawUrl(attributes.src)) writer.image(attributes.src, attributes.alt ?? '');
        else if (attributes.alt) writer.text(attributes.alt);
      }
      return;
    }
    if (isSelfClosing && isInForeign()) return;
    const role = roleOf(name);
    if (dropDepth === 0 && preDepth === 0) closeImplied(name, role);
    push(name, attributes);
  };

  const endTag = (name: string): void => {
    isAfterPreStart = false;
    if (name === 'br') {
      if (dropDepth === 0) writer.lineBreak();
      return;
    }
    const index = nearest(name);
    const current = top();
    if (index < 0 || !current) {
      if (name === 'p' && dropDepth === 0) writer.boundary(BreakLevel.paragraph);
      return;
    }
    if (name === 'table') popTo(index);
    else if (tableParts.has(name)) {
      if (index > nearest('table')) popTo(index);
    } else if (current.nearestBoundary <= index) popTo(index);
  };

  const text = (raw: string): void => {
    const isFirstInPre = isAfterPreStart;
    isAfterPreStart = false;
    if (dropDepth > 0) return;
    if (preDepth > 0) {
      const literal = preLiteral() ? raw.replace(/&/g, '&amp;') : raw;
      writer.preText(isFirstInPre && literal.startsWith('\n') ? literal.slice(1) : literal);
      return;
    }
    writer.text(raw);
  };

  // xmp and plaintext hold raw text: their entities are not references.
  const preLiteral = (): boolean => {
    const current = top();
    return current !== undefined && (current.name === 'xmp' || current.name === 'plaintext');
  };

  const isDone = (): boolean => writer.textUnits >= textUnitsEnough;
  tokenizeHtml(html, { text, startTag, endTag, isDone });
  popTo(0);
  return { root: writer.finish(), isDecodable: writer.isDecodable };
}
