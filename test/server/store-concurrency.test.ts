import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { openStore } from '../../server/src/store/open-store.js';
import { makeTempDir } from './helpers/fixtures.js';
import { useTestPostgres } from './helpers/postgres.js';
import { repoRoot, tsxLoader } from './helpers/server-process.js';

const testPg = await useTestPostgres();
const writerScript = path.join(repoRoot, 'test/server/helpers/insert-comments.ts');
const perWriter = 300;

/** A writer process and the ids it reports once done. */
interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  ids: Promise<string[]>;
}

function startWriter(url: string, thread: string, loops: number): Writer {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, writerScript, url, thread, String(perWriter), String(loops)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let output = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    output += text;
    if (output.startsWith('ready\n')) markReady();
  });
  const ids = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`writer exited with ${code}`));
      resolve(JSON.parse(output.slice('ready\n'.length)) as string[]);
    });
  });
  return { child, ready, ids };
}

/**
 * Two processes insert into one thread at once while this one follows the thread's change
 * feed with an advancing cursor, as a polling widget does. Every comment must reach the
 * reader exactly once: a cursor that moved past a seq whose transaction committed later
 * would skip that comment for good, and the totals would come up short.
 */
async function followWhileTwoProcessesWrite(url: string, loops: number): Promise<void> {
  const reader: CommentStore = await openStore(url);
  try {
    const thread = '/race';
    const writers = [startWriter(url, thread, loops), startWriter(url, thread, loops)];
    await Promise.all(writers.map((writer) => writer.ready));
    for (const writer of writers) writer.child.stdin!.end('go\n');

    let isWriting = true;
    const written = Promise.all(writers.map((writer) => writer.ids)).finally(() => (isWriting = false));
    const seen: string[] = [];
    let cursor = 0;
    let polls = 0;
    // One last full pass after the writers finish catches whatever the loop had not read yet.
    for (let isLastPass = false; ;) {
      const page = await reader.listChanges('demo', thread, cursor, 50);
      polls += 1;
      seen.push(...page.comments.map((comment) => comment.id));
      assert.ok(page.lastSeq >= cursor, 'the cursor never moves back');
      cursor = page.lastSeq;
      if (page.more) continue;
      if (isLastPass) break;
      if (!isWriting) isLastPass = true;
      else await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const ids = (await written).flat();

    assert.equal(ids.length, 2 * perWriter);
    assert.ok(polls > 10, `the reader polled while the writers wrote (${polls} polls)`);
    const missing = ids.filter((id) => !seen.includes(id));
    assert.deepEqual(missing, [], `${missing.length} comments skipped by the advancing cursor`);
    assert.equal(seen.length, ids.length, 'no comment seen twice');
    assert.equal(new Set(seen).size, seen.length);
  } finally {
    await reader.close();
  }
}

describe('change cursor under concurrent writer processes', () => {
  it(
    'PostgreSQL: a reader following the feed sees every comment exactly once',
    {
      skip: testPg ? false : 'no PostgreSQL',
    },
    async () => {
      const schema = await testPg!.createSchema();
      try {
        // Migrate once up front so the writers race on inserts, not on start-up.
        await (await openStore(schema.url)).close();
        await followWhileTwoProcessesWrite(schema.url, 4);
      } finally {
        await schema.drop();
      }
    },
  );

  it('SQLite: a reader following the feed sees every comment exactly once', async () => {
    const temp = await makeTempDir();
    try {
      const url = `sqlite:${path.join(temp.dir, 'race.db')}`;
      await (await openStore(url)).close();
      await followWhileTwoProcessesWrite(url, 1);
    } finally {
      await temp.remove();
    }
  });
});
