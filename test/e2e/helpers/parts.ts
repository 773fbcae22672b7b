import type { Locator, Page } from 'playwright-core';

// Playwright's css engine pierces open shadow roots, so these reach into <hearth-comments>.

/** Every element of the widget carrying the given part. */
export function part(page: Page, name: string): Locator {
  return page.locator(`hearth-comments [part~="${name}"]`);
}

/** The thread's own composer: the one that is not inside a comment's list item. */
export function mainComposer(page: Page): Locator {
  return page.locator(
    'hearth-comments [part~="composer"]:not([part~="comment"] *):not(li:has(> [part~="comment"]) *)',
  );
}

/** The reply composer opened under the comment with this id, inside that comment's list item. */
export function replyComposer(page: Page, commentId: string): Locator {
  const id = JSON.stringify(commentId);
  return page
    .locator(
      `hearth-comments [part~="comment"][data-id=${id}] [part~="composer"], ` +
        `hearth-comments li:has(> [part~="comment"][data-id=${id}]) [part~="composer"]`,
    )
    .first();
}

/** The comment element with this id. */
export function commentById(page: Page, commentId: string): Locator {
  return page.locator(`hearth-comments [part~="comment"][data-id=${JSON.stringify(commentId)}]`);
}

/** Waits until the comment with this id shows as published (stored by the server), within `timeout` ms when given. */
export async function waitPublished(page: Page, commentId: string, timeout?: number): Promise<void> {
  await commentById(page, commentId)
    .and(page.locator('[data-state="published"]'))
    .waitFor(timeout === undefined ? {} : { timeout });
}

/** The `comment-body` whose text contains `body`; bodies in these tests are unique. */
export function commentBody(page: Page, body: string): Locator {
  return part(page, 'comment-body').filter({ hasText: body });
}

/**
 * The id (`data-id`) of the comment whose body contains `body`, once it is rendered in its
 * comment: waits for the comment element holding that body, not for the body alone.
 */
export async function commentIdOf(page: Page, body: string): Promise<string> {
  const comment = page
    .locator('hearth-comments [part~="comment"][data-id]')
    .filter({ has: page.locator('[part~="comment-body"]', { hasText: body }) });
  const id = await comment.getAttribute('data-id');
  if (!id) throw new Error(`The comment with body "${body}" has an empty data-id.`);
  return id;
}

/** Fills a composer's name and body and clicks its submit button. */
export async function postThrough(composer: Locator, name: string | null, body: string): Promise<void> {
  if (name !== null) await composer.locator('[part~="name-input"]').fill(name);
  await composer.locator('[part~="body-input"]').fill(body);
  await composer.locator('[part~="submit-button"]').click();
}

/**
 * Posts `body` as `name` (null: the field is not shown, as for a signed-in reader) through the
 * page's main composer, waits until the server has stored it, and returns its id.
 */
export async function postPublished(page: Page, name: string | null, body: string): Promise<string> {
  await postThrough(mainComposer(page), name, body);
  const id = await commentIdOf(page, body);
  await waitPublished(page, id);
  return id;
}

/**
 * True when the comment `childId` renders nested inside `parentId`: inside the parent's list item
 * (or the parent element itself when that is the list item).
 */
export async function isNestedIn(page: Page, childId: string, parentId: string): Promise<boolean> {
  const parent = commentById(page, parentId);
  return parent.evaluate((parentElement, id) => {
    const container = parentElement.closest('li') ?? parentElement;
    const root = parentElement.getRootNode() as ParentNode;
    const child = root.querySelector(`[part~="comment"][data-id="${CSS.escape(id)}"]`);
    return child !== null && child !== parentElement && container.contains(child);
  }, childId);
}
