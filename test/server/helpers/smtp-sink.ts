import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the sink received, parsed (mailparser), with the envelope's recipients. */
export interface ReceivedMail {
  to: string[];
  mail: ParsedMail;
  /** A header's value as sent (the first of its name), or undefined. */
  header: (name: string) => string | undefined;
}

/** A real SMTP server on 127.0.0.1 (the nodemailer project's `smtp-server`) that keeps what it receives. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for `email.smtpUrl`. */
  url: string;
  received: ReceivedMail[];
  /** Resolves once `count` messages in all have arrived. */
  waitFor: (count: number) => Promise<ReceivedMail[]>;
  /** Answers the next `count` messages with this SMTP code (4xx: try again later; 5xx: refused). */
  refuseNext: (count: number, code: number) => void;
  /**
   * Never answers the next message's data: its sender is stuck mid-send until its connection
   * drops, and the message is not delivered. Resolves once such a message has arrived.
   */
  holdNext: () => Promise<void>;
  /** Answers no message's data until `resume()`: senders wait, and nothing is lost. */
  pause: () => void;
  resume: () => void;
  close: () => Promise<void>;
}

/** How long `waitFor` waits before it fails, in ms: far longer than any delivery takes, even on a loaded machine. */
const waitGuardMs = 60_000;

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve: (mails: ReceivedMail[]) => void }> = [];
  let refusals = { count: 0, code: 451 };
  let hold: (() => void) | null = null;
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        await gate?.promise;
        if (hold) {
          hold();
          hold = null;
          return;
        }
        if (refusals.count > 0) {
          refusals = { ...refusals, count: refusals.count - 1 };
          const error = Object.assign(new Error('refused by the test'), { responseCode: refusals.code });
          callback(error);
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            mail,
            header: (name) => {
              const line = mail.headerLines.find((header) => header.key === name.toLowerCase());
              return line?.line.slice(line.line.indexOf(':') + 1).trim();
            },
          });
          callback();
          for (const waiter of [...waiters]) {
            if (received.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(received.slice());
            }
          }
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve(received.slice())
        : new Promise((resolve, reject) => {
            // Only a guard against a hang: a message that never comes fails the test instead.
            const timer = setTimeout(
              () => reject(new Error(`expected ${count} messages, received ${received.length}`)),
              waitGuardMs,
            );
            waiters.push({
              count,
              resolve: (mails) => {
                clearTimeout(timer);
                resolve(mails);
              },
            });
          }),
    refuseNext: (count, code) => {
      refusals = { count, code };
    },
    holdNext: () => new Promise((resolve) => (hold = resolve)),
    pause: () => {
      let open = () => {};
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
    },
    resume: () => {
      gate?.open();
      gate = null;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
