import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSqliteStore } from '../server/src/store/sqlite-store.js';
import { startSmtpSink, type SmtpSink } from '../test/server/helpers/smtp-sink.js';
import { startServer, type HearthServer } from '../test/e2e/helpers/server.js';
import { benchSite, postComment } from './live.js';
import { percentile, summarizeMs, type Stats } from './stats.js';

// Reply notifications on the real server (main.ts on SQLite) against a real SMTP server on
// 127.0.0.1 (smtp-server, as the tests use), issue #14:
// - reply to email: a reply POSTed, until its notification has been accepted by the SMTP server;
// - drain: 1,000 replies (one per follower) queued while the SMTP server answers nothing, then
//   the time until all 1,000 emails are in;
// - posting: POST latency with notifications on (followers, emails leaving meanwhile) against
//   a server without email, interleaved.

const thread = '/posts/small-communities';

export interface EmailBenchOptions {
  /** Followers seeded, each with a comment of their own and a confirmed address. */
  followers: number;
  /** Replies timed one after another for reply-to-email latency. */
  latencyReplies: number;
  /** POSTs per server (on, off) for posting latency. */
  posts: number;
}

export interface EmailBenchResult {
  replyToEmailMs: Stats & { p99Ms: number };
  drain: { emails: number; seconds: number; emailsPerSecond: number };
  postOnMs: Stats & { p99Ms: number };
  postOffMs: Stats & { p99Ms: number };
  /** Median POST latency with notifications on over off. */
  postRatio: number;
}

const withP99 = (samples: number[]) => ({ ...summarizeMs(samples), p99Ms: percentile(samples, 99) });

/**
 * A SQLite file with `count` followers on the demo thread: a comment each, a confirmed address,
 * and a subscription to its replies. Returns their comment ids.
 */
async function seedFollowers(file: string, count: number): Promise<string[]> {
  const store = createSqliteStore(file);
  const ids: string[] = [];
  const nowMs = Date.now();
  try {
    for (let index = 0; index < count; index++) {
      const email = `follower-${index}@example.org`;
      const id = randomUUID();
      await store.insertComment({
        site: 'demo',
        thread,
        input: { id, authorName: `Follower ${index}`, body: `Comment ${index} of a follower.` },
        author: {
          authorTokenHash: null,
          userId: null,
          email,
          ipHash: null,
          verified: false,
          avatarUrl: null,
        },
        status: 'published',
        nowMs,
      });
      await store.verifyEmailAddress('demo', email, 'en', nowMs);
      await store.subscribe({ site: 'demo', email, thread, commentId: id }, nowMs);
      ids.push(id);
    }
  } finally {
    await store.close();
  }
  return ids;
}

async function startWith(file: string, smtp: SmtpSink | null): Promise<HearthServer> {
  return startServer({
    databaseUrl: `sqlite:${file}`,
    site: benchSite,
    config: smtp
      ? {
          // Every reply its own email at once: the latency is the pipeline's, not the pacing's.
          email: {
            smtpUrl: smtp.url,
            from: 'Hearth <hearth@example.org>',
            delaySeconds: 0,
            digestMinutes: 0,
          },
          publicUrl: 'http://hearth.invalid',
        }
      : {},
  });
}

const reply = (parentId: string, index: number) => ({
  id: randomUUID(),
  authorName: `Replier ${index}`,
  body: `Reply ${index}: thank you for this.`,
  parentId,
});

export async function measureEmail(options: EmailBenchOptions): Promise<EmailBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-bench-email-'));
  const smtp = await startSmtpSink();
  try {
    const onFile = path.join(dir, 'on.db');
    const offFile = path.join(dir, 'off.db');
    const parents = await seedFollowers(onFile, options.followers);
    const offParents = await seedFollowers(offFile, options.followers);
    const on = await startWith(onFile, smtp);
    const off = await startWith(offFile, null);
    try {
      // Reply to email, one at a time.
      const latency: number[] = [];
      for (let index = 0; index < options.latencyReplies; index++) {
        const before = smtp.received.length;
        const startedAt = performance.now();
        await postComment(on, thread, reply(parents[index % parents.length]!, index));
        await smtp.waitFor(before + 1);
        latency.push(performance.now() - startedAt);
      }

      // Posting latency, on and off interleaved; emails leave from `on` meanwhile.
      const postOn: number[] = [];
      const postOff: number[] = [];
      for (let index = 0; index < options.posts; index++) {
        for (const [server, samples, ids] of [
          [on, postOn, parents],
          [off, postOff, offParents],
        ] as const) {
          const startedAt = performance.now();
          await postComment(server, thread, reply(ids[index % ids.length]!, index));
          samples.push(performance.now() - startedAt);
        }
      }
      const expected = options.latencyReplies + options.posts;
      await smtp.waitFor(expected);

      // Drain: every follower gets a reply while the SMTP server answers nothing.
      smtp.pause();
      for (const [index, parentId] of parents.entries()) {
        await postComment(on, thread, reply(parentId, index));
      }
      const startedAt = performance.now();
      smtp.resume();
      await smtp.waitFor(expected + parents.length);
      const seconds = (performance.now() - startedAt) / 1000;
      const postOnMs = withP99(postOn);
      const postOffMs = withP99(postOff);
      return {
        replyToEmailMs: withP99(latency),
        drain: { emails: parents.length, seconds, emailsPerSecond: parents.length / seconds },
        postOnMs,
        postOffMs,
        postRatio: postOnMs.medianMs / postOffMs.medianMs,
      };
    } finally {
      await on.stop();
      await off.stop();
    }
  } finally {
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
