import { createChallenge } from 'altcha-lib/v1';
import type { Challenge, ChallengeOptions } from 'altcha-lib/v1/types';

/** The HMAC key the fake server signs its challenges with, for altcha-lib to verify against. */
export const hmacKey = 'proof-of-work test key';

/** What the fake server answers one request with; 'challenge' issues a new one. */
export type Reply = 'challenge' | 'network-error' | { status: number; body?: string };

/** A comment server that only knows `GET api/v1/challenge`, simulated at the fetch boundary. */
export interface ChallengeServer {
  endpoint: string;
  requests: Array<{ url: string; init: RequestInit }>;
  /** Replies used, one per request, before the default 'challenge'. */
  script: Reply[];
  /** How a challenge is made; tests swap it for other sizes, clocks and expiries. */
  options: () => Omit<ChallengeOptions, 'hmacKey'>;
  /** Every challenge sent, in order. */
  issued: Challenge[];
  restore(): void;
}

let serverCounter = 0;

/** Replaces `window.fetch` with a {@link ChallengeServer} on a fresh endpoint; `restore()` undoes it. */
export function installChallengeServer(): ChallengeServer {
  serverCounter += 1;
  const realFetch = window.fetch;
  const server: ChallengeServer = {
    endpoint: `https://pow-${serverCounter}.hearth.test/comments/`,
    requests: [],
    script: [],
    options: () => ({ maxnumber: 2000, expires: new Date(Date.now() + 1_800_000) }),
    issued: [],
    restore: () => (window.fetch = realFetch),
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(server.endpoint)) return realFetch(input, init);
    server.requests.push({ url, init: init ?? {} });
    if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    if (url !== `${server.endpoint}api/v1/challenge` || (init?.method ?? 'GET') !== 'GET') {
      return new Response(null, { status: 404 });
    }
    const reply = server.script.shift() ?? 'challenge';
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    if (reply !== 'challenge') return new Response(reply.body ?? null, { status: reply.status });
    const challenge = await createChallenge({ hmacKey, ...server.options() });
    server.issued.push(challenge);
    return new Response(JSON.stringify(challenge), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  };
  return server;
}

/** The fields of an ALTCHA payload (base64 JSON), to read its number, salt and signature. */
export function decode(altcha: string): Record<string, unknown> {
  return JSON.parse(atob(altcha)) as Record<string, unknown>;
}
