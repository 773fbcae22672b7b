// The first step of `npm test`: the browser and end-to-end suites need Chromium, so a machine
// without it learns so in seconds, not after minutes of server suites. As root with apt-get
// (a fresh container, CI) it installs Debian's package; anywhere else it stops and says how.
import { spawnSync } from 'node:child_process';
import { installAdvice, locateChromium } from './find-chromium.mjs';

/** Runs `command` with its output shown, and returns whether it succeeded. */
function run(command, args) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

const found = locateChromium();
if (found) {
  console.log(`Chromium: ${found}`);
} else if (process.getuid?.() === 0 && hasAptGet()) {
  console.log('Chromium was not found; installing Debian’s package (root, apt-get available).');
  if (!run('apt-get', ['update']) || !run('apt-get', ['install', '-y', 'chromium']) || !locateChromium()) {
    console.error(`Installing Chromium failed.\n${installAdvice}`);
    process.exit(1);
  }
  console.log(`Chromium: ${locateChromium()}`);
} else {
  console.error(
    `Chromium was not found (looked at $CHROME_PATH, /usr/bin/chromium); the browser tests need it.\n${installAdvice}`,
  );
  process.exit(1);
}
