import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openPage } from './helpers/browser.js';
import { openDemo } from './helpers/demo.js';
import {
  commentBody,
  commentById,
  commentIdOf,
  isNestedIn,
  mainComposer,
  part,
  postPublished,
  postThrough,
  replyComposer,
  waitPublished,
} from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

const e2e = useServerAndBrowser();

const name = 'Ada Okonkwo';
const parentText = 'Our allotment society has met in the same shed since 1987. The kettle is older.';
const replyText = 'Same here: the kettle is the real membership card.';

async function assertBothShownAndNested(page: Page, parentId: string, replyId: string): Promise<void> {
  await commentBody(page, parentText).waitFor();
  await commentBody(page, replyText).waitFor();
  await waitPublished(page, parentId);
  await waitPublished(page, replyId);
  assert.equal(await part(page, 'comment').count(), 2);
  assert.ok(await isNestedIn(page, replyId, parentId), 'the reply renders inside its parent');
  assert.ok(!(await isNestedIn(page, parentId, replyId)), 'the parent does not render inside the reply');
}

test(
  'a guest posts and replies on the demo page; both survive a reload and reach another reader',
  { timeout: 90_000 },
  async () => {
    const { context, page } = await openPage(e2e.browser);
    await openDemo(page, e2e.server);
    assert.equal(await part(page, 'comment').count(), 0, 'a fresh thread is empty');

    const parentId = await postPublished(page, name, parentText);
    await assert.doesNotReject(
      commentById(page, parentId).locator('[part~="author"]').filter({ hasText: name }).first().waitFor(),
      'the comment shows its author',
    );

    await commentById(page, parentId).locator('[part~="reply-button"]').first().click();
    const reply = replyComposer(page, parentId);
    await reply.waitFor();
    const replyName = reply.locator('[part~="name-input"]');
    const needsName = (await replyName.count()) > 0 && (await replyName.inputValue()) === '';
    await postThrough(reply, needsName ? name : null, replyText);
    const replyId = await commentIdOf(page, replyText);
    await waitPublished(page, replyId);
    assert.ok(await isNestedIn(page, replyId, parentId), 'the reply appears inside its parent at once');

    await page.reload();
    await mainComposer(page).waitFor();
    await assertBothShownAndNested(page, parentId, replyId);
    assert.equal(
      await mainComposer(page).locator('[part~="name-input"]').inputValue(),
      name,
      'the name is remembered after a reload',
    );
    await context.close();

    const { context: otherContext, page: otherPage } = await openPage(e2e.browser);
    await openDemo(otherPage, e2e.server);
    await assertBothShownAndNested(otherPage, parentId, replyId);
    assert.equal(
      await mainComposer(otherPage).locator('[part~="name-input"]').inputValue(),
      '',
      'another reader does not inherit the name',
    );
    const count = await part(otherPage, 'count').first().innerText();
    assert.match(count, /\b2\b/, `the count part says 2 (it says "${count}")`);
    await otherContext.close();
  },
);
