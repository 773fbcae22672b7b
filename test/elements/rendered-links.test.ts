import { expect } from '@open-wc/testing';
import { parseMarkdown } from '../../src/internal/parse-markdown.js';
import { countLinks } from '../../src/internal/rendered-text.js';
import { makeComment } from '../helpers/fixtures.js';
import { linkCorpus } from '../helpers/link-corpus.js';
import { mountReady, parts, useElementTest } from '../helpers/mount.js';
import { waitUntil } from '../helpers/wait-until.js';

// The server's link rule counts `countLinks(parseMarkdown(body))` (server/src/moderation/
// hold-rules.ts): these tests hold that count to the <a> elements a reader actually gets.
describe('<hearth-comments> renders as many links as the server counts', () => {
  const env = useElementTest();

  it('renders, for each body of the link corpus, exactly the counted links', async () => {
    env.fake.comments.push(
      ...linkCorpus.map(([body], index) => makeComment({ authorName: `c${index}`, body })),
    );
    const element = await mountReady(
      { endpoint: env.fake.url, databaseName: env.databaseName },
      linkCorpus.length,
    );
    await waitUntil(
      () => parts(element, 'comment-body').every((body) => body.querySelector('.plain') === null),
      'every body formatted',
    );
    const bodies = parts(element, 'comment-body');
    expect(bodies).to.have.length(linkCorpus.length);
    linkCorpus.forEach(([body, expected], index) => {
      const rendered = bodies[index]!.querySelectorAll('a').length;
      expect(rendered, `${JSON.stringify(body)} renders`).to.equal(expected);
      expect(countLinks(parseMarkdown(body)), `${JSON.stringify(body)} counts`).to.equal(rendered);
    });
  });
});
