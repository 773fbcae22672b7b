import type { SaxesParser } from 'saxes';
import { ImportSyntaxError, type SourcePosition } from '../import-item.js';

/** Longer than any entity name or character reference a document could mean. */
const maxEntityChars = 64;

/**
 * Writes chunks to saxes so that a bad `&` is reported where it stands. Saxes reads everything
 * from an `&` to the next `;` as the entity's name, however far that is, and only then fails, at
 * the `;` (or at the end of the file, having held all of it). So each chunk is written up to and
 * including each `&`, where saxes's position is that `&`'s, and an entity name that runs past
 * {@link maxEntityChars} ends the read there. This reads saxes's pending entity name, a private
 * field: were it to go, errors would only be reported where saxes reports them.
 */
export class AmpersandTracker {
  #position: SourcePosition | null = null;
  readonly #parser: SaxesParser<{ xmlns: true }>;

  constructor(parser: SaxesParser<{ xmlns: true }>) {
    this.#parser = parser;
  }

  /** Writes a chunk of the document to the parser. */
  write(chunk: string): void {
    let from = 0;
    for (let amp = chunk.indexOf('&'); amp >= 0; amp = chunk.indexOf('&', from)) {
      this.#parser.write(chunk.slice(from, amp + 1));
      // A pending name here means this `&` is part of an earlier one's runaway name.
      if (this.#readPendingEntity() === '')
        this.#position = { line: this.#parser.line, column: this.#parser.column };
      this.#checkRunaway();
      from = amp + 1;
    }
    if (from < chunk.length) this.#parser.write(chunk.slice(from));
    this.#checkRunaway();
  }

  /** Fails when the file ends inside an entity's name. */
  checkEnd(): void {
    if (this.#readPendingEntity() !== '') this.#fail();
  }

  /** The `&` an entity error is about, else null. */
  locateError(message: string): SourcePosition | null {
    return /entity/.test(message) ? this.#position : null;
  }

  #checkRunaway(): void {
    if (this.#readPendingEntity().length > maxEntityChars) this.#fail();
  }

  #fail(): never {
    const position = this.#position ?? { line: this.#parser.line, column: this.#parser.column };
    throw new ImportSyntaxError('an "&" that starts no entity (write it as &amp;)', position);
  }

  #readPendingEntity(): string {
    const pending: unknown = (this.#parser as unknown as { entity?: unknown }).entity;
    return typeof pending === 'string' ? pending : '';
  }
}
