// Finds the Chromium that browser tests, end-to-end tests and benchmarks drive.
// Order: $CHROME_PATH, then Debian's /usr/bin/chromium. Never downloads a browser.
import { existsSync } from 'node:fs';

/** What to run when there is no Chromium, printed by findChromium and scripts/ensure-chromium.mjs. */
export const installAdvice = [
  'Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)',
  'or point CHROME_PATH at any Chromium or Chrome executable.',
].join('\n');

/** Returns the path of a Chromium executable, or null when there is none. */
export function locateChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/** Returns the path of a Chromium executable, or exits with instructions when there is none. */
export function findChromium() {
  const found = locateChromium();
  if (found) return found;
  console.error(`Chromium was not found (looked at $CHROME_PATH, /usr/bin/chromium).\n${installAdvice}`);
  process.exit(1);
}

/** Flags for headless Chromium on a machine without network or a sandbox-capable user. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
