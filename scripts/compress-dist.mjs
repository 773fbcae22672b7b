// Writes a brotli (quality 11) and a gzip (level 9) copy beside every text file of dist/, for the
// reference server to send as is (server/src/http/static-files.ts). Run after `vite build`.
//   node scripts/compress-dist.mjs [dir]
// A copy newer than its file is kept, so a build that keeps old chunks recompresses only the new
// ones; nothing is ever deleted. Files under 1 KB are left alone, as the server leaves them.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const compressible = /\.(js|mjs|css|html|json|map|svg|txt)$/;
const minBytes = 1024;

const codings = [
  {
    suffix: '.br',
    compress: (bytes) =>
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
        },
      }),
  },
  { suffix: '.gz', compress: (bytes) => gzipSync(bytes, { level: 9 }) },
];

/** Every file under `dir`, depth first. */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The copy's modification time in ms, or -1 when there is none. */
function modifiedMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

const dir = process.argv[2] ?? 'dist';
let written = 0;
let kept = 0;
for (const file of listFiles(dir).filter((name) => compressible.test(name))) {
  const { size, mtimeMs } = statSync(file);
  if (size < minBytes) continue;
  let bytes = null;
  for (const { suffix, compress } of codings) {
    if (modifiedMs(file + suffix) >= mtimeMs) {
      kept++;
      continue;
    }
    bytes ??= readFileSync(file);
    writeFileSync(file + suffix, compress(bytes));
    written++;
  }
}
const size = (name) => (modifiedMs(join(dir, name)) < 0 ? '-' : statSync(join(dir, name)).size);
console.log(
  `compress-dist: ${written} copies written, ${kept} up to date in ${relative('.', dir) || '.'}; ` +
    `hearth.js ${size('hearth.js')} B, .br ${size('hearth.js.br')} B, .gz ${size('hearth.js.gz')} B`,
);
