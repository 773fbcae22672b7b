import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver got, with whether its signature checked out. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether `webhook-signature` is right for the secret of `path` (checked by this file's own code). */
  isVerified: boolean;
  /** The status the receiver answered. */
  status: number;
}

/** How the receiver answers the next requests instead of taking them. */
export interface Refusal {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks as an integrator's endpoint would: it
 * checks each delivery's Standard Webhooks signature with the secret configured for its path,
 * answers 204 (401 when the signature is wrong) and records everything.
 */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: ReceivedWebhook[];
  /** The secret deliveries to `path` are checked with. */
  setSecret: (path: string, secret: string) => void;
  /** Answers the next `count` requests with `refusal` instead. */
  refuseNext: (count: number, refusal: Refusal) => void;
  close: () => Promise<void>;
}

/**
 * Whether `headers` carry a valid Standard Webhooks signature of `body`: HMAC-SHA256 of
 * `id.timestamp.body`, keyed by the base64 after `whsec_`, in any of the space-separated `v1,`
 * signatures. Written from the specification, apart from the server's code.
 */
export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((signature) => {
    const [version, value] = signature.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  let refusals = { count: 0, refusal: { status: 500 } as Refusal };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      const secret = secrets.get(path);
      const isVerified = secret !== undefined && verifyStandardWebhook(secret, request.headers, body);
      let refusal: Refusal | null = null;
      if (refusals.count > 0) {
        refusals = { ...refusals, count: refusals.count - 1 };
        refusal = refusals.refusal;
      }
      const status = refusal?.status ?? (isVerified ? 204 : 401);
      received.push({ path, headers: request.headers, body, isVerified, status });
      response.writeHead(status, refusal?.headers ?? {});
      response.end(refusal?.body ?? (isVerified ? undefined : 'bad signature'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    setSecret: (path, secret) => secrets.set(path, secret),
    refuseNext: (count, refusal) => {
      refusals = { count, refusal };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; they would hold close() open.
        server.closeAllConnections();
      }),
  };
}
