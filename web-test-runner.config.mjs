// Browser tests: real Chromium (Debian's, or $CHROME_PATH), TypeScript through esbuild.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, findChromium } from './scripts/find-chromium.mjs';
import { liveEventsMiddleware } from './test/helpers/live-events-server.mjs';

export default {
  files: ['test/{elements,storage,sync,internal,protocol,controllers,admin}/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // A real event-stream endpoint for the live-update tests (EventSource bypasses fetch fakes).
  middleware: [liveEventsMiddleware],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs } }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 5000 } },
  testsFinishTimeout: 180_000,
};
