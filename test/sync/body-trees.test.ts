import { expect } from '@open-wc/testing';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import type { RichText } from '../../src/internal/rich-text.js';
import { waitUntil } from '../helpers/wait-until.js';
import { useSyncHarness } from '../helpers/sync-harness.js';

const thread = '/posts/body-trees';

describe('body trees sent with the feed', () => {
  const harness = useSyncHarness(thread);

  /** Gives the fake's stored comment `index` a body and the tree the server sends beside it. */
  function sendWithTree(index: number, body: string, bodyTree: unknown): void {
    Object.assign(harness.fake.comments[index]!, { body, bodyTree });
  }

  async function storedTrees(): Promise<Map<string, unknown>> {
    const db = await harness.openDb();
    await waitUntil(
      async () => (await db.count('comments')) === harness.fake.comments.length,
      'every comment should be stored',
    );
    const rows = await db.getAll('comments');
    return new Map(rows.map((row) => [row.body, row.bodyTree]));
  }

  it("draws and caches the server's tree as it is, in place of parsing the body", async () => {
    harness.seed(2);
    // Trees that parsing these bodies would not give: only a tree taken as sent can show them.
    const sent: RichText = [{ t: 'p', c: [{ t: 'em', c: ['as the server parsed it'] }] }];
    sendWithTree(0, '**bold** words', sent);
    sendWithTree(1, 'plain words', [{ t: 'pre', v: 'plain words' }]);
    const { sync } = harness.createSync();
    await sync.start();
    await waitUntil(() => sync.snapshot.comments.length === 2);

    const shown = new Map(sync.snapshot.comments.map((comment) => [comment.body, comment.bodyTree]));
    expect(shown.get('**bold** words')).to.deep.equal(sent);
    expect(shown.get('plain words')).to.deep.equal([{ t: 'pre', v: 'plain words' }]);
    const stored = await storedTrees();
    expect(stored.get('**bold** words')).to.deep.equal(sent);
  });

  it('parses the body itself when the tree sent with it is unsound', async () => {
    const unsound: unknown[] = [
      'not a tree',
      [{ t: 'script', c: ['x'] }],
      [{ t: 'p', c: [7] }],
      [{ t: 'ol', items: [] }],
      [{ t: 'p', c: Array.from({ length: 50_000 }, () => 'w') }],
    ];
    harness.seed(unsound.length);
    unsound.forEach((tree, index) => sendWithTree(index, `*body* ${index}`, tree));
    const { sync } = harness.createSync();
    await sync.start();
    await waitUntil(() => sync.snapshot.comments.length === unsound.length);

    for (const comment of sync.snapshot.comments) {
      expect(comment.bodyTree, comment.body).to.deep.equal(parseMarkdown(comment.body));
    }
    const stored = await storedTrees();
    unsound.forEach((_, index) =>
      expect(stored.get(`*body* ${index}`)).to.deep.equal(parseMarkdown(`*body* ${index}`)),
    );
  });
});
