import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { openPage, watchPageProblems } from './helpers/browser.js';
import { demoThread } from './helpers/demo.js';
import { commentBody } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';
import { adminHeaders } from './helpers/server.js';

const e2e = useServerAndBrowser();

/** One response as Chromium's network stack saw it. */
interface SeenResponse {
  url: string;
  acceptEncoding: string;
  contentEncoding: string | null;
  /** Bytes on the wire, headers included (CDP `encodedDataLength`). */
  encodedBytes: number;
  /** Bytes after decoding (the sum of CDP `dataLength`). */
  decodedBytes: number;
}

test(
  'the demo page loads hearth.js and the thread compressed, as Chromium sees them on the wire',
  { timeout: 60_000 },
  async (t) => {
    const bodies = Array.from(
      { length: 40 },
      (_, i) =>
        `Comment ${i} on keeping a small community warm: ${'the hearth, the table, the talk. '.repeat(4)}`,
    );
    for (const body of bodies) {
      const response = await fetch(
        new URL(`api/v1/threads/${encodeURIComponent(demoThread)}/comments`, e2e.server.url),
        {
          method: 'POST',
          headers: { ...adminHeaders, 'Content-Type': 'application/json' },
          body: JSON.stringify({ id: randomUUID(), authorName: 'Host', body }),
        },
      );
      assert.equal(response.status, 201);
    }

    const { context, page } = await openPage(e2e.browser);
    const watch = await watchPageProblems(page);
    const cdp = await context.newCDPSession(page);
    // CDP events of one request may come in any order (the ExtraInfo ones even before
    // requestWillBeSent), so each field is kept by request id and read once the page is done.
    const fields = new Map<string, Partial<SeenResponse>>();
    const note = (requestId: string, values: Partial<SeenResponse>) =>
      fields.set(requestId, { ...fields.get(requestId), ...values });
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => note(requestId, { url: request.url }));
    cdp.on('Network.requestWillBeSentExtraInfo', ({ requestId, headers }) =>
      note(requestId, { acceptEncoding: headerOf(headers, 'accept-encoding') ?? '' }),
    );
    cdp.on('Network.responseReceived', ({ requestId, response }) =>
      note(requestId, { contentEncoding: headerOf(response.headers, 'content-encoding') }),
    );
    cdp.on('Network.dataReceived', ({ requestId, dataLength }) =>
      note(requestId, { decodedBytes: (fields.get(requestId)?.decodedBytes ?? 0) + dataLength }),
    );
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) =>
      note(requestId, { encodedBytes: encodedDataLength }),
    );
    await cdp.send('Network.enable');
    // The HTTP cache would answer a second load without the wire.
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    await page.goto(e2e.server.url);
    await commentBody(page, bodies.at(-1)!).waitFor();

    const seen = [...fields.values()].filter(
      (response): response is SeenResponse =>
        response.url !== undefined && response.encodedBytes !== undefined,
    );
    const widget = seen.find((response) => new URL(response.url).pathname === '/hearth.js');
    const feed = seen.find((response) => new URL(response.url).pathname.endsWith('/comments'));
    for (const [name, response] of [
      ['hearth.js', widget],
      ['the first feed page', feed],
    ] as const) {
      assert.ok(response, `${name} was fetched`);
      // Chromium offers brotli on some origins only; whatever it offers, the best is chosen.
      const expected = response.acceptEncoding.includes('br') ? 'br' : 'gzip';
      assert.match(response.acceptEncoding, /gzip/);
      assert.equal(response.contentEncoding, expected, `${name}: ${JSON.stringify(response)}`);
      assert.ok(
        response.encodedBytes < response.decodedBytes / 2,
        `${name}: ${response.encodedBytes} B on the wire for ${response.decodedBytes} B`,
      );
      t.diagnostic(
        `${name}: ${response.encodedBytes} B on the wire (${expected}) for ${response.decodedBytes} B`,
      );
    }
    assert.deepEqual(await watch.problems(), []);
    await context.close();
  },
);

function headerOf(headers: Record<string, string>, name: string): string | null {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? null : headers[key]!;
}
