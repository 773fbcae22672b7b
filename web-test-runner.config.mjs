// Browser tests: real Chromium (Debian's, or $CHROME_PATH), TypeScript through esbuild.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, findChromium } from './scripts/find-chromium.mjs';
import { bringToFrontPlugin } from './test/helpers/bring-to-front-plugin.mjs';
import { liveEventsMiddleware } from './test/helpers/live-events-server.mjs';

export default {
  // Every folder of browser tests under test/; test/server and test/e2e run under node:test.
  files: ['test/{admin,elements,internal,protocol,storage,sync}/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // A real event-stream endpoint for the live-update tests (EventSource bypasses fetch fakes).
  middleware: [liveEventsMiddleware],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), bringToFrontPlugin()],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs } }),
  ],
  concurrency: 2,
  // Per-test caps that only bound a hang: with both cores busy, a right test ran past mocha's 5 s.
  testFramework: { config: { timeout: 20_000 } },
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 600_000,
};
