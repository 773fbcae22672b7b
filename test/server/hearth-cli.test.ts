import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SiteConfigSchema } from '../../server/src/site-config.js';
import { createSqliteStore } from '../../server/src/store/sqlite-store.js';
import { makeTempDir } from './helpers/fixtures.js';
import { runHearthCli } from './helpers/hearth-cli.js';

const fixtures = fileURLToPath(new URL('./fixtures/import/', import.meta.url));

describe('the hearth command', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string>;
  let database: string;

  before(async () => {
    temp = await makeTempDir();
    database = path.join(temp.dir, 'hearth.db');
    const config = path.join(temp.dir, 'hearth.config.json');
    await writeFile(
      config,
      JSON.stringify({
        sites: [
          { id: 'blog', origins: ['https://blog.example.org'] },
          { id: 'docs', origins: ['https://docs.example.org'] },
        ],
      }),
    );
    env = { DATABASE_URL: `sqlite:${database}`, HEARTH_CONFIG: config };
  });
  after(async () => temp.remove());

  it('prints its commands, and each command’s options, with --help', async () => {
    const help = await runHearthCli(['--help'], env);
    assert.equal(help.code, 0);
    for (const command of ['import', 'export', 'backup', 'check-config', 'admin-token']) {
      assert.match(help.stdout, new RegExp(`^  ${command}`, 'm'));
      const own = await runHearthCli([command, '--help'], env);
      assert.equal(own.code, 0, own.stderr);
      assert.match(own.stdout, new RegExp(`^Usage: hearth ${command}`));
    }
    const unknown = await runHearthCli(['imprt'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "imprt"/);
  });

  it('runs from its bundle, and rebuilds the bundle once a source it was built from changes', async () => {
    const dist = fileURLToPath(new URL('../../server/dist/', import.meta.url));
    const bundle = path.join(dist, 'hearth.mjs');
    const inputsFile = path.join(dist, 'hearth.inputs.json');
    const decoy = 'export async function main() { process.stdout.write("from the decoy\\n"); }\n';
    try {
      assert.equal((await runHearthCli(['--help'], env)).code, 0);
      const inputs = JSON.parse(await readFile(inputsFile, 'utf8')) as Record<string, string>;
      for (const source of [
        'server/src/cli/hearth.ts',
        'server/src/import/import-run.ts',
        'src/protocol/limits.ts',
      ]) {
        assert.ok(inputs[source], `${source} should be one of the bundle's inputs`);
      }
      // Up to date: the bundle is run as it is, not built again.
      await writeFile(bundle, decoy);
      assert.equal((await runHearthCli(['--help'], env)).stdout, 'from the decoy\n');
      // A source changed since: built again before it runs, and an earlier build's chunk goes.
      const staleChunk = path.join(dist, 'chunk-EARLIER.mjs');
      await writeFile(staleChunk, 'export {};\n');
      await writeFile(inputsFile, JSON.stringify({ ...inputs, 'server/src/cli/hearth.ts': '0:0' }));
      const rebuilt = await runHearthCli(['--help'], env);
      assert.match(rebuilt.stdout, /^Usage: hearth <command>/);
      assert.deepEqual(JSON.parse(await readFile(inputsFile, 'utf8')), inputs);
      assert.ok(!existsSync(staleChunk), 'the earlier chunk is removed');
    } finally {
      await rm(bundle, { force: true });
      await rm(inputsFile, { force: true });
    }
  });

  it('imports a WordPress export, prints the summary, and adds nothing the second time', async () => {
    const file = path.join(fixtures, 'wordpress-1.2.xml');
    // The fixture holds a bad record on purpose (an impossible date): --skip-bad reports it.
    const dry = await runHearthCli(['import', file, '--site', 'blog', '--dry-run', '--skip-bad'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /^Would import into site "blog" from wordpress \(dry run: nothing was written\):/,
    );
    assert.ok(!existsSync(database) || (await countComments()) === 0, 'a dry run writes nothing');

    const first = await runHearthCli(['import', file, '--site', 'blog', '--skip-bad'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout.replace(/^Would import/, 'Imported').split('\n')[1], dry.stdout.split('\n')[1]);
    const imported = Number(/^ {2}comments: +(\d+)$/m.exec(first.stdout)?.[1]);
    assert.ok(imported > 0);
    assert.match(first.stdout, /^ {4}pingback: 1$/m);
    assert.match(
      first.stdout,
      /^ {2}bad records skipped \(--skip-bad\): 1\n {4}line \d+, column \d+: comment "9": .*is not a date$/m,
    );
    assert.equal(await countComments(), imported);

    const again = await runHearthCli(
      ['import', file, '--site', 'blog', '--format', 'wordpress', '--skip-bad'],
      env,
    );
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^ {2}comments: +0$/m);
    assert.match(again.stdout, new RegExp(`^  already imported \\(left as they are\\): ${imported}$`, 'm'));
    assert.equal(await countComments(), imported);
  });

  it('imports nothing from a file that is not well-formed, and says where', async () => {
    const result = await runHearthCli(
      ['import', path.join(fixtures, 'disqus-not-well-formed.xml'), '--site', 'docs'],
      env,
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /line \d+, column \d+: .*Nothing was imported\./);
    assert.equal(await countComments('docs'), 0);
  });

  it('imports nothing when a record is bad, and the rest with --skip-bad', async () => {
    const file = path.join(fixtures, 'disqus.xml');
    const refused = await runHearthCli(['import', file, '--site', 'docs'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /bad records? in the file; nothing was imported/);
    assert.match(
      refused.stderr,
      /^ {2}line 140, column 3: post "5007": createdAt "last Tuesday" is not a date$/m,
    );
    assert.match(refused.stderr, /--skip-bad/);
    assert.equal(await countComments('docs'), 0);

    // Disqus hands its export out gzipped: the file is read as it comes.
    const gzipped = path.join(temp.dir, 'disqus.xml.gz');
    await writeFile(gzipped, gzipSync(await readFile(file)));
    const dry = await runHearthCli(['import', gzipped, '--site', 'docs', '--skip-bad', '--dry-run'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /from disqus \(dry run/);

    const skipped = await runHearthCli(['import', file, '--site', 'docs', '--skip-bad'], env);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.equal(skipped.stdout.split('\n').slice(1).join('\n'), dry.stdout.split('\n').slice(1).join('\n'));
    assert.match(skipped.stdout, /bad records skipped \(--skip-bad\): \d+/);
    assert.ok((await countComments('docs')) > 0);
  });

  it('refuses a wrong command line with status 2, and an unknown site with 1', async () => {
    const file = path.join(fixtures, 'disqus.xml');
    const noSite = await runHearthCli(['import', file], env);
    assert.equal(noSite.code, 2);
    assert.match(noSite.stderr, /--site is required: one of blog, docs/);
    const unknown = await runHearthCli(['import', file, '--site', 'shop'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no site "shop" in .*hearth\.config\.json; the sites are: blog, docs/);
    const badFormat = await runHearthCli(['import', file, '--site', 'blog', '--format', 'xml'], env);
    assert.equal(badFormat.code, 2);
    const wrongFormat = await runHearthCli(['import', file, '--site', 'blog', '--format', 'remark42'], env);
    assert.equal(wrongFormat.code, 1);
    assert.match(wrongFormat.stderr, /does not look like a remark42 export/);
  });

  it('backs up the SQLite database while it is open and written to', async () => {
    const store = createSqliteStore(database);
    try {
      const copy = path.join(temp.dir, 'backup.db');
      const result = await runHearthCli(['backup', copy], env);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Backed up .*hearth\.db to .*backup\.db \(\d+ pages\)\./);
      const backup = createSqliteStore(copy);
      try {
        assert.deepEqual(await backup.listSiteIds(), await store.listSiteIds());
        assert.equal((await backup.listSiteComments('blog', 0, 1000)).length, await countComments());
      } finally {
        await backup.close();
      }
      const again = await runHearthCli(['backup', copy], env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /exists already/);
    } finally {
      await store.close();
    }
    const postgres = await runHearthCli(['backup', 'x.db'], {
      ...env,
      DATABASE_URL: 'postgres://h@127.0.0.1:5432/h',
    });
    assert.equal(postgres.code, 1);
    assert.match(postgres.stderr, /pg_dump/);
  });

  it('checks the configuration as start-up does, and makes admin tokens the config accepts', async () => {
    const good = await runHearthCli(['check-config'], env);
    assert.equal(good.code, 0, good.stderr);
    assert.match(
      good.stdout,
      /^Configuration OK: .*hearth\.config\.json\n {2}site blog: https:\/\/blog\.example\.org/,
    );

    const bad = path.join(temp.dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ sites: [{ id: 'Blog!', origins: ['blog.example.org'] }] }));
    const refused = await runHearthCli(['check-config'], { ...env, HEARTH_CONFIG: bad });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /sites\.0\.id: /);
    assert.match(refused.stderr, /sites\.0\.origins\.0: /);
    const badPort = await runHearthCli(['check-config'], { ...env, PORT: 'eighty' });
    assert.equal(badPort.code, 1);
    assert.match(badPort.stderr, /PORT must be/);

    const token = await runHearthCli(['admin-token'], env);
    assert.equal(token.code, 0);
    const value = token.stdout.trim();
    assert.match(value, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual((await runHearthCli(['admin-token'], env)).stdout.trim(), value);
    const withAdmin = {
      sites: [{ id: 'blog', origins: ['https://blog.example.org'] }],
      admins: [{ name: 'ada', token: value }],
    };
    assert.ok(SiteConfigSchema.safeParse(withAdmin.sites[0]).success);
    const adminConfig = path.join(temp.dir, 'admin.json');
    await writeFile(adminConfig, JSON.stringify(withAdmin));
    const accepted = await runHearthCli(['check-config'], { ...env, HEARTH_CONFIG: adminConfig });
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.match(accepted.stdout, /admins: ada/);
  });

  /** How many comments (any status) a site holds in the test's database. */
  async function countComments(site = 'blog'): Promise<number> {
    const store = createSqliteStore(database);
    try {
      return (await store.listSiteComments(site, 0, 100_000)).length;
    } finally {
      await store.close();
    }
  }
});
