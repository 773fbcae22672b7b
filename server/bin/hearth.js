#!/usr/bin/env node
// The `hearth` command, from its bundle (load-cli.js), whatever the current directory.
import { setFlagsFromString } from 'node:v8';

// An import allocates fast and keeps little alive: a heap grown by 10% at a time instead of
// V8's default factor keeps the peak near what is live (docs/benchmarks.md, issue #15).
setFlagsFromString('--heap-growing-percent=10');
const { loadCli } = await import('./load-cli.js');
const { main } = await loadCli();
await main();
