import type { Hono } from 'hono';
import type { ChallengeResponse } from '../../../src/protocol/index.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { methodNotAllowed } from './method-not-allowed.js';

const challengePath = '/api/v1/challenge';

/**
 * Registers `GET /api/v1/challenge`: a proof-of-work challenge (ALTCHA v1 JSON: `algorithm`,
 * `challenge`, `maxnumber`, `salt`, `signature`) for the composer to solve while the reader
 * writes, or 204 when the request's site turns proof of work off. Every answer is
 * `no-store`: a cached challenge would be a spent one.
 */
export function registerChallengeRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get(challengePath, async (c) => {
    c.header('Cache-Control', 'no-store');
    const challenge = await deps.abuse.issueChallenge(c.get('site'), deps.config.now());
    if (challenge === null) return c.body(null, 204);
    const response: ChallengeResponse = challenge;
    return c.json(response, 200);
  });

  app.all(challengePath, methodNotAllowed(['GET', 'HEAD', 'OPTIONS']));
}
