import { createHmac } from 'node:crypto';

/**
 * The `webhook-signature` header of a delivery, in the Standard Webhooks form: `v1,` and the
 * base64 HMAC-SHA256 of `${id}.${timestampSeconds}.${body}`, keyed by the bytes the secret
 * (`whsec_<base64>`, checked by the config) encodes.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}
