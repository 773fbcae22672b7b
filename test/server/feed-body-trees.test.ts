import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { readRichText } from '../../src/internal/read-rich-text.js';
import type { FeedComment } from '../../src/protocol/index.js';
import { apiBackends, useApiHarness } from './helpers/api-harness.js';
import { makeNewComment } from './helpers/fixtures.js';
import { makeClient } from './helpers/app-client.js';
import { bearer, makeGuestToken } from './helpers/identity.js';

const thread = '/posts/trees';

const byBody = (comments: readonly FeedComment[], body: string) =>
  comments.find((comment) => comment.body === body);

// The stores keep the trees (their contract checks each); one backend tells what the API sends.
const backend = apiBackends[0]!;

describe(`the feed's body trees (over ${backend.name})`, () => {
  const api = useApiHarness(backend);

  it("sends the widget's parse of each body that holds markdown, and nothing beside a plain one", async () => {
    const formatted = 'Hello **world**, see <https://example.org>\n\n- one\n- two';
    const plain = 'Just words, on two\nlines.';
    for (const body of [formatted, plain]) {
      assert.equal((await api.post(thread, { id: randomUUID(), authorName: 'Ada', body })).status, 201);
    }

    const { comments } = await api.list(thread);

    assert.deepEqual(byBody(comments, formatted)?.bodyTree, parseMarkdown(formatted));
    assert.equal('bodyTree' in byBody(comments, plain)!, false);
    // What the server sends, the widget takes as it is.
    assert.deepEqual(readRichText(byBody(comments, formatted)?.bodyTree), parseMarkdown(formatted));
  });

  it('sends the edited body’s tree after an edit, and a deleted comment’s empty tree', async () => {
    const client = makeClient(api.app);
    const token = makeGuestToken();
    const { id } = await client.postOk(thread, makeNewComment({ body: 'First *draft*' }), bearer(token));
    assert.equal((await client.patch(thread, id, { body: 'Second **take**' }, bearer(token))).status, 200);
    assert.deepEqual((await api.list(thread)).comments[0]?.bodyTree, parseMarkdown('Second **take**'));

    assert.equal((await client.delete(thread, id, bearer(token))).status, 200);
    const [tombstone] = (await api.list(thread)).comments;
    assert.equal(tombstone?.status, 'deleted');
    assert.deepEqual(tombstone?.bodyTree, []);
  });
});
