import { PermanentJobError } from '../jobs/job-worker.js';
import { signWebhook } from './webhook-signature.js';

/** How long a receiver has to answer a delivery, in ms. */
export const webhookTimeoutMs = 10_000;
/** The most of a receiver's reason (its answer's body, a network error) a failure keeps, in characters. */
const reasonMaxChars = 200;
/** How much of a refusal's body is read for its reason, in bytes. */
const excerptMaxBytes = 1024;
const userAgent = 'Hearth-Webhooks/1.0';

/** One attempt at one delivery. */
export interface WebhookAttempt {
  /** The delivery's id (`webhook-id`): the same on every attempt, so receivers can drop repeats. */
  id: string;
  url: string;
  /** `whsec_…`, from the config. */
  secret: string;
  /** The exact JSON to send. */
  body: string;
  /** This attempt's time, whole seconds since the epoch (`webhook-timestamp`). */
  timestampSeconds: number;
  /** Default {@link webhookTimeoutMs}. */
  timeoutMs?: number;
}

/** A delivery the receiver did not take (an error status, no answer): tried again later. */
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
}

/**
 * POSTs one delivery, Standard Webhooks style, and resolves when the receiver answered 2xx.
 * Redirects are not followed (a receiver that moved must be configured anew), so a 3xx fails
 * like a 5xx and is retried; 410 Gone throws {@link PermanentJobError}: the receiver wants no
 * more. Failures say the status and the start of the reason, never the secret.
 */
export async function sendWebhook(attempt: WebhookAttempt): Promise<void> {
  const { id, url, secret, body, timestampSeconds } = attempt;
  const timeoutMs = attempt.timeoutMs ?? webhookTimeoutMs;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': userAgent,
        'webhook-id': id,
        'webhook-timestamp': String(timestampSeconds),
        'webhook-signature': signWebhook(secret, id, timestampSeconds, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new WebhookDeliveryError(clip(describeNetworkError(error, timeoutMs)));
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    // Read to the end or dropped, the connection goes back to the pool.
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const location = status >= 300 && status < 400 ? response.headers.get('location') : null;
  const detail = location === null ? await readExcerpt(response) : `a redirect to ${location} (not followed)`;
  const reason = clip(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
  if (location !== null) await response.body?.cancel().catch(() => undefined);
  if (status === 410) throw new PermanentJobError(reason);
  throw new WebhookDeliveryError(reason);
}

/** Why no answer came: a timeout, a refused connection, a name that does not resolve… */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // fetch says only "fetch failed"; the cause says what failed.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause ? `${message}: ${cause}` : message;
}

/** The start of a refusal's body as one line of text, or '' when it has none or it cannot be read. */
async function readExcerpt(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < excerptMaxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off, or the timeout reached while reading: the status says enough.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, excerptMaxBytes);
  return new TextDecoder()
    .decode(bytes)
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
}

function clip(text: string): string {
  if (text.length <= reasonMaxChars) return text;
  let end = reasonMaxChars - 1;
  // Never half of a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  return `${text.slice(0, end)}…`;
}
