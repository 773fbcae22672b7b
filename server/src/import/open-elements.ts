import type { InlineFormat } from './clean-html-writer.js';
import { roleOf, scopeBoundaries, specialElements, type ElementRole } from './html-elements.js';

/** An element open in the source, as the reader tracks it (HTML's stack of open elements). */
export interface OpenElement {
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
  /** For an ordered list: the number the next item written as text shows; -1 for bullets. */
  nextNumber: number;
  /** For a row: how many cells it has had. */
  cells: number;
  /** Whether the output's code block is this element's. */
  isPre: boolean;
  /** Whether the element hides its content (script, style, …) or sits inside one that does. */
  isDropped: boolean;
}

/**
 * The stack of open elements, with what HTML's tree builder asks of it answered in constant
 * time: the nearest open element of a name (an index per name), and for each element the
 * nearest scope boundary, "special" element and list at or below it (kept as it is pushed).
 */
export class OpenElements {
  readonly #stack: OpenElement[] = [];
  readonly #byName = new Map<string, number[]>();

  get length(): number {
    return this.#stack.length;
  }

  /** The innermost open element. */
  top(): OpenElement | undefined {
    return this.#stack.at(-1);
  }

  at(index: number): OpenElement | undefined {
    return this.#stack[index];
  }

  /** The index of the innermost open element named `name`, or -1. */
  nearest(name: string): number {
    return this.#byName.get(name)?.at(-1) ?? -1;
  }

  /** Opens an element; `isDropped` when its content is hidden. */
  push(name: string, isDropped: boolean, nextNumber: number): OpenElement {
    const parent = this.top();
    const index = this.#stack.length;
    const role = roleOf(name);
    const entry: OpenElement = {
      name,
      role,
      nearestBoundary: scopeBoundaries.has(name) ? index : (parent?.nearestBoundary ?? -1),
      nearestSpecial: specialElements.has(name) ? index : (parent?.nearestSpecial ?? -1),
      nearestList: role === 'list' ? index : (parent?.nearestList ?? -1),
      format: null,
      isContainer: false,
      nextNumber,
      cells: 0,
      isPre: false,
      isDropped,
    };
    this.#stack.push(entry);
    let indices = this.#byName.get(name);
    if (!indices) this.#byName.set(name, (indices = []));
    indices.push(index);
    return entry;
  }

  /** Closes the innermost element. */
  pop(): OpenElement | undefined {
    const entry = this.#stack.pop();
    if (entry) this.#byName.get(entry.name)!.pop();
    return entry;
  }
}
