/**
 * The conformance kit's command: `npm run conformance -- <endpoint> [options]` runs protocol
 * v1's checklist against any Hearth-protocol server (docs/protocol.md#the-conformance-kit).
 * Prints one line per check to stdout and waits for `Retry-After` on stderr; exits 0 when all
 * pass, 1 when any fails, 2 on a usage error.
 */
import { randomBytes } from 'node:crypto';
import { checks } from './checks/index.js';
import { createKitClient } from './client.js';
import { formatResult, runChecks } from './kit.js';
import { readKitOptions, usage, UsageError, type KitOptions } from './options.js';
import { createPoster } from './poster.js';

let options: KitOptions | null;
try {
  options = readKitOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (options === null) {
  console.log(usage);
  process.exit(0);
}

const client = createKitClient({
  ...options,
  onWait: (seconds, exchange) =>
    console.error(`waiting ${seconds} s: ${exchange.method} answered 429 with Retry-After: ${seconds}`),
});
const poster = createPoster(client, options.adminToken, `conformance run ${randomBytes(4).toString('hex')}`);
console.log(
  `Hearth conformance kit: ${options.endpoint} as ${options.origin}, thread ${options.thread}, ` +
    `posting as ${poster.kind === 'admin' ? 'an admin' : 'a guest'}`,
);
const results = await runChecks({ client, poster }, checks, (result) => console.log(formatResult(result)));
poster.dispose();
const failed = results.filter((result) => result.outcome !== 'pass').length;
console.log(
  failed === 0
    ? `All ${results.length} checks passed.`
    : `${failed} of ${results.length} checks did not pass.`,
);
process.exit(failed === 0 ? 0 : 1);
