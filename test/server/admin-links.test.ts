import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdminComment } from '../../server/src/admin/admin-comment.js';
import { CommentEvent, queueCommentEvent } from '../../server/src/jobs/comment-events.js';
import { useAdminHarness } from './helpers/admin-harness.js';
import { apiBackends } from './helpers/api-harness.js';

const noWorker = { wake() {} };

for (const backend of apiBackends) {
  describe(`admin API over ${backend.name}: links to comments' pages`, () => {
    const harness = useAdminHarness(backend);
    const { request, json, insert } = harness;

    describe('links to comments', () => {
      it('links each listed comment to the page it was written on, else its thread’s page, else nowhere', async () => {
        const written = await insert({ thread: '/posts/links' });
        // The post's arrival event keeps the page the widget sent (a canonical address, here).
        await queueCommentEvent(
          harness.store,
          noWorker,
          CommentEvent.held,
          'blog',
          written,
          harness.clockMs,
          {
            pageUrl: 'https://blog.example/2025/links?ref=feed',
          },
        );
        const threadOnly = await insert({ thread: '/posts/links' });
        const nowhere = await insert({ thread: 'no-path-key' });

        const list = await json<{ comments: AdminComment[] }>(
          await request('GET', '/comments?site=blog'),
          200,
        );
        const links = Object.fromEntries(list.comments.map((comment) => [comment.id, comment.commentUrl]));
        assert.deepEqual(links, {
          [written.id]: `https://blog.example/2025/links?ref=feed#comment-${written.id}`,
          [threadOnly.id]: `https://blog.example/posts/links#comment-${threadOnly.id}`,
          [nowhere.id]: undefined,
        });
        assert.equal('commentUrl' in list.comments.find((comment) => comment.id === nowhere.id)!, false);

        // Approved, it keeps the page it was written on.
        await json(await request('POST', `/comments/${written.id}/approve`), 200);
        const published = await json<{ comments: AdminComment[] }>(
          await request('GET', '/comments?site=blog&status=published'),
          200,
        );
        assert.equal(
          published.comments[0]?.commentUrl,
          `https://blog.example/2025/links?ref=feed#comment-${written.id}`,
        );
      });
    });
  });
}
