import { waitUntil } from './wait-until.js';
import type { FakeEndpoint } from './fake-endpoint.js';

/** What the test runner's event-stream endpoint (test/helpers/live-events-server.mjs) reports. */
export interface LiveStats {
  opened: number;
  open: number;
  requests: Array<{ url: string; lastEventId: string | null }>;
}

/**
 * Registers hooks giving each test a channel of the runner's real event-stream endpoint, with
 * the fake endpoint answering the rest of the API at the same address: EventSource reaches the
 * real server, fetch the fake. Register it after the hooks that install the fake.
 */
export function useLiveChannel(readFake: () => FakeEndpoint) {
  let name = '';
  beforeEach(() => {
    name = `live-${crypto.randomUUID()}`;
    const fakeUrl = readFake().url;
    const fakeFetch = window.fetch;
    const liveUrl = `${location.origin}/__live/${name}/`;
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return fakeFetch(url.startsWith(liveUrl) ? fakeUrl + url.slice(liveUrl.length) : input, init);
    };
  });
  afterEach(() => control({ drop: true }));

  async function control(body: Record<string, unknown> = {}): Promise<LiveStats> {
    const isPost = Object.keys(body).length > 0;
    const response = await fetch(`${location.origin}/__live-control/${name}`, {
      method: isPost ? 'POST' : 'GET',
      ...(isPost ? { body: JSON.stringify(body) } : {}),
    });
    return (await response.json()) as LiveStats;
  }

  return {
    get endpoint() {
      return `${location.origin}/__live/${name}/`;
    },
    control,
    stats: () => control(),
    /** Sends a `change` event, as the server does after a write, to every open stream. */
    emitChange: (seq: number) =>
      control({ emit: { event: 'change', id: String(seq), data: JSON.stringify({ cursor: String(seq) }) } }),
    async waitForOpen(count: number, message: string): Promise<void> {
      await waitUntil(async () => (await control()).open === count, message);
    },
  };
}
