import { jsonParser } from 'stream-json/parser.js';

/**
 * stream-chain's end-of-input marker, which stream-json's stages take to flush what they hold
 * (a literal at the very end, an unfinished document). A stage returns the same marker when a
 * chunk yields nothing, so an empty chunk hands it over: stream-chain is stream-json's
 * dependency, not the server's, and is not imported.
 */
const endOfInput: symbol = (() => {
  const marker = jsonParser()('');
  if (typeof marker !== 'symbol')
    throw new Error('stream-json no longer answers an empty chunk with its marker');
  return marker;
})();

/** Calls a stream-json stage with {@link endOfInput}, which its typings leave out. */
export function flushStage<O>(stage: (value: string) => O): O {
  return (stage as unknown as (value: symbol) => O)(endOfInput);
}
