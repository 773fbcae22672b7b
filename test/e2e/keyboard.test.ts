import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage } from './helpers/browser.js';
import { openDemo } from './helpers/demo.js';
import { commentBody, commentIdOf, mainComposer, part, waitPublished } from './helpers/parts.js';
import { useServerAndBrowser } from './helpers/server-and-browser.js';

const e2e = useServerAndBrowser();

test('Enter inserts a newline in the body; Ctrl+Enter submits', { timeout: 60_000 }, async () => {
  const { context, page } = await openPage(e2e.browser);
  await openDemo(page, e2e.server);
  const composer = mainComposer(page);

  await composer.locator('[part~="name-input"]').fill('Tomasz Keyboard');
  const body = composer.locator('[part~="body-input"]');
  await body.click();
  await page.keyboard.type('First line from the keyboard');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second line from the keyboard');

  assert.equal(await body.inputValue(), 'First line from the keyboard\nSecond line from the keyboard');
  assert.equal(await part(page, 'comment').count(), 0, 'Enter alone posts nothing');

  await page.keyboard.press('Control+Enter');
  const id = await commentIdOf(page, 'Second line from the keyboard');
  await waitPublished(page, id);
  const rendered = await commentBody(page, 'Second line from the keyboard').innerText();
  assert.match(
    rendered,
    /First line from the keyboard\s*\n\s*Second line from the keyboard/,
    'the line break is kept in the rendered comment',
  );
  assert.equal(await part(page, 'comment').count(), 1, 'Ctrl+Enter posted exactly one comment');
  assert.equal(await body.inputValue(), '', 'the body is cleared once the comment is accepted');
  await context.close();
});
