import { expect } from '@open-wc/testing';
import { buildThreadTree } from '../../src/internal/thread-tree.js';
import {
  computeWindow,
  indexThread,
  pageBudget,
  repliesShown,
  selectPage,
  selectPath,
} from '../../src/internal/thread-window.js';
import type { Comment } from '../../src/protocol/comment.js';
import { makeComment } from '../helpers/fixtures.js';

/** `count` top-level comments, each with `replies` direct replies. */
function conversations(count: number, replies: number): Comment[] {
  const comments: Comment[] = [];
  for (let i = 0; i < count; i += 1) {
    const top = makeComment({ body: `top ${i}` });
    comments.push(top);
    for (let j = 0; j < replies; j += 1)
      comments.push(makeComment({ parentId: top.id, body: `reply ${i}.${j}` }));
  }
  return comments;
}

const none = { revealed: new Set<string>(), expanded: new Set<string>() };

describe('thread window', () => {
  it('fills a first page up to the budget, counting collapsed replies', () => {
    const index = indexThread(buildThreadTree(conversations(100, 10)));
    const { ids, shownCount } = selectPage(index, none, 0);
    // Each conversation shows 1 + 3 of its 10 replies.
    expect(shownCount).to.equal(Math.floor(pageBudget / (1 + repliesShown)) * (1 + repliesShown));
    expect(ids).to.have.length(Math.floor(pageBudget / (1 + repliesShown)));
    expect(ids[0]).to.equal(index.top[0]!.comment.id);
  });

  it('takes at least one conversation, however big', () => {
    const index = indexThread(buildThreadTree(conversations(2, 500)));
    const state = { revealed: new Set<string>(), expanded: new Set([index.top[0]!.comment.id]) };
    expect(selectPage(index, state, 0).ids).to.deep.equal([index.top[0]!.comment.id]);
  });

  it('collapses long reply lists and counts what each gap hides', () => {
    const index = indexThread(buildThreadTree(conversations(5, 6)));
    const first = index.top[0]!.comment.id;
    const view = computeWindow(index, { revealed: new Set([first]), expanded: new Set() });
    expect(view.segments).to.have.length(2);
    const [shown, gap] = view.segments;
    expect(shown!.kind === 'shown' && shown!.nodes[0]!.replies.length).to.equal(repliesShown);
    expect(view.hiddenReplies.get(first)).to.equal(6 - repliesShown);
    expect(gap).to.deep.equal({ kind: 'gap', fromIndex: 1, hiddenCount: 4 * 7 });
  });

  it('shows a whole reply list once expanded', () => {
    const index = indexThread(buildThreadTree(conversations(1, 6)));
    const first = index.top[0]!.comment.id;
    const view = computeWindow(index, { revealed: new Set([first]), expanded: new Set([first]) });
    const [shown] = view.segments;
    expect(shown!.kind === 'shown' && shown!.nodes[0]!.replies.length).to.equal(6);
    expect(view.hiddenReplies.size).to.equal(0);
  });

  it('finds the conversation and reply lists above a deep comment', () => {
    const top = makeComment();
    const reply = makeComment({ parentId: top.id });
    const deep = makeComment({ parentId: reply.id });
    const index = indexThread(buildThreadTree([makeComment(), top, reply, deep]));
    expect(selectPath(index, deep.id)).to.deep.equal({ topId: top.id, listIds: [reply.id, top.id] });
    expect(selectPath(index, top.id)).to.deep.equal({ topId: top.id, listIds: [] });
    expect(selectPath(index, 'unknown')).to.equal(null);
  });

  it('puts gaps between revealed conversations, and a page stops at the next revealed one', () => {
    const index = indexThread(buildThreadTree(conversations(10, 0)));
    const ids = index.top.map((node) => node.comment.id);
    const state = { revealed: new Set([ids[0]!, ids[5]!]), expanded: new Set<string>() };
    const kinds = computeWindow(index, state).segments.map((segment) => segment.kind);
    expect(kinds).to.deep.equal(['shown', 'gap', 'shown', 'gap']);
    expect(selectPage(index, state, 1).ids).to.deep.equal(ids.slice(1, 5));
  });
});
