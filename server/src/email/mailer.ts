import nodemailer from 'nodemailer';
import { PermanentJobError } from '../jobs/job-worker.js';
import type { EmailConfig } from '../site-config.js';

/** One email, ready to send: every message has a plain-text and an HTML part. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * `<id@host>`, derived from the job that sends it: a message sent again after a crash
   * carries the same one, so receivers can drop the copy.
   */
  messageId: string;
  /** Further headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Readonly<Record<string, string>>;
}

/** Sends email; throws on failure, a {@link PermanentJobError} when retrying cannot help. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP (`nodemailer`), one pooled connection kept open between messages. A
 * 5xx reply (a mailbox that does not exist, a message refused) is permanent; anything else
 * (4xx, a connection refused or cut) is retried by the job queue.
 */
export function createSmtpMailer(config: EmailConfig): Mailer {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: 1,
  } as never);
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: { ...message.headers },
        });
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        if (typeof code === 'number' && code >= 500 && code < 600) {
          throw new PermanentJobError(`SMTP ${code}: ${(error as Error).message}`);
        }
        throw error;
      }
    },
    close() {
      transport.close();
    },
  };
}
