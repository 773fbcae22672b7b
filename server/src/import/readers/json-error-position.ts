import { jsonVerifier } from 'stream-json/utils/verifier.js';
import type { SourcePosition } from '../import-item.js';
import { flushStage } from './json-end-of-input.js';
import { openSourceText, stripBom } from './source-text.js';

/** Where a JSON text goes wrong and why, as stream-json's verifier says. */
export interface JsonErrorLocation {
  message: string;
  position: SourcePosition;
  /** The text stops where more was expected: the file is cut short. */
  atEnd: boolean;
}

/**
 * Reads `file` again with stream-json's verifier, which tracks lines and columns the parser
 * does not, to place the error the parser found. Null when the verifier finds none (the parser
 * refused something the verifier allows) or the file cannot be read again.
 */
export async function locateJsonError(
  file: string,
  options: { maxDepth: number },
): Promise<JsonErrorLocation | null> {
  let text;
  try {
    text = await openSourceText(file);
  } catch {
    return null;
  }
  try {
    return await verify(text as AsyncIterable<string>, options.maxDepth);
  } finally {
    text.destroy();
  }
}

/** Places the error in one JSON text held whole (a JSON lines record), or null when there is none. */
export async function locateJsonErrorInText(text: string): Promise<JsonErrorLocation | null> {
  return verify([text], Infinity);
}

async function verify(chunks: AsyncIterable<string> | Iterable<string>, maxDepth: number) {
  const verifyChunk = jsonVerifier({ maxDepth });
  let first = true;
  let atEnd = false;
  try {
    for await (const read of chunks) {
      const chunk = first ? stripBom(read) : read;
      first = false;
      verifyChunk(chunk);
    }
    atEnd = true;
    flushStage(verifyChunk);
  } catch (error) {
    return verifierLocation(error, atEnd);
  }
  return null;
}

function verifierLocation(error: unknown, atEnd: boolean): JsonErrorLocation | null {
  const { line, pos, message } = error as { line?: unknown; pos?: unknown; message?: unknown };
  if (typeof line !== 'number' || typeof pos !== 'number') return null;
  // "ERROR at 41 (3, 7): Verifier cannot parse input: expected a value" → "expected a value"
  const reason = String(message)
    .replace(/^ERROR at \d+ \(\d+, \d+\): /, '')
    .replace(/^Verifier (?:cannot parse input: |has )/, '');
  return { message: reason, position: { line, column: pos }, atEnd };
}
