import { fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait-until.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/embed.js';
import type { HearthComments } from '../../src/elements/hearth-comments/hearth-comments.js';
import { installFakeEndpoint, type FakeEndpoint } from './fake-endpoint.js';
import { uniqueDatabaseName } from './fixtures.js';

export interface MountOptions {
  endpoint: string;
  thread?: string;
  databaseName?: string;
  /** Set as the `sso-token` attribute when given. */
  ssoToken?: string;
  /** Set as the element's `lang` when given: the language of its words. */
  lang?: string;
}

/** Mounts a fresh <hearth-comments> with its own database, through the real embed entry. */
export async function mountComments(options: MountOptions): Promise<HearthComments> {
  const { endpoint, thread = '/posts/test', databaseName = uniqueDatabaseName(), ssoToken, lang } = options;
  return fixture<HearthComments>(
    html`<hearth-comments
      endpoint=${endpoint}
      thread=${thread}
      database-name=${databaseName}
      sso-token=${ifDefined(ssoToken)}
      lang=${ifDefined(lang)}
    ></hearth-comments>`,
  );
}

/** Every element in the shadow root carrying the given part. */
export function parts(
  element: HearthComments,
  part: string,
  within: ParentNode = element.shadowRoot!,
): HTMLElement[] {
  return [...within.querySelectorAll<HTMLElement>(`[part~="${part}"]`)];
}

/** The one element carrying a part; fails the test when it is missing. */
export function part<T extends HTMLElement = HTMLElement>(
  element: HearthComments,
  name: string,
  within: ParentNode = element.shadowRoot!,
): T {
  const found = within.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`No [part~="${name}"] rendered`);
  return found;
}

/**
 * Whether `target` holds focus inside the element. Compare with this, not with
 * `expect(activeElement).to.equal(node)`: a failing chai comparison of nodes in a shadow tree
 * hangs the browser while the failure is serialized, and the whole run hits its time limit.
 */
export function hasFocus(element: HearthComments, target: Element | undefined): boolean {
  return target !== undefined && element.shadowRoot!.activeElement === target;
}

/** Mounts like `mountComments`, then waits until `count` comments and the lazily loaded composer show. */
export async function mountReady(options: MountOptions, count: number): Promise<HearthComments> {
  const element = await mountComments(options);
  await waitUntil(
    () => parts(element, 'comment').length === count && parts(element, 'composer').length > 0,
    `expected ${count} comments and the composer`,
  );
  return element;
}

/** What `useElementTest` sets up afresh for each test. */
export interface ElementTest {
  /** The simulated comment server the element talks to. */
  readonly fake: FakeEndpoint;
  /** A database name no other test uses. */
  readonly databaseName: string;
}

/**
 * Registers hooks that give each test of the suite a fake endpoint and its own database, and
 * remove the elements, the fake and the database afterwards. Read the fields inside tests.
 */
export function useElementTest(): ElementTest {
  const current = {} as { fake: FakeEndpoint; databaseName: string };
  beforeEach(() => {
    current.fake = installFakeEndpoint();
    current.databaseName = uniqueDatabaseName();
  });
  afterEach(() => {
    current.fake.restore();
    document.querySelectorAll('hearth-comments').forEach((element) => element.remove());
    indexedDB.deleteDatabase(current.databaseName);
  });
  return current;
}

/** An element's text as a reader reads it: whitespace runs collapsed, trimmed. */
export function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The comment element with this id; throws when none is rendered. */
export function commentById(element: HearthComments, id: string): HTMLElement {
  const found = parts(element, 'comment').find((comment) => comment.dataset.id === id);
  if (!found) throw new Error(`No comment ${id} rendered`);
  return found;
}
