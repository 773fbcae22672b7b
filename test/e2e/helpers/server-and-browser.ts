import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, requireBundle } from './browser.js';
import { startServer, type HearthServer, type StartServerOptions } from './server.js';

/** The server and browser a test file shares; read them in tests and hooks, not at import time. */
export interface ServerAndBrowser {
  readonly server: HearthServer;
  readonly browser: Browser;
}

/**
 * Registers node:test hooks that start a Hearth server and Chromium before the file's tests and
 * close both after them. `setUp` runs once both are up: node:test starts a top-level `before` as
 * soon as it is registered, so a second `before` in the file would not wait for this one.
 */
export function useServerAndBrowser(
  setUp?: (started: ServerAndBrowser) => Promise<void>,
  options: StartServerOptions = {},
): ServerAndBrowser {
  let server: HearthServer | undefined;
  let browser: Browser | undefined;

  function started<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`The ${what} is not running: use it inside a test or hook.`);
    return value;
  }

  const shared: ServerAndBrowser = {
    get server() {
      return started(server, 'Hearth server');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };

  before(async () => {
    requireBundle();
    server = await startServer(options);
    browser = await launchBrowser();
    await setUp?.(shared);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  return shared;
}
