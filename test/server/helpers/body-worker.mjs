// body-worker.ts from its TypeScript source, for tests: a worker thread does not inherit the
// test process's tsx loader, so it registers its own first.
import { register } from 'tsx/esm/api';

register();
await import('../../../server/src/import/body-worker.ts');
