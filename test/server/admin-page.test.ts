import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { AppEnv } from '../../server/src/app-deps.js';
import { createApp } from '../../server/src/app.js';
import { demoContentSecurityPolicy } from '../../server/src/routes/assets.js';
import { createMemoryStore } from '../../server/src/store/memory-store.js';
import { makeTempDir } from './helpers/fixtures.js';
import { assertError } from './helpers/http.js';

const adminHtml = '<!doctype html><title>Admin</title><script type="module" src="/admin.js"></script>\n';
const adminSource = 'export const admin = "page";\n';
const chunkSource = 'export const shared = 1;\n';

describe('the admin page', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let distDir: string;
  let app: Hono<AppEnv>;

  before(async () => {
    temp = await makeTempDir();
    distDir = path.join(temp.dir, 'dist');
    const demoDir = path.join(temp.dir, 'demo');
    await mkdir(path.join(distDir, 'admin-chunks'), { recursive: true });
    await mkdir(demoDir, { recursive: true });
    await writeFile(path.join(distDir, 'hearth.js'), 'export {};');
    await writeFile(path.join(distDir, 'admin.js'), adminSource);
    await writeFile(path.join(distDir, 'admin.js.map'), '{"version":3}');
    await writeFile(path.join(distDir, 'admin-chunks', 'lit-Ab12_c.js'), chunkSource);
    await writeFile(path.join(distDir, 'secret.js'), 'TOP SECRET');
    await writeFile(path.join(demoDir, 'admin.html'), adminHtml);
    app = createApp(createMemoryStore(), {
      assets: { widgetFile: path.join(distDir, 'hearth.js'), demoDir },
      sourceMaps: true,
    });
  });
  after(async () => {
    await temp.remove();
  });

  it('serves /admin from demo/admin.html under the strict policy, uncached and unindexed', async () => {
    const response = await app.request('/admin', { headers: { Origin: 'https://evil.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), demoContentSecurityPolicy);
    assert.doesNotMatch(demoContentSecurityPolicy, /unsafe-/);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.equal(response.headers.get('x-robots-tag'), 'noindex, nofollow');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.match(
      response.headers.get('permissions-policy') ?? '',
      /camera=\(\), .*geolocation=\(\), .*microphone=\(\)/,
    );
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(await response.text(), adminHtml);
  });

  it('serves /admin.js, its map and its chunks same-origin only, revalidated on every load', async () => {
    for (const [url, body, type] of [
      ['/admin.js', adminSource, 'text/javascript; charset=utf-8'],
      ['/admin.js.map', '{"version":3}', 'application/json; charset=utf-8'],
      ['/admin-chunks/lit-Ab12_c.js', chunkSource, 'text/javascript; charset=utf-8'],
    ] as const) {
      const response = await app.request(url, { headers: { Origin: 'https://evil.example' } });
      assert.equal(response.status, 200, url);
      assert.equal(response.headers.get('content-type'), type, url);
      assert.equal(response.headers.get('cache-control'), 'no-cache', url);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin', url);
      assert.equal(response.headers.get('access-control-allow-origin'), null, url);
      assert.equal(await response.text(), body, url);
    }
  });

  it('answers a matching If-None-Match with 304 and a rebuilt script with 200', async () => {
    const etag = (await app.request('/admin.js')).headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/);
    const cached = await app.request('/admin.js', { headers: { 'If-None-Match': etag! } });
    assert.equal(cached.status, 304);
    assert.equal(await cached.text(), '');

    await writeFile(path.join(distDir, 'admin.js'), `${adminSource}// rebuilt\n`);
    try {
      const rebuilt = await app.request('/admin.js', { headers: { 'If-None-Match': etag! } });
      assert.equal(rebuilt.status, 200);
      assert.notEqual(rebuilt.headers.get('etag'), etag);
    } finally {
      await writeFile(path.join(distDir, 'admin.js'), adminSource);
    }
  });

  it('serves no other file through the chunk route', async () => {
    for (const url of [
      '/admin-chunks/..%2fsecret.js',
      '/admin-chunks/.hidden.js',
      '/admin-chunks/missing-Zz.js',
      '/admin-chunks/lit-Ab12_c.css',
    ]) {
      const response = await app.request(url);
      const text = await response.text();
      assert.equal(response.status, 404, `${url}: ${text}`);
      assert.doesNotMatch(text, /TOP SECRET/, url);
    }
  });

  it('answers other methods with 405 and Allow', async () => {
    for (const url of ['/admin', '/admin.js']) {
      const response = await app.request(url, { method: 'POST' });
      assert.equal(response.headers.get('allow'), 'GET, HEAD', url);
      await assertError(response, 405, 'method_not_allowed');
    }
  });

  it('answers 503 with a hint to build when admin.js is missing, and 404 for a missing page', async () => {
    await rm(path.join(distDir, 'admin.js'));
    await rm(path.join(distDir, 'admin.js.map'));
    try {
      const response = await app.request('/admin.js');
      const text = await response.clone().text();
      await assertError(response, 503, 'widget_not_built');
      assert.match(text, /npm run build/);
      await assertError(await app.request('/admin.js.map'), 404, 'not_found');
    } finally {
      await writeFile(path.join(distDir, 'admin.js'), adminSource);
      await writeFile(path.join(distDir, 'admin.js.map'), '{"version":3}');
    }
    const noPage = createApp(createMemoryStore(), {
      assets: { widgetFile: path.join(distDir, 'hearth.js'), demoDir: path.join(temp.dir, 'nowhere') },
    });
    await assertError(await noPage.request('/admin'), 404, 'not_found');
  });

  it('serves nothing of the admin page when assets are not configured', async () => {
    const apiOnly = createApp(createMemoryStore());
    await assertError(await apiOnly.request('/admin'), 404, 'not_found');
    await assertError(await apiOnly.request('/admin.js'), 404, 'not_found');
  });
});
