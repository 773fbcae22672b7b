import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadHearthConfig } from '../../server/src/config-file.js';
import { demoSite } from '../../server/src/site-config.js';
import { makeTempDir } from './helpers/fixtures.js';
import { repoRoot } from './helpers/server-process.js';

const adminToken = 'admin-token-abcdefghijklmnopqrstuvwxyz';
const ssoSecret = 'sso-secret-0123456789abcdefghijklmnop';

/** A minimal valid config file's content; override any top-level field. */
function validConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { sites: [{ id: 'blog', origins: ['https://blog.example'] }], ...overrides };
}

describe('loadHearthConfig', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let count = 0;
  /** Writes `content` (JSON-encoded unless a string) to a fresh file and returns its path. */
  const writeConfig = async (content: unknown): Promise<string> => {
    const file = path.join(temp.dir, `config-${++count}.json`);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };
  /** The message of the error loading `content` throws. */
  const loadError = async (content: unknown, env: Record<string, string> = {}): Promise<string> => {
    const file = await writeConfig(content);
    try {
      loadHearthConfig({ HEARTH_CONFIG: file, ...env }, temp.dir);
    } catch (error) {
      return (error as Error).message;
    }
    assert.fail(`expected ${JSON.stringify(content)} to be refused`);
  };

  before(async () => {
    temp = await makeTempDir();
  });
  after(async () => {
    await temp.remove();
  });

  it('serves the demo site alone when there is no file', async () => {
    const emptyRoot = path.join(temp.dir, 'empty-root');
    await mkdir(emptyRoot);
    const loaded = loadHearthConfig({}, emptyRoot);
    assert.equal(loaded.file, null);
    assert.deepEqual(loaded.config, {
      sites: [demoSite],
      admins: [],
      trustProxy: false,
      compression: true,
      sourceMaps: false,
      streamsPerClient: 20,
      jobLeaseSeconds: 60,
    });
    assert.deepEqual(demoSite.origins, ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']);
    assert.equal(demoSite.moderation, 'none');
    // An empty variable counts as unset.
    assert.equal(loadHearthConfig({ HEARTH_CONFIG: '  ' }, emptyRoot).file, null);
  });

  it('reads hearth.config.json at the repository root, and fills in every default', async () => {
    const root = path.join(temp.dir, 'root-with-file');
    await mkdir(root);
    await writeFile(path.join(root, 'hearth.config.json'), JSON.stringify(validConfig()));
    const loaded = loadHearthConfig({}, root);
    assert.equal(loaded.file, path.join(root, 'hearth.config.json'));
    assert.deepEqual(loaded.config, {
      sites: [
        {
          id: 'blog',
          origins: ['https://blog.example'],
          moderation: 'none',
          editWindowMinutes: 15,
          guests: true,
          maxLinks: 3,
          blocklist: [],
          limits: {
            postsPerMinutePerIp: 5,
            postsPerHourPerIp: 30,
            postsPerMinutePerThread: 30,
            minComposeSeconds: 3,
            duplicateWindowMinutes: 10,
          },
          proofOfWork: { enabled: true, maxNumber: 50_000, expiresSeconds: 1800 },
        },
      ],
      admins: [],
      trustProxy: false,
      compression: true,
      sourceMaps: false,
      streamsPerClient: 20,
      jobLeaseSeconds: 60,
    });
  });

  it('resolves a relative HEARTH_CONFIG against the repository root, not the working directory', async () => {
    const file = await writeConfig(validConfig({ trustProxy: true }));
    const relative = path.relative(temp.dir, file);
    assert.ok(!path.isAbsolute(relative));
    const loaded = loadHearthConfig({ HEARTH_CONFIG: relative }, temp.dir);
    assert.equal(loaded.file, file);
    assert.equal(loaded.config.trustProxy, true);
  });

  it('keeps every field a full config sets', async () => {
    const full = {
      sites: [
        {
          id: 'blog',
          origins: ['https://blog.example', 'http://localhost:*'],
          moderation: 'first-time',
          editWindowMinutes: 0,
          guests: false,
          sso: { secret: ssoSecret, holdNewUsers: true, emailsVerified: false },
          maxLinks: 0,
          blocklist: ['casino'],
          limits: {
            postsPerMinutePerIp: 2,
            postsPerHourPerIp: 10,
            postsPerMinutePerThread: 5,
            minComposeSeconds: 0,
            duplicateWindowMinutes: 1,
          },
          proofOfWork: { enabled: false, maxNumber: 1000, expiresSeconds: 60 },
        },
        { id: 'docs-2', origins: ['https://docs.example:8443'], moderation: 'all' },
      ],
      admins: [{ name: 'Ada', token: adminToken, email: 'ada@blog.example' }],
      secret: 'server-secret-0123456789abcdefghijk',
      trustProxy: true,
      compression: false,
      sourceMaps: true,
      streamsPerClient: 50,
      email: {
        smtpUrl: 'smtps://mail.example:465',
        from: 'Blog <comments@blog.example>',
        delaySeconds: 30,
        digestMinutes: 10,
      },
      publicUrl: 'https://comments.blog.example',
      jobLeaseSeconds: 120,
    };
    const { config } = loadHearthConfig({ HEARTH_CONFIG: await writeConfig(full) }, temp.dir);
    assert.deepEqual(config.sites[0], full.sites[0]);
    assert.deepEqual(
      config.sites.map((site) => [site.id, site.moderation]),
      [
        ['blog', 'first-time'],
        ['docs-2', 'all'],
      ],
    );
    assert.deepEqual(config.admins, full.admins);
    assert.equal(config.secret, full.secret);
    assert.equal(config.trustProxy, true);
    assert.equal(config.compression, false);
    assert.equal(config.sourceMaps, true);
    assert.equal(config.streamsPerClient, 50);
    assert.deepEqual(
      [config.email, config.publicUrl, config.jobLeaseSeconds],
      [full.email, full.publicUrl, full.jobLeaseSeconds],
    );
  });

  it('reports every invalid field on its own line, naming its path', async () => {
    const cases: [config: unknown, line: RegExp][] = [
      [{}, /^ {2}sites: is required$/m],
      [{ sites: [] }, /^ {2}sites: must list at least one site$/m],
      [validConfig({ sites: [{ origins: ['https://a.example'] }] }), /^ {2}sites\.0\.id: is required$/m],
      [
        validConfig({ sites: [{ id: 'Blog!', origins: ['https://a.example'] }] }),
        /^ {2}sites\.0\.id: must be/m,
      ],
      [validConfig({ sites: [{ id: 'a', origins: [] }] }), /^ {2}sites\.0\.origins: must list at least one/m],
      [
        validConfig({ sites: [{ id: 'a', origins: ['https://a.example', 'https://a.example/'] }] }),
        /^ {2}sites\.0\.origins\.1: must look like https:\/\/example\.org/m,
      ],
      [
        validConfig({ sites: [{ id: 'a', origins: ['a.example'] }] }),
        /^ {2}sites\.0\.origins\.0: must look like/m,
      ],
      [
        validConfig({ sites: [{ id: 'a', origins: ['https://a.example'], moderation: 'some' }] }),
        /^ {2}sites\.0\.moderation: must be one of "none", "first-time", "all"$/m,
      ],
      [
        validConfig({ sites: [{ id: 'a', origins: ['https://a.example'], editWindowMinutes: -1 }] }),
        /^ {2}sites\.0\.editWindowMinutes: must be at least 0$/m,
      ],
      [
        validConfig({ sites: [{ id: 'a', origins: ['https://a.example'], guests: 'yes' }] }),
        /^ {2}sites\.0\.guests: must be true or false$/m,
      ],
      [
        validConfig({ sites: [{ id: 'a', origins: ['https://a.example'], sso: { secret: 'short' } }] }),
        /^ {2}sites\.0\.sso\.secret: must be at least 32 characters$/m,
      ],
      [
        validConfig({
          sites: [{ id: 'a', origins: ['https://a.example'], limits: { postsPerMinutePerIp: 1.5 } }],
        }),
        /^ {2}sites\.0\.limits\.postsPerMinutePerIp: must be a whole number$/m,
      ],
      [
        validConfig({
          sites: [{ id: 'a', origins: ['https://a.example'], proofOfWork: { maxNumber: 10 } }],
        }),
        /^ {2}sites\.0\.proofOfWork\.maxNumber: must be at least 1000$/m,
      ],
      [
        validConfig({ sites: [{ id: 'a', origins: ['https://a.example'], blocklist: [''] }] }),
        /^ {2}sites\.0\.blocklist\.0: /m,
      ],
      [
        validConfig({
          sites: [{ id: 'a', origins: ['https://a.example'], threadUrl: 'https://a.example/posts' }],
        }),
        /^ {2}sites\.0\.threadUrl: must be an http\(s\) address holding \{thread\} once$/m,
      ],
      [
        validConfig({
          sites: [{ id: 'a', origins: ['https://a.example'], threadUrl: 'ftp://a.example{thread}' }],
        }),
        /^ {2}sites\.0\.threadUrl: must be an http\(s\) address/m,
      ],
      [
        validConfig({ sites: [{ id: 'a', origins: ['https://a.example'], orgins: [] }] }),
        /^ {2}sites\.0\.orgins: unknown field$/m,
      ],
      [validConfig({ admins: [{ name: 'Ada' }] }), /^ {2}admins\.0\.token: is required$/m],
      [
        validConfig({ admins: [{ name: 'Ada', token: 'too-short' }] }),
        /^ {2}admins\.0\.token: must be at least 24 characters$/m,
      ],
      [
        validConfig({ admins: [{ name: 'Ada', token: 'has a space in the middle of it' }] }),
        /^ {2}admins\.0\.token: must not contain spaces$/m,
      ],
      [
        validConfig({ admins: [{ name: 'Ada', token: `hga_${'A'.repeat(43)}` }] }),
        /^ {2}admins\.0\.token: must not look like an SSO token \(a JWT\) or an author token/m,
      ],
      [
        validConfig({ admins: [{ name: 'Ada', token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' }] }),
        /^ {2}admins\.0\.token: must not look like an SSO token/m,
      ],
      [validConfig({ secret: 'short' }), /^ {2}secret: must be at least 32 characters$/m],
      [validConfig({ trustProxy: 'yes' }), /^ {2}trustProxy: must be true or false$/m],
      [validConfig({ compression: 'off' }), /^ {2}compression: must be true or false$/m],
      [validConfig({ sourceMaps: 'yes' }), /^ {2}sourceMaps: must be true or false$/m],
      [validConfig({ streamsPerClient: 0 }), /^ {2}streamsPerClient: /m],
      [validConfig({ port: 8787 }), /^ {2}port: unknown field$/m],
      [[validConfig()], /^ {2}\(root\): must be an object$/m],
    ];
    for (const [config, line] of cases) {
      const message = await loadError(config);
      assert.match(message, /^invalid configuration in .*config-\d+\.json:$/m, message);
      assert.match(message, line, message);
    }
  });

  it('lists all the problems of one file at once, and never echoes a secret', async () => {
    const message = await loadError({
      sites: [{ id: 'A', origins: ['nope'], sso: { secret: 'secret-value-too-short' } }],
      admins: [{ name: 'Ada', token: 'tok-value-too-short' }],
    });
    const lines = message.split('\n').slice(1);
    assert.deepEqual(
      lines.map((line) => line.split(':')[0]),
      ['  sites.0.id', '  sites.0.origins.0', '  sites.0.sso.secret', '  admins.0.token'],
    );
    assert.doesNotMatch(message, /secret-value-too-short|tok-value-too-short/);
  });

  it('refuses duplicate site ids, an origin on two sites, and indistinguishable admins', async () => {
    const twice = await loadError({
      sites: [
        { id: 'blog', origins: ['https://blog.example'] },
        { id: 'blog', origins: ['https://other.example'] },
      ],
    });
    assert.match(twice, /^ {2}sites\.1\.id: duplicate site id "blog"$/m);

    const shared = await loadError({
      sites: [
        { id: 'blog', origins: ['https://blog.example'] },
        // The same origin spelled with its default port and in capitals.
        { id: 'docs', origins: ['https://docs.example', 'HTTPS://Blog.Example:443'] },
      ],
    });
    assert.match(shared, /^ {2}sites\.1\.origins\.1: origin .* is already listed by site "blog"$/m);

    const admins = await loadError(
      validConfig({
        admins: [
          { name: 'Ada', token: adminToken },
          { name: 'Ada', token: `${adminToken}-2` },
          { name: 'Bo', token: adminToken },
        ],
      }),
    );
    assert.match(admins, /^ {2}admins\.1\.name: duplicate admin name "Ada"/m);
    assert.match(admins, /^ {2}admins\.2\.token: the same token as admins\.0/m);
    assert.doesNotMatch(admins, new RegExp(adminToken));
  });

  it('names the file, line and column of a JSON syntax error', async () => {
    const cases: [text: string, where: string][] = [
      ['{\n  "sites": [],\n}\n', 'line 3, column 1'],
      ['{\n  "sites": [\n    { "id": "a" "origins": [] }\n  ]\n}', 'line 3, column 17'],
      ['{ "sites": }', 'line 1, column 12'],
      ['{ "sites": [', 'line 1, column 13'],
      ['', 'line 1, column 1'],
      ['{} trailing', 'line 1, column 4'],
      ["{ 'sites': [] }", 'line 1, column 3'],
    ];
    for (const [text, where] of cases) {
      const file = await writeConfig(text);
      assert.throws(
        () => loadHearthConfig({ HEARTH_CONFIG: file }, temp.dir),
        (error: Error) => {
          assert.ok(error.message.startsWith(`${file} is not valid JSON: `), error.message);
          assert.ok(error.message.endsWith(` at ${where}.`), `${JSON.stringify(text)}: ${error.message}`);
          return true;
        },
      );
    }
  });

  it('accepts a file saved with a byte order mark', async () => {
    const file = await writeConfig(`\uFEFF${JSON.stringify(validConfig())}`);
    assert.equal(loadHearthConfig({ HEARTH_CONFIG: file }, temp.dir).config.sites[0]!.id, 'blog');
  });

  it('names HEARTH_CONFIG when its file does not exist or cannot be read', async () => {
    const missing = path.join(temp.dir, 'nowhere', 'hearth.json');
    assert.throws(
      () => loadHearthConfig({ HEARTH_CONFIG: missing }, temp.dir),
      new Error(`HEARTH_CONFIG names ${missing}, which does not exist.`),
    );
    assert.throws(
      () => loadHearthConfig({ HEARTH_CONFIG: temp.dir }, temp.dir),
      /^Error: cannot read the configuration file .*EISDIR/,
    );
  });

  it('applies HEARTH_ADMIN_TOKEN, HEARTH_SECRET, HEARTH_TRUST_PROXY and HEARTH_COMPRESSION over the file', async () => {
    const file = await writeConfig(
      validConfig({
        admins: [
          { name: 'Ada', token: `${adminToken}-ada` },
          { name: 'admin', token: `${adminToken}-old` },
        ],
        secret: 'file-secret-0123456789abcdefghijklmnop',
        trustProxy: true,
        compression: true,
      }),
    );
    const { config } = loadHearthConfig(
      {
        HEARTH_CONFIG: file,
        HEARTH_ADMIN_TOKEN: ` ${adminToken} `,
        HEARTH_SECRET: 'env-secret-0123456789abcdefghijklmnopq',
        HEARTH_TRUST_PROXY: 'false',
        HEARTH_COMPRESSION: '0',
      },
      temp.dir,
    );
    assert.deepEqual(config.admins, [
      { name: 'Ada', token: `${adminToken}-ada` },
      { name: 'admin', token: adminToken },
    ]);
    assert.equal(config.secret, 'env-secret-0123456789abcdefghijklmnopq');
    assert.equal(config.trustProxy, false);
    assert.equal(config.compression, false);
    assert.equal(config.sites[0]!.id, 'blog');
  });

  it('applies the environment to the demo site too', async () => {
    const emptyRoot = path.join(temp.dir, 'env-only');
    await mkdir(emptyRoot);
    for (const [value, expected] of [
      ['1', true],
      ['TRUE', true],
      ['0', false],
      ['false', false],
    ] as const) {
      const { config, file } = loadHearthConfig(
        {
          HEARTH_ADMIN_TOKEN: adminToken,
          HEARTH_TRUST_PROXY: value,
          HEARTH_COMPRESSION: value,
          HEARTH_SOURCE_MAPS: value,
        },
        emptyRoot,
      );
      assert.equal(file, null);
      assert.deepEqual(config.sites, [demoSite]);
      assert.deepEqual(config.admins, [{ name: 'admin', token: adminToken }]);
      assert.equal(config.trustProxy, expected, value);
      assert.equal(config.compression, expected, value);
      assert.equal(config.sourceMaps, expected, value);
      assert.equal(config.secret, undefined);
    }
  });

  it('refuses a bad HEARTH_ADMIN_TOKEN, HEARTH_SECRET, HEARTH_TRUST_PROXY or HEARTH_COMPRESSION, naming it without echoing it', async () => {
    const emptyRoot = path.join(temp.dir, 'bad-env');
    await mkdir(emptyRoot);
    const cases: [env: Record<string, string>, line: RegExp, secret?: string][] = [
      [
        { HEARTH_ADMIN_TOKEN: 'short-admin-token' },
        /^ {2}HEARTH_ADMIN_TOKEN: must be at least 24 characters \(it has 17\)$/m,
        'short-admin-token',
      ],
      [
        { HEARTH_ADMIN_TOKEN: 'a token with spaces in the middle' },
        /^ {2}HEARTH_ADMIN_TOKEN: must not contain spaces$/m,
        'a token with spaces',
      ],
      [
        { HEARTH_ADMIN_TOKEN: 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' },
        /^ {2}HEARTH_ADMIN_TOKEN: must not look like an SSO token/m,
        'eyJhbGciOiJIUzI1NiJ9',
      ],
      [
        { HEARTH_SECRET: 'short-server-secret' },
        /^ {2}HEARTH_SECRET: must be at least 32 characters/m,
        'short-server-secret',
      ],
      [{ HEARTH_TRUST_PROXY: 'yes' }, /^ {2}HEARTH_TRUST_PROXY: must be 1, true, 0 or false, got "yes"$/m],
      [{ HEARTH_COMPRESSION: 'off' }, /^ {2}HEARTH_COMPRESSION: must be 1, true, 0 or false, got "off"$/m],
    ];
    for (const [env, line, secret] of cases) {
      assert.throws(
        () => loadHearthConfig(env, emptyRoot),
        (error: Error) => {
          assert.match(error.message, /^invalid configuration:$/m);
          assert.match(error.message, line);
          if (secret !== undefined) assert.ok(!error.message.includes(secret), error.message);
          return true;
        },
      );
    }
  });

  it('refuses the example file until its placeholder secrets are replaced, then loads it', async () => {
    const example = await readFile(path.join(repoRoot, 'hearth.config.example.json'), 'utf8');
    const message = await loadError(example);
    assert.deepEqual(message.split('\n').slice(1), [
      "  sites.0.sso.secret: is still the example's placeholder: generate one, e.g. with openssl rand -hex 32",
      "  admins.0.token: is still the example's placeholder: generate one, e.g. with openssl rand -hex 32",
      "  secret: is still the example's placeholder: generate one, e.g. with openssl rand -hex 32",
    ]);

    let n = 0;
    const filled = example.replace(
      /change-me[\w-]*/g,
      () => `generated-${++n}-0123456789abcdef0123456789abcdef`,
    );
    const { config } = loadHearthConfig({ HEARTH_CONFIG: await writeConfig(filled) }, temp.dir);
    assert.deepEqual(
      config.sites.map((site) => [site.id, site.origins, site.moderation, site.sso !== undefined]),
      [
        ['blog', ['https://blog.example.org', 'https://www.blog.example.org'], 'first-time', true],
        ['docs', ['https://docs.example.org', 'http://localhost:*'], 'all', false],
      ],
    );
    assert.equal(config.trustProxy, true);
    assert.deepEqual(
      config.admins.map((admin) => admin.name),
      ['Ada'],
    );

    const fromEnv = await loadError(validConfig(), {
      HEARTH_SECRET: 'change-me-to-a-long-random-server-secret',
    });
    assert.match(fromEnv, /^ {2}HEARTH_SECRET: is still the example's placeholder/m);
  });

  it('takes email from the file or HEARTH_SMTP_URL, HEARTH_MAIL_FROM and HEARTH_PUBLIC_URL, the environment winning', async () => {
    const email = { smtpUrl: 'smtp://mail.example:587', from: 'Comments <comments@blog.example>' };
    const file = await writeConfig(validConfig({ email, publicUrl: 'https://comments.example/' }));
    const fromFile = loadHearthConfig({ HEARTH_CONFIG: file }, temp.dir).config;
    assert.deepEqual([fromFile.email, fromFile.publicUrl], [email, 'https://comments.example']);
    // Behind a proxy that serves Hearth under a path, links keep the path.
    const prefixed = await writeConfig(validConfig({ email, publicUrl: 'https://example.org/hearth/' }));
    assert.equal(
      loadHearthConfig({ HEARTH_CONFIG: prefixed }, temp.dir).config.publicUrl,
      'https://example.org/hearth',
    );
    const overridden = loadHearthConfig(
      {
        HEARTH_CONFIG: file,
        HEARTH_SMTP_URL: 'smtps://hearth:pw@mail.example:465',
        HEARTH_PUBLIC_URL: 'https://hearth.example',
      },
      temp.dir,
    ).config;
    assert.deepEqual(overridden.email, { smtpUrl: 'smtps://hearth:pw@mail.example:465', from: email.from });
    assert.equal(overridden.publicUrl, 'https://hearth.example');
    const envOnly = loadHearthConfig(
      {
        HEARTH_CONFIG: await writeConfig(validConfig()),
        HEARTH_SMTP_URL: 'smtp://mail.example',
        HEARTH_MAIL_FROM: 'comments@blog.example',
        HEARTH_PUBLIC_URL: 'https://hearth.example',
      },
      temp.dir,
    ).config;
    assert.deepEqual(envOnly.email, { smtpUrl: 'smtp://mail.example', from: 'comments@blog.example' });
  });

  it('refuses half an email setting, email without publicUrl, and bad addresses, never echoing the SMTP URL', async () => {
    const smtpUrl = 'smtp://hearth:secret-password@mail.example';
    const half = await loadError(validConfig({ publicUrl: 'https://hearth.example' }), {
      HEARTH_SMTP_URL: smtpUrl,
    });
    assert.match(half, /^ {2}HEARTH_MAIL_FROM: needed with HEARTH_SMTP_URL/m);
    assert.doesNotMatch(half, /secret-password/);
    const noLinks = await loadError(validConfig({ email: { smtpUrl, from: 'comments@blog.example' } }));
    assert.match(noLinks, /^ {2}publicUrl: needed with email/m);
    const bad = await loadError(
      validConfig({
        email: { smtpUrl: 'http://mail.example', from: 'not an address' },
        publicUrl: 'ftp://x',
      }),
      { HEARTH_SMTP_URL: 'mail.example secret-password' },
    );
    assert.match(bad, /^ {2}email\.smtpUrl: must be an smtp:\/\/ or smtps:\/\/ address$/m);
    assert.match(bad, /^ {2}email\.from: must be an address, or Name <address>$/m);
    assert.match(bad, /^ {2}publicUrl: must be an http\(s\) address/m);
    assert.match(bad, /^ {2}HEARTH_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ address$/m);
    assert.doesNotMatch(bad, /secret-password/);
  });

  it('reports problems in the file and the environment together', async () => {
    const message = await loadError(validConfig({ secret: 'short' }), { HEARTH_ADMIN_TOKEN: 'short' });
    assert.match(message, /^ {2}secret: must be at least 32 characters$/m);
    assert.match(message, /^ {2}HEARTH_ADMIN_TOKEN: must be at least 24 characters/m);
  });

  it("keeps a site's webhooks, and refuses a bad one by path without echoing its secret", async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const webhooks = [
      { url: 'https://hooks.blog.example/hearth', events: ['comment.created', 'comment.held'], secret },
    ];
    const site = { id: 'blog', origins: ['https://blog.example'] };
    const { config } = loadHearthConfig(
      { HEARTH_CONFIG: await writeConfig({ sites: [{ ...site, webhooks }] }) },
      temp.dir,
    );
    assert.deepEqual(config.sites[0]!.webhooks, webhooks);
    assert.equal(config.sites[0]!.webhooks![0]!.secret, secret);

    const weak = 'whsec_c2hvcnQtc2VjcmV0';
    const message = await loadError({
      sites: [
        {
          ...site,
          webhooks: [
            { url: 'hooks.blog.example', events: ['comment.posted'], secret: weak },
            { url: 'https://hooks.blog.example', events: [], secret: 'whsec_change-me' },
          ],
        },
      ],
    });
    const howTo = 'make one with echo "whsec_$(openssl rand -base64 32)"';
    assert.deepEqual(message.split('\n').slice(1), [
      '  sites.0.webhooks.0.url: must be an http:// or https:// address',
      '  sites.0.webhooks.0.events.0: must be one of "comment.created", "comment.held", "comment.approved", "comment.edited", "comment.deleted"',
      `  sites.0.webhooks.0.secret: must be whsec_ and the base64 of 24 to 64 random bytes: ${howTo}`,
      '  sites.0.webhooks.1.events: must list at least one event',
      `  sites.0.webhooks.1.secret: is still the example's placeholder: ${howTo}`,
    ]);
    assert.doesNotMatch(message, /c2hvcnQtc2VjcmV0/);
  });
});
