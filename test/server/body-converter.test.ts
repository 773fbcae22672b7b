import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { limits } from '../../src/protocol/limits.js';
import { convertBody } from '../../server/src/import/body-conversion.js';
import { createInlineConverter, createWorkerConverter } from '../../server/src/import/body-converter.js';
import type { ImportComment } from '../../server/src/import/import-item.js';
import { toBodyTreeColumn } from '../../server/src/store/body-tree.js';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';

const bodyWorker = new URL('./helpers/body-worker.mjs', import.meta.url);

const sources: ImportComment['body'][] = [
  { format: 'html', text: '<p>First <em>words</em> and <a href="https://example.org/a">a link</a></p>' },
  { format: 'html', text: '<p>Plain words</p>' },
  { format: 'markdown', text: '**Strong** and `code`' },
  { format: 'hearth', text: 'Kept *as it is*' },
  { format: 'html', text: `<p>${'long '.repeat(limits.bodyMaxChars / 4)}</p>` },
  { format: 'html', text: '' },
];

describe('converting source bodies', () => {
  it('gives the same bodies and trees in a worker thread as in this one, in order', async () => {
    const worker = createWorkerConverter(bodyWorker);
    try {
      const [first, second] = await Promise.all([
        worker.convert(sources),
        worker.convert([...sources].reverse()),
      ]);
      const expected = sources.map(convertBody);
      assert.deepEqual(first, expected);
      assert.deepEqual(second, [...expected].reverse());
      assert.deepEqual(await (await createInlineConverter()).convert(sources), expected);
      // What each conversion made of its body: the sample covers markdown, plain text and a cut.
      assert.equal(expected[0]!.body, 'First *words* and [a link](https://example.org/a)');
      assert.equal(expected[4]!.truncated, true);
      assert.ok(expected[4]!.body.length <= limits.bodyMaxChars);

      const bodies = expected.map(({ body }) => body);
      const trees = await worker.makeTrees(bodies);
      assert.deepEqual(trees, bodies.map(toBodyTreeColumn));
      assert.deepEqual(await (await createInlineConverter()).makeTrees(bodies), trees);
      assert.deepEqual(JSON.parse(trees[0]!), parseMarkdown(bodies[0]!));
      assert.equal(trees[1], '');
    } finally {
      await worker.close();
    }
  });

  it('fails every batch still waiting when the worker dies, and every batch after', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hearth-body-worker-'));
    try {
      const dying = path.join(dir, 'dying-worker.mjs');
      await writeFile(
        dying,
        "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('converter broke'); });\n",
      );
      const worker = createWorkerConverter(pathToFileURL(dying));
      try {
        await assert.rejects(worker.convert(sources), /converter broke/);
        await assert.rejects(worker.convert(sources), /converter broke/);
      } finally {
        await worker.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
