import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { adminTokenFailuresMax, adminTokenWindowMs } from '../../server/src/admin/admin-token-throttle.js';
import { createApp } from '../../server/src/app.js';
import type { CommentStore } from '../../server/src/store/comment-store.js';
import { adaToken, admin, admins, sites } from './helpers/admin-harness.js';
import { apiBackends, startMs } from './helpers/api-harness.js';
import { assertError } from './helpers/http.js';

for (const backend of apiBackends) {
  describe(`admin token throttle over ${backend.name}`, () => {
    let store: CommentStore;
    let cleanup: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    const clock = { ms: startMs };

    beforeEach(async () => {
      ({ store, cleanup } = await backend.open());
      clock.ms = startMs;
      app = createApp(store, { sites, admins, trustProxy: true, now: () => clock.ms });
    });
    afterEach(() => cleanup());

    const ask = (token: string | null, ip = '192.0.2.9') =>
      app.request(`${admin}/me`, {
        headers: {
          'X-Forwarded-For': ip,
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        },
      });
    const guess = (n: number) => `wrong-guess-${String(n).padStart(20, '0')}`;

    it('refuses every token from a network after too many wrong ones, the right one too, until the window closes', async () => {
      for (let n = 0; n < adminTokenFailuresMax; n++) {
        // Right tokens in between are not failures.
        assert.equal((await ask(adaToken)).status, 200);
        await assertError(await ask(guess(n)), 401, 'unauthorized');
        clock.ms += 1000;
      }

      const refused = await ask(guess(99));
      const retryAfter = Number(refused.headers.get('retry-after'));
      await assertError(refused, 429, 'too_many_attempts');
      assert.equal(retryAfter, (adminTokenWindowMs - adminTokenFailuresMax * 1000) / 1000);
      await assertError(await ask(adaToken), 429, 'too_many_attempts');
      // Another network, and a request with no token at all, are not held back.
      assert.equal((await ask(adaToken, '198.51.100.4')).status, 200);
      await assertError(await ask(null), 401, 'unauthorized');

      clock.ms = startMs + adminTokenWindowMs;
      assert.equal((await ask(adaToken)).status, 200);
    });

    it('counts admin tokens guessed on the public API against the same budget', async () => {
      const mine = (token: string, ip = '192.0.2.9') =>
        app.request('/api/v1/threads/t/comments/mine', {
          headers: { 'X-Forwarded-For': ip, Authorization: `Bearer ${token}` },
        });
      for (let n = 0; n < adminTokenFailuresMax; n++) {
        // An admin token is taken on the public API (this route wants an SSO reader, so it
        // answers 401 for it), and is no failure: otherwise the guesses below would hit 429 early.
        const asAdmin = await mine(adaToken);
        assert.equal(asAdmin.status, 401);
        assert.match(await asAdmin.text(), /Sign in through the site/);
        await assertError(await mine(guess(n)), 401, 'auth_required');
      }
      await assertError(await mine(guess(99)), 429, 'too_many_attempts');
      await assertError(await mine(adaToken), 429, 'too_many_attempts');
      await assertError(await ask(adaToken), 429, 'too_many_attempts');
      // Readers' own tokens are no guesses: an SSO token, even a forged one, still gets its own
      // answer, so a site that rotated its secret still tells readers to sign in again.
      await assertError(await mine(`${guess(1)}.e30.sig`), 401, 'sso_token_invalid');
      await assertError(await mine(`hga_${'x'.repeat(43)}`), 401, 'auth_required');
      await assertError(await mine(adaToken, '198.51.100.4'), 401, 'auth_required');
    });
  });
}
