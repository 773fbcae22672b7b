import { fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import '../../src/admin/main.js';
import type { HearthAdmin } from '../../src/admin/hearth-admin.js';
import type { FakeAdminApi } from './fake-admin-api.js';

/** Mounts a fresh `<hearth-admin>` talking to the fake admin API. */
export function mountAdmin(fake: FakeAdminApi): Promise<HearthAdmin> {
  return fixture<HearthAdmin>(html`<hearth-admin endpoint=${fake.url}></hearth-admin>`);
}

/** The one element matching `selector` in the admin's shadow root; fails the test when missing. */
export function find<T extends HTMLElement = HTMLElement>(admin: HearthAdmin, selector: string): T {
  const found = admin.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector} in <hearth-admin>.`);
  return found;
}

/** Every element matching `selector` in the admin's shadow root. */
export function findAll<T extends HTMLElement = HTMLElement>(admin: HearthAdmin, selector: string): T[] {
  return [...admin.shadowRoot!.querySelectorAll<T>(selector)];
}

/** The element focused inside the admin, or null. */
export function focused(admin: HearthAdmin): Element | null {
  return admin.shadowRoot!.activeElement;
}

/**
 * The text of the live region as a moderator reads it: without the invisible bidi isolates
 * (U+2066–U+2069) that keep names and thread keys from reordering the sentence around them.
 */
export function noticeText(admin: HearthAdmin): string {
  return find(admin, '[part~="notice"]')
    .textContent!.replace(/[\u2066-\u2069]/g, '')
    .trim();
}

/** Waits until the live region says something containing `text`. */
export async function waitForNotice(admin: HearthAdmin, text: string): Promise<void> {
  await waitUntil(() => noticeText(admin).includes(text), `the notice never said "${text}"`);
}

/** Signs in through the form by pointer, and waits for the signed-in view. */
export async function signIn(admin: HearthAdmin, token: string): Promise<void> {
  find<HTMLInputElement>(admin, '#token').value = token;
  find(admin, 'form.sign-in button[type="submit"]').click();
  await waitUntil(() => admin.shadowRoot!.querySelector('[data-action="sign-out"]'), 'never signed in');
}

/** The comment cards of a section (`held` or `recent`), in order. */
export function cards(admin: HearthAdmin, section: 'held' | 'edits' | 'recent'): HTMLElement[] {
  return findAll(admin, `#panel-${section} article.comment`);
}

/** Waits until a section shows `count` comment cards. */
export async function waitForCards(
  admin: HearthAdmin,
  section: 'held' | 'edits' | 'recent',
  count: number,
): Promise<void> {
  await waitUntil(() => cards(admin, section).length === count, `${section} never showed ${count} comments`);
}

/** A button of the card showing the comment with this id. */
export function cardButton(admin: HearthAdmin, id: string, action: string): HTMLButtonElement {
  return find<HTMLButtonElement>(admin, `article[data-id="${id}"] [data-action="${action}"]`);
}
