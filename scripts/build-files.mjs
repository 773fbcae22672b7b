// Which files in dist/ belong to the current build: the entries and every file they import,
// statically or on demand. dist/ also keeps earlier builds' chunks for pages opened before a
// deploy (see prune-dist.mjs), so listing a folder would count those too.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The relative specifiers a built module imports before it runs (`import … from "./x.js"`). */
export function staticImports(code) {
  const found = [];
  for (const match of code.matchAll(
    /(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g,
  ))
    found.push(match[1]);
  return found;
}

/** The relative specifiers a built module imports on demand (`import("./x.js")`). */
export function dynamicImports(code) {
  return [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
}

/**
 * Every file of the build that `entries` start: themselves and all they import, statically or
 * on demand, transitively. Entries that are missing are left out.
 */
export function listBuildFiles(entries) {
  const seen = new Set();
  const queue = entries.filter((entry) => existsSync(entry));
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const specifier of [...staticImports(code), ...dynamicImports(code)])
      queue.push(join(dirname(file), specifier));
  }
  return [...seen];
}
