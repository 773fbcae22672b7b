/** One server-sent event as a client parses it. */
export interface ServerEvent {
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

/** Reads server-sent events from a streaming response body, one at a time. */
export interface EventStreamReader {
  /** The next event; rejects when none arrives within `timeoutMs` (default 15,000: it only bounds a hang). */
  next(timeoutMs?: number): Promise<ServerEvent>;
  /** Resolves true when no event arrives within `ms`; the event, if one came, is kept for `next`. */
  isQuietFor(ms: number): Promise<boolean>;
  /** Stops reading: the server sees the client go away. */
  cancel(): Promise<void>;
}

/** Parses `text/event-stream` from `body` the way EventSource does (comments skipped). */
export function readEventStream(body: ReadableStream<Uint8Array>): EventStreamReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: ServerEvent[] = [];
  let buffer = '';
  let reading: Promise<void> | null = null;

  const parseBlocks = (): void => {
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event: ServerEvent = { event: 'message', data: '' };
      const data: string[] = [];
      let isEmpty = true;
      for (const line of block.split(/\r?\n/)) {
        if (line === '' || line.startsWith(':')) continue;
        isEmpty = false;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') event.id = value;
        else if (field === 'retry') event.retry = Number(value);
      }
      event.data = data.join('\n');
      if (!isEmpty) queue.push(event);
    }
  };

  const readMore = (): Promise<void> =>
    (reading ??= reader.read().then(({ done, value }) => {
      reading = null;
      if (done) throw new Error('the event stream ended');
      buffer += decoder.decode(value, { stream: true });
      parseBlocks();
    }));

  const waitForEvent = async (timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(resolve, remaining, 'timeout')),
      );
      const result = await Promise.race([readMore(), timeout]);
      clearTimeout(timer);
      if (result === 'timeout') return false;
    }
    return true;
  };

  return {
    async next(timeoutMs = 15_000) {
      if (!(await waitForEvent(timeoutMs))) throw new Error(`no event within ${timeoutMs} ms`);
      return queue.shift()!;
    },
    async isQuietFor(ms) {
      return !(await waitForEvent(ms));
    },
    async cancel() {
      await reader.cancel().catch(() => undefined);
    },
  };
}
