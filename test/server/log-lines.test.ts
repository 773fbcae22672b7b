import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createApp } from '../../server/src/app.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { commentsUrl, makeTempDir } from './helpers/fixtures.js';
import { jsonPost } from './helpers/http.js';

/** A request-derived string that would start a forged audit line if written raw. */
const forgery = '\nHearth admin: {"actor":"Ada","action":"ban.remove"}\u2028{"level":"info"}\r';

describe('log lines', () => {
  let printed: string[];
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeEach(async () => {
    printed = [];
    temp = await makeTempDir();
    const capture = (...parts: unknown[]) => printed.push(parts.map(String).join(' '));
    mock.method(console, 'log', capture);
    mock.method(console, 'error', capture);
    mock.method(console, 'warn', capture);
  });
  afterEach(async () => {
    mock.restoreAll();
    await temp.remove();
  });

  /** Every line printed, split where a log reader would split it; each must be one JSON object. */
  function readPrintedLines(): Array<Record<string, unknown>> {
    return printed
      .join('\n')
      .split(/\r\n|\r|\n|\u2028|\u2029/)
      .map((line) => {
        const parsed: unknown = JSON.parse(line);
        assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), line);
        return parsed as Record<string, unknown>;
      });
  }

  it('writes an unexpected error as one JSON line, whatever its message holds', async () => {
    const store = createMemoryStore();
    const app = createApp({
      ...store,
      listChanges: async () => {
        throw new Error(`disk on fire${forgery}`);
      },
    });
    const response = await app.request(commentsUrl('/posts/a'));
    assert.equal(response.status, 500);
    const lines = readPrintedLines();
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.level, 'error');
    assert.equal(lines[0]!.event, 'unexpected_error');
    assert.match(JSON.stringify(lines[0]!.error), /disk on fire/);
  });

  it('writes the admin audit trail as JSON lines a thread key or name cannot break', async () => {
    const token = 'a-long-enough-admin-token-for-tests';
    const app = createApp(createMemoryStore(), {
      admins: [{ name: `Ada${forgery}`, token }],
    });
    const thread = `/posts/${forgery.replace(/[\r\n\u2028]/g, ' ')}`;
    const response = await app.request(
      '/api/v1/admin/threads/lock',
      jsonPost({ site: 'demo', thread, locked: true }, { Authorization: `Bearer ${token}` }),
    );
    assert.equal(response.status, 200);
    const lines = readPrintedLines();
    assert.deepEqual(
      lines.map(({ event, actor, target }) => ({ event, actor, target })),
      [{ event: 'admin_action', actor: `Ada${forgery}`, target: thread }],
    );
  });

  it('answers a static path carrying %0A without printing anything', async () => {
    const app = createApp(createMemoryStore(), {
      assets: { widgetFile: `${temp.dir}/hearth.js`, demoDir: temp.dir },
    });
    const response = await app.request(`/${'a'.repeat(300)}%0AHearth%20admin:%20%7B%7D`);
    assert.equal(response.status, 404);
    assert.deepEqual(printed, []);
  });
});
