import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { ImportSyntaxError, type SourcePosition } from '../import-item.js';
import { flushStage } from './json-end-of-input.js';
import { locateJsonError } from './json-error-position.js';
import { JsonBracketPositions } from './json-positions.js';
import { openSourceText, stripBom } from './source-text.js';

/** Where a value sits in the document: object keys and array indexes from the root down. */
export type JsonPath = readonly (string | number)[];

/**
 * What to do with the value at a path: `enter` a container (an `open` event, its children's
 * paths asked in turn, a `close` event), `take` it whole as one `value` event (assembled in
 * memory: for records), or `skip` it unread. A scalar asked to be entered is taken.
 */
export type JsonSelection = 'enter' | 'take' | 'skip';

/** What walking a JSON document reports, in document order. */
export type JsonEvent =
  | { type: 'open'; path: JsonPath; container: 'object' | 'array'; position: SourcePosition }
  | { type: 'close'; path: JsonPath; container: 'object' | 'array' }
  /** A taken value; `position` is where it starts, or for a scalar where its container starts. */
  | { type: 'value'; path: JsonPath; value: unknown; position: SourcePosition };

interface Frame {
  container: 'object' | 'array';
  key: string | number;
  position: SourcePosition;
}

/** The deepest nesting the parser accepts: deeper input is refused, never recursed into. */
const maxDepth = 256;

/**
 * Streams the JSON document in `file` (gzipped or not), reporting only what `select` asks for:
 * memory holds the open containers' path and the value being taken, whatever the file's size.
 * A document that does not parse throws {@link ImportSyntaxError} with the line and column
 * where it goes wrong.
 */
export async function* walkJsonFile(
  file: string,
  select: (path: JsonPath) => JsonSelection,
): AsyncGenerator<JsonEvent> {
  const text = await openSourceText(file);
  const positions = new JsonBracketPositions();
  const walker = new TokenWalker(select, positions);
  const parse = jsonParser({ packValues: true, streamValues: false, maxDepth });
  let first = true;
  try {
    for await (const read of text as AsyncIterable<string>) {
      const chunk = first ? stripBom(read) : read;
      first = false;
      positions.scan(chunk);
      for (const token of await tokensOf(() => parse(chunk), file, positions)) walker.consume(token);
      yield* walker.takeEvents();
    }
    for (const token of await tokensOf(() => flushStage(parse), file, positions)) walker.consume(token);
    yield* walker.takeEvents();
  } catch (error) {
    if (isUnreadableGzip(error)) {
      throw new ImportSyntaxError(`the gzip data is corrupt (${(error as Error).message})`, positions.end());
    }
    throw error;
  } finally {
    text.destroy();
  }
  if (!walker.isComplete()) {
    throw new ImportSyntaxError('the file ends before its JSON document does', positions.end());
  }
}

/** The tokens `parse` gives, or the syntax error it meets, placed. */
async function tokensOf(
  parse: () => ReturnType<ReturnType<typeof jsonParser>>,
  file: string,
  positions: JsonBracketPositions,
): Promise<Token[]> {
  try {
    const parsed = parse();
    return typeof parsed === 'symbol' ? [] : parsed.values;
  } catch (error) {
    throw await syntaxErrorAt(file, error, positions.end());
  }
}

/** The syntax error for a parser's `error`, placed exactly by a second, verifying read. */
async function syntaxErrorAt(file: string, error: unknown, fallback: SourcePosition): Promise<Error> {
  const message = error instanceof Error ? error.message : String(error);
  const located = await locateJsonError(file, { maxDepth });
  if (located?.atEnd) {
    return new ImportSyntaxError(
      `the file ends before its JSON document does (${located.message})`,
      located.position,
    );
  }
  if (located) return new ImportSyntaxError(`not valid JSON: ${located.message}`, located.position);
  return new ImportSyntaxError(`not valid JSON: ${message}`, fallback);
}

function isUnreadableGzip(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Turns the parser's packed tokens into the events `select` asks for. */
class TokenWalker {
  #stack: Frame[] = [];
  #events: JsonEvent[] = [];
  #taking: { asm: Assembler; path: JsonPath; position: SourcePosition } | null = null;
  #skipDepth = 0;
  #rootDone = false;

  constructor(
    readonly select: (path: JsonPath) => JsonSelection,
    readonly positions: JsonBracketPositions,
  ) {}

  /** The events found since the last call. */
  takeEvents(): JsonEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  /** Whether a whole root value was read. */
  isComplete(): boolean {
    return this.#rootDone;
  }

  consume(token: Token): void {
    const opens = token.name === 'startObject' || token.name === 'startArray';
    const closes = token.name === 'endObject' || token.name === 'endArray';
    const position = opens ? this.positions.nextOpening() : null;
    if (this.#taking) {
      const taking = this.#taking;
      taking.asm.consume(token);
      if (taking.asm.done) {
        this.#taking = null;
        this.#events.push({
          type: 'value',
          path: taking.path,
          value: taking.asm.current,
          position: taking.position,
        });
        this.#advance();
      }
      return;
    }
    if (this.#skipDepth > 0) {
      if (opens) this.#skipDepth++;
      else if (closes && --this.#skipDepth === 0) this.#advance();
      return;
    }
    if (token.name === 'keyValue') {
      const top = this.#stack[this.#stack.length - 1];
      if (top) top.key = token.value;
      return;
    }
    if (closes) {
      const frame = this.#stack.pop();
      if (frame) this.#events.push({ type: 'close', path: this.#path(), container: frame.container });
      this.#advance();
      return;
    }
    const path = this.#path();
    const selection = this.select(path);
    if (opens && position) {
      const container = token.name === 'startObject' ? 'object' : 'array';
      if (selection === 'enter') {
        this.#events.push({ type: 'open', path, container, position });
        this.#stack.push({ container, key: container === 'array' ? 0 : '', position });
      } else if (selection === 'take') {
        this.#taking = { asm: new Assembler().consume(token), path, position };
      } else {
        this.#skipDepth = 1;
      }
      return;
    }
    if (selection !== 'skip') {
      const top = this.#stack[this.#stack.length - 1];
      const where = top?.position ?? this.positions.end();
      this.#events.push({ type: 'value', path, value: scalarOf(token), position: where });
    }
    this.#advance();
  }

  #path(): (string | number)[] {
    return this.#stack.map((frame) => frame.key);
  }

  /** Moves past a finished value: the next index in an array, the end of the document at the root. */
  #advance(): void {
    const top = this.#stack[this.#stack.length - 1];
    if (!top) this.#rootDone = true;
    else if (top.container === 'array') top.key = (top.key as number) + 1;
  }
}

function scalarOf(token: Token): unknown {
  switch (token.name) {
    case 'stringValue':
      return token.value;
    case 'numberValue':
      return Number(token.value);
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      return null;
  }
}
