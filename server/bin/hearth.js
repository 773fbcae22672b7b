#!/usr/bin/env node
// The `hearth` command: loads TypeScript through tsx (resolved from this package, whatever the
// current directory), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/hearth.ts');
await main();
