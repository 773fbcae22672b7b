import { createInterface } from 'node:readline';
import { ImportSyntaxError } from '../import-item.js';
import { locateJsonErrorInText } from './json-error-position.js';
import { openSourceText, stripBom } from './source-text.js';

/** One non-blank line of a JSON lines file: its 1-based number and its value, or why it is not JSON. */
export type JsonLine =
  { line: number; ok: true; value: unknown } | { line: number; ok: false; error: string; column: number };

/**
 * Reads a JSON lines file (gzipped or not) one line at a time: memory holds one line, whatever
 * the file's size. Blank lines are passed over; a line that is not JSON is reported with the
 * column where it goes wrong, and reading goes on.
 */
export async function* readJsonLines(file: string): AsyncGenerator<JsonLine> {
  const text = await openSourceText(file);
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const read of lines) {
      number++;
      const line = number === 1 ? stripBom(read) : read;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        yield { line: number, ok: false, ...(await placeLineError(line, error.message)) };
        continue;
      }
      yield { line: number, ok: true, value };
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new ImportSyntaxError(`the gzip data is corrupt (${(error as Error).message})`, {
        line: number + 1,
        column: 1,
      });
    }
    throw error;
  } finally {
    lines.close();
    text.destroy();
  }
}

/** Why a line is not JSON and where: stream-json's verifier says it the same way for every line, V8's message does not. */
async function placeLineError(line: string, fallback: string): Promise<{ error: string; column: number }> {
  const located = await locateJsonErrorInText(line);
  if (!located) return { error: fallback, column: 1 };
  const error = located.atEnd ? `the line ends before its JSON does (${located.message})` : located.message;
  return { error, column: located.position.column };
}
