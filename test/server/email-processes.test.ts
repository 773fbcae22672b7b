import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { CommentSchema, type Comment } from '../../src/protocol/index.js';
import { commentsUrl, makeNewComment, makeTempDir } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';
import { makeGuestToken } from './helpers/identity.js';
import { useTestPostgres } from './helpers/postgres.js';
import { killServer, spawnServer, waitForListening, type ServerProcess } from './helpers/server-process.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './helpers/smtp-sink.js';

const testPg = await useTestPostgres();

const pageUrl = 'http://localhost:8080/posts/crash';
const thread = '/posts/crash';

/**
 * Emails across real server processes (main.ts): a process killed while it sends, and two
 * processes sharing one PostgreSQL queue. Every reply must reach each follower exactly once.
 */
describe('email delivery across processes', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let smtp: SmtpSink;
  const servers: ServerProcess[] = [];
  let posted = 0;

  before(async () => {
    temp = await makeTempDir();
    smtp = await startSmtpSink();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => killServer(server)));
    smtp.received.length = 0;
  });
  after(async () => {
    await smtp.close();
    await temp.remove();
  });

  async function writeConfig(name: string): Promise<string> {
    const file = path.join(temp.dir, `${name}.json`);
    const config = {
      sites: [
        {
          id: 'demo',
          origins: ['http://localhost:*'],
          proofOfWork: { enabled: false },
          limits: { minComposeSeconds: 0, postsPerMinutePerIp: 1000, postsPerHourPerIp: 1000 },
        },
      ],
      // No waiting: each reply is its own email unless two share a send.
      email: { smtpUrl: smtp.url, from: 'Hearth <hearth@example.org>', delaySeconds: 0, digestMinutes: 0 },
      publicUrl: 'http://hearth.test',
      jobLeaseSeconds: 5,
    };
    await writeFile(file, JSON.stringify(config));
    return file;
  }

  async function start(env: Record<string, string>): Promise<string> {
    const server = spawnServer({ PORT: '0', ...env });
    servers.push(server);
    return waitForListening(server);
  }

  async function post(origin: string, fields: Record<string, unknown>): Promise<Comment> {
    const body = makeNewComment({ pageUrl, body: `Comment ${++posted}`, ...fields });
    const response = await fetch(
      `${origin}${commentsUrl(thread)}`,
      jsonPost(body, { Authorization: `Bearer ${makeGuestToken()}` }),
    );
    assert.equal(response.status, 201, await response.clone().text());
    return CommentSchema.parse(await response.json());
  }

  /** A follower of `parent`'s replies who confirmed the address. */
  async function follow(origin: string, email: string): Promise<Comment> {
    const comment = await post(origin, { authorName: email, email, notify: 'replies' });
    const mails = await waitForMailTo(email);
    const link = /http:\/\/hearth\.test(\/email\/confirm\?t=[\w-]+)/.exec(mails[0]!.mail.text ?? '')![1]!;
    const token = new URL(link, 'http://x').searchParams.get('t')!;
    const confirmed = await fetch(`${origin}/email/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: token }).toString(),
    });
    assert.equal(confirmed.status, 200);
    return comment;
  }

  /** Waits for each message the sink receives until `isDone` holds (the sink fails a wait after a minute). */
  async function waitForMail(isDone: () => boolean): Promise<void> {
    while (!isDone()) await smtp.waitFor(smtp.received.length + 1);
  }

  async function waitForMailTo(email: string, count = 1): Promise<ReceivedMail[]> {
    const mine = () => smtp.received.filter((mail) => mail.to.includes(email));
    await waitForMail(() => mine().length >= count);
    return mine();
  }

  /** How many times each (recipient, reply) pair was emailed. */
  function countDeliveries(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of smtp.received) {
      for (const [, id] of (mail.mail.text ?? '').matchAll(/#comment-([0-9a-f-]{36})/g)) {
        const key = `${mail.to.join()} ${id}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return counts;
  }

  it('sends a notification exactly once when the process sending it is killed mid-send', async () => {
    const env = {
      DATABASE_URL: `sqlite:${path.join(temp.dir, 'crash.db')}`,
      HEARTH_CONFIG: await writeConfig('crash'),
    };
    const first = await start(env);
    const followed = await follow(first, 'ada@example.org');
    const held = smtp.holdNext();
    const reply = await post(first, { authorName: 'Bob', parentId: followed.id });
    // The message is on the wire, unanswered: the job is claimed and not finished.
    await held;
    await killServer(servers[0]!);

    // Another process, after the dead one's lease: it sends again, and this time it arrives.
    const second = await start(env);
    const [, notice] = await waitForMailTo('ada@example.org', 2);
    assert.ok(notice!.mail.text?.includes(`#comment-${reply.id}`));
    const later = await post(second, { authorName: 'Cleo', parentId: followed.id });
    await waitForMailTo('ada@example.org', 3);
    const counts = countDeliveries();
    assert.equal(counts.get(`ada@example.org ${reply.id}`), 1);
    assert.equal(counts.get(`ada@example.org ${later.id}`), 1);
  });

  it(
    'sends each notification once when two processes share one PostgreSQL queue',
    { skip: testPg === null },
    async () => {
      const schema = await testPg!.createSchema();
      try {
        const env = { DATABASE_URL: schema.url, HEARTH_CONFIG: await writeConfig('cluster') };
        const origins = [await start(env), await start(env)];
        const followers = ['ada@example.org', 'bob@example.org', 'cleo@example.org'];
        const parents: Comment[] = [];
        for (const [index, email] of followers.entries())
          parents.push(await follow(origins[index % 2]!, email));

        const replies: Comment[] = [];
        for (let index = 0; index < 12; index++) {
          const parent = parents[index % parents.length]!;
          replies.push(
            await post(origins[index % 2]!, { authorName: `Replier ${index}`, parentId: parent.id }),
          );
        }
        const expected = replies.map((reply, index) => `${followers[index % followers.length]} ${reply.id}`);
        // Replies that arrive together may share one email: what counts is each reply, once.
        await waitForMail(() => expected.every((key) => countDeliveries().has(key)));
        const counts = countDeliveries();
        for (const key of expected) assert.equal(counts.get(key), 1, key);
        assert.equal(counts.size, expected.length, 'no one is told of a reply to someone else');
        const messageIds = smtp.received.map((mail) => mail.mail.messageId);
        assert.equal(new Set(messageIds).size, messageIds.length, 'no message sent twice');
      } finally {
        // The servers' job workers use the schema until they stop: dropping it under them can
        // deadlock with a claim in flight.
        await Promise.all(servers.splice(0).map((server) => killServer(server)));
        await schema.drop();
      }
    },
  );
});
