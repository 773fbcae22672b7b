import type { SaxesTagNS } from 'saxes';

// What the record builders share: capturing the text of the few elements a record needs, and
// reading a namespaced attribute.

/** The text of the one element it was started on, descendants' text included. */
export class TextCapture {
  #depth = -1;
  #text = '';

  /** Whether an element's text is being captured. */
  get isCapturing(): boolean {
    return this.#depth >= 0;
  }

  /** Starts capturing the text of the element opened at `depth`. */
  start(depth: number): void {
    this.#depth = depth;
    this.#text = '';
  }

  /** Adds text when capturing; ignores it otherwise (text the record does not need is not held). */
  append(text: string): void {
    if (this.#depth >= 0) this.#text += text;
  }

  /** The captured text when the element closing at `depth` is the one captured, else null. */
  finish(depth: number): string | null {
    if (depth !== this.#depth) return null;
    this.#depth = -1;
    const text = this.#text;
    this.#text = '';
    return text;
  }
}

/** The value of the attribute `local` in namespace `uri`, or null. */
export function readAttribute(tag: SaxesTagNS, uri: string, local: string): string | null {
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.uri === uri && attribute.local === local) return attribute.value;
  }
  return null;
}
