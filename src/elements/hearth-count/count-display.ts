import { compile } from '../../i18n/catalogue.js';
import { resolveWords } from '../../i18n/locale-words.js';
import { isEnglish, readLang } from '../../i18n/page-language.js';
import { countMessages } from '../../i18n/messages/count-messages.js';
import { readPageThread } from '../../internal/page-thread.js';
import { normalizeEndpoint } from '../../sync/api-urls.js';
import { requestCount } from './count-batcher.js';
import { countKey } from './hearth-count.js';

// The logic of <hearth-count>, loaded with the batcher when the first one connects, so pages
// with only <hearth-comments> never download it.

/** What a count element shows, and the request it waits for. */
interface Shown {
  count: number | null;
  /** Bumped per request, so an answer for a previous thread or endpoint is ignored. */
  generation: number;
  /** The endpoint (normalized) and thread asked for last. */
  key: string;
}

/** The attributes a count element reads its thread from. */
export interface CountElement extends HTMLElement {
  readonly thread: string;
  readonly endpoint: string;
}

const shownBy = new WeakMap<CountElement, Shown>();
/** Connected count elements, told counts reach them at once. */
const following = new Set<CountElement>();

/** The count an element shows, or null until the server (or a `<hearth-comments>`) has said. */
export function readCount(element: CountElement): number | null {
  return shownBy.get(element)?.count ?? null;
}

/** Shows `count` in the element's language (its `lang` or its nearest ancestor's): English at once. */
function showCount(element: CountElement, shown: Shown, count: number): void {
  shown.count = count;
  const lang = readLang(element);
  if (isEnglish(lang)) {
    element.textContent = compile('en', countMessages, []).commentCount(count);
    return;
  }
  void resolveWords(lang).then(({ locale, words }) => {
    // A newer count may have arrived while the words loaded.
    if (shown.count === count)
      element.textContent = compile(locale, countMessages, [words?.count]).commentCount(count);
  });
}

/**
 * Shows the count of the element's thread: one a `<hearth-comments>` on this page told
 * (`toldCounts`, fresher than any fetched) at once, else the batcher's answer.
 */
export function followCount(
  element: CountElement,
  defaultEndpoint: string | null,
  toldCounts: ReadonlyMap<string, number>,
): void {
  following.add(element);
  const shown = shownBy.get(element) ?? { count: null, generation: 0, key: '' };
  shownBy.set(element, shown);
  const generation = ++shown.generation;
  const endpoint = normalizeEndpoint(element.endpoint || defaultEndpoint || '/', location.href);
  const thread = element.thread || readPageThread();
  shown.key = countKey(endpoint, thread);
  const told = toldCounts.get(shown.key);
  if (told !== undefined) return showCount(element, shown, told);
  requestCount(endpoint, thread, (count) => {
    // Offline, or an error: the page's fallback text stays.
    if (generation === shown.generation && count !== null) showCount(element, shown, count);
  });
}

/** Stops following told counts: the element left the page. */
export function unfollowCount(element: CountElement): void {
  following.delete(element);
}

/** Shows a count a `<hearth-comments>` told on every element of its endpoint and thread. */
export function showToldCount(endpoint: string, thread: string, count: number): void {
  const key = countKey(endpoint, thread);
  for (const element of following) {
    const shown = shownBy.get(element);
    if (shown?.key !== key) continue;
    // Newer than any answer still on its way.
    shown.generation += 1;
    showCount(element, shown, count);
  }
}
