import type { BrowserContext, Page } from 'playwright-core';

/** One request of a page as Chromium's DevTools protocol saw it. */
export interface NetworkRecord {
  url: string;
  /** Path and query. */
  path: string;
  /** CDP's resource type: Script, Fetch, Document, EventSource… */
  type: string;
  /** HTTP status, or 0 before any response. */
  status: number;
  /** Answered from the browser's HTTP cache, not the network. */
  isFromCache: boolean;
  /** The response's Content-Encoding (br, gzip…), or null when it was sent as is. */
  contentEncoding: string | null;
  /** When the request was sent, in ms since the epoch (comparable with `performance.timeOrigin`). */
  requestedAtMs: number;
  /** When its last byte arrived, in ms since the epoch; null while loading or when it failed. */
  finishedAtMs: number | null;
  /** Bytes received on the wire (`Network.loadingFinished` `encodedDataLength`): headers and body as sent. */
  wireBytes: number;
  /** Body bytes after decoding (`Network.dataReceived` `dataLength`, summed). */
  decodedBytes: number;
}

/**
 * Records every request `page` makes through a CDP session (`Network` events). Call it before
 * the page navigates; `records()` lists the requests so far, in the order they were sent.
 */
export async function trackNetwork(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const byId = new Map<string, NetworkRecord>();
  // CDP's monotonic send times, to put `loadingFinished` times on the wall clock.
  const sentAt = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (event) => {
    const url = new URL(event.request.url);
    sentAt.set(event.requestId, event.timestamp);
    byId.set(event.requestId, {
      url: event.request.url,
      path: `${url.pathname}${url.search}`,
      type: event.type ?? 'Other',
      status: 0,
      isFromCache: false,
      contentEncoding: null,
      requestedAtMs: event.wallTime * 1000,
      finishedAtMs: null,
      wireBytes: 0,
      decodedBytes: 0,
    });
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const record = byId.get(event.requestId);
    if (record) record.isFromCache = true;
  });
  cdp.on('Network.responseReceived', (event) => {
    const record = byId.get(event.requestId);
    if (!record) return;
    const { response } = event;
    record.status = response.status;
    record.isFromCache ||= Boolean(response.fromDiskCache || response.fromPrefetchCache);
    const encoding = Object.entries(response.headers).find(
      ([name]) => name.toLowerCase() === 'content-encoding',
    );
    record.contentEncoding = encoding?.[1] ?? null;
  });
  cdp.on('Network.dataReceived', (event) => {
    const record = byId.get(event.requestId);
    if (record) record.decodedBytes += event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const record = byId.get(event.requestId);
    if (!record) return;
    record.wireBytes = event.encodedDataLength;
    const sentSeconds = sentAt.get(event.requestId) ?? event.timestamp;
    record.finishedAtMs = record.requestedAtMs + (event.timestamp - sentSeconds) * 1000;
  });
  await cdp.send('Network.enable');
  return {
    records: (): NetworkRecord[] => [...byId.values()],
    /** Waits until no request has started or ended for `quietMs` (at most `timeoutMs`). */
    async settle(quietMs = 1_000, timeoutMs = 15_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      let lastChangeMs = Date.now();
      while (Date.now() < deadline) {
        const state = [...byId.values()].map((record) => record.finishedAtMs ?? 'open').join();
        if (state !== last) {
          last = state;
          lastChangeMs = Date.now();
        } else if (Date.now() - lastChangeMs >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    detach: () => cdp.detach(),
  };
}
