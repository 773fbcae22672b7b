import type { SourcePosition } from '../import-item.js';

// stream-json's tokens carry no positions. Every `{` and `[` outside a string opens exactly one
// container, and the parser emits startObject/startArray in text order, so the n-th container
// token opened at the n-th structural bracket this scanner saw: a queue pairs them. The parser
// tokenizes each chunk as far as it goes before the next is read, so the queue holds about one
// chunk's brackets at most.

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const openBracket = 0x5b;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const lineSeparator = 0x2028;
const paragraphSeparator = 0x2029;

/**
 * Tracks the line and column (1-based, in UTF-16 code units) of every structural `{` and `[`
 * of a JSON text read in chunks, for the container tokens that come out of the parser.
 */
export class JsonBracketPositions {
  #line = 1;
  #column = 1;
  #inString = false;
  #escaped = false;
  #afterReturn = false;
  #lines: number[] = [];
  #columns: number[] = [];
  #head = 0;

  /** Scans the next chunk of the text; call it before the parser sees that chunk. */
  scan(chunk: string): void {
    let line = this.#line;
    let column = this.#column;
    let inString = this.#inString;
    let escaped = this.#escaped;
    let afterReturn = this.#afterReturn;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (code === backslash) escaped = true;
        else if (code === quote) inString = false;
      } else if (code === quote) {
        inString = true;
      } else if (code === openBrace || code === openBracket) {
        this.#lines.push(line);
        this.#columns.push(column);
      }
      // Line ends as stream-json's verifier counts them, so both kinds of position agree.
      if (code === lineFeed) {
        if (!afterReturn) line++;
        column = 1;
      } else if (code === carriageReturn || code === lineSeparator || code === paragraphSeparator) {
        line++;
        column = 1;
      } else {
        column++;
      }
      afterReturn = code === carriageReturn;
    }
    this.#line = line;
    this.#column = column;
    this.#inString = inString;
    this.#escaped = escaped;
    this.#afterReturn = afterReturn;
  }

  /** Where the next container the parser opens starts. */
  nextOpening(): SourcePosition {
    if (this.#head >= this.#lines.length) return this.end();
    const position = { line: this.#lines[this.#head]!, column: this.#columns[this.#head]! };
    this.#head++;
    if (this.#head === this.#lines.length) {
      this.#lines.length = 0;
      this.#columns.length = 0;
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#lines.length) {
      this.#lines.splice(0, this.#head);
      this.#columns.splice(0, this.#head);
      this.#head = 0;
    }
    return position;
  }

  /** Where the text scanned so far ends. */
  end(): SourcePosition {
    return { line: this.#line, column: this.#column };
  }
}
