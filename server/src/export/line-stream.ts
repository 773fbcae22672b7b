/** About how many characters go into one chunk of the response: few writes, bounded memory. */
const chunkMaxChars = 64 * 1024;

/**
 * A byte stream of `lines`, read only as the consumer asks (so a slow download reads the store
 * slowly), several lines to a chunk. A failure of `lines` is passed to `onError` and then errors
 * the stream, so an HTTP response breaks off instead of ending as if complete; cancelling the
 * stream (a client gone) ends `lines`.
 */
export function streamLines(
  lines: AsyncGenerator<string, void, undefined>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk = '';
        try {
          while (chunk.length < chunkMaxChars) {
            const next = await lines.next();
            if (next.done) {
              if (chunk !== '') controller.enqueue(encoder.encode(chunk));
              controller.close();
              return;
            }
            chunk += next.value;
          }
        } catch (error) {
          onError(error);
          controller.error(error);
          return;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    // Nothing is read ahead of the consumer.
    { highWaterMark: 0 },
  );
}
