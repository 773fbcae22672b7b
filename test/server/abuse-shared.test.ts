import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { createApp } from '../../server/src/app.js';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { createPostgresStore } from '../../server/src/store/postgres-store.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { solveToAltcha } from './helpers/altcha.js';
import { commentsUrl, makeNewComment, makeTempDir } from './helpers/fixtures.js';
import { assertError, jsonPost } from './helpers/http.js';
import { useTestPostgres } from './helpers/postgres.js';

const testPg = await useTestPostgres();
const t0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/** Two stores over one database, as two server processes would open it. */
interface SharedDatabase {
  name: string;
  skip: string | false;
  open: (t: TestContext) => Promise<[CommentStore, CommentStore]>;
}

const databases: SharedDatabase[] = [
  {
    name: 'sqlite file',
    skip: false,
    open: async (t) => {
      const temp = await makeTempDir();
      const file = path.join(temp.dir, 'shared.db');
      const stores: [CommentStore, CommentStore] = [createSqliteStore(file), createSqliteStore(file)];
      t.after(async () => {
        await Promise.all(stores.map((store) => store.close()));
        await temp.remove();
      });
      return stores;
    },
  },
  {
    name: 'postgres',
    skip: testPg ? false : 'no PostgreSQL',
    open: async (t) => {
      const schema = await testPg!.createSchema();
      const first = await createPostgresStore(schema.url);
      const second = await createPostgresStore(schema.url);
      t.after(async () => {
        await Promise.all([first.close(), second.close()]);
        await schema.drop();
      });
      return [first, second];
    },
  },
];

/** Apps A and B, each over its own store on one database, sharing a site, secret and clock. */
async function makeApps(t: TestContext, database: SharedDatabase, siteOverrides: Record<string, unknown>) {
  const site = SiteConfigSchema.parse({ id: 'blog', origins: ['https://blog.example'], ...siteOverrides });
  const config = {
    sites: [site],
    now: () => t0,
    trustProxy: true,
    secret: 'a-server-secret-that-is-long-enough-1234',
  };
  const apps = (await database.open(t)).map((store) => createApp(store, config));
  return apps.map((app) => ({
    app,
    post: (thread: string, body: unknown, ip = '203.0.113.7') =>
      app.request(commentsUrl(thread), jsonPost(body, { 'X-Forwarded-For': ip })),
  }));
}

async function assertCreated(response: Response): Promise<void> {
  assert.equal(response.status, 201, await response.clone().text());
}

for (const database of databases) {
  describe(
    `abuse state shared by two apps over one database (${database.name})`,
    { skip: database.skip },
    () => {
      test('a solution spent through app A is refused by app B', async (t) => {
        const [a, b] = await makeApps(t, database, {
          proofOfWork: { maxNumber: 1000 },
          limits: { minComposeSeconds: 0 },
        });
        const altcha = await solveToAltcha(await (await a!.app.request('/api/v1/challenge')).json());
        await assertCreated(await a!.post('/a', makeNewComment({ body: 'From A', altcha })));
        await assertError(
          await b!.post('/a', makeNewComment({ body: 'Replayed on B', altcha })),
          400,
          'proof_of_work_failed',
          'altcha',
        );
        // B's own challenge still works: the refusal is about the spent solution, not about B.
        const fresh = await solveToAltcha(await (await b!.app.request('/api/v1/challenge')).json());
        await assertCreated(await b!.post('/a', makeNewComment({ body: 'Fresh on B', altcha: fresh })));
      });

      test("posts through A and B count against one network's and one thread's limits", async (t) => {
        const [a, b] = await makeApps(t, database, {
          proofOfWork: { enabled: false },
          limits: { postsPerMinutePerIp: 3, postsPerMinutePerThread: 2 },
        });
        await assertCreated(await a!.post('/t1', makeNewComment({ body: 'One' })));
        await assertCreated(await b!.post('/t2', makeNewComment({ body: 'Two' })));
        await assertCreated(await a!.post('/t1', makeNewComment({ body: 'Three' }), '198.51.100.1'));
        // /t1 had its two posts (both through A): B refuses a third from anyone.
        const threadFull = await b!.post('/t1', makeNewComment({ body: 'Four' }), '198.51.100.2');
        assert.match(threadFull.headers.get('retry-after') ?? '', /^\d+$/);
        await assertError(threadFull, 429, 'rate_limited');
        // 203.0.113.7 posted once through each app; one more is its third, the fourth is refused.
        await assertCreated(await b!.post('/t3', makeNewComment({ body: 'Five' })));
        const networkFull = await a!.post('/t4', makeNewComment({ body: 'Six' }));
        const seconds = Number(networkFull.headers.get('retry-after'));
        assert.ok(seconds >= 1 && seconds <= 60, `Retry-After ${seconds}`);
        await assertError(networkFull, 429, 'rate_limited');
      });
    },
  );
}
