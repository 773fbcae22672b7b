// Runs inside the bench page (served transpiled by bench/render.ts). It holds everything the page
// does, so the measurements are plain calls and nothing depends on how the runner serialises
// functions.
import type { marked as Marked } from 'marked';
import type { Comment } from '../../src/protocol/index.js';

/** How the plain renderer draws a body: escaped text in paragraphs, or `marked.parse` output. */
export type BodyFormat = 'text' | 'markdown';

/** The formatting elements drawn inside comment bodies, by tag name; a check that both drew the same. */
export type MarkupCounts = Record<(typeof markupTags)[number], number>;

const markupTags = ['strong', 'em', 'code', 'a', 'li', 'blockquote', 'pre'] as const;
/** Where the bench server serves marked's browser build, for the markdown baseline. */
const markedUrl = '/vendor/marked.js';

/** One baseline render: fetching and parsing, then building the HTML and laying it out. */
export interface BaselineTiming {
  /** Building the HTML string, assigning innerHTML and forcing layout, in ms. */
  renderMs: number;
  /** The same plus fetching and parsing the JSON, in ms. */
  fetchAndRenderMs: number;
  count: number;
  markup: MarkupCounts;
}

/** One Hearth mount: from inserting the element until `expected` comments are laid out. */
export interface HearthTiming {
  ms: number;
  /** From insertion until `firstScreen` comments were laid out, in ms (NaN if never). */
  firstScreenMs: number;
  /** `performance.now()` when the comments were complete, for matching with network events. */
  endAtMs: number;
  count: number;
  isTimedOut: boolean;
  /** Whether the comments response had arrived when the comments were complete. */
  isNetworkAnswered: boolean;
  /** From insertion until the first comments request was sent, in ms (NaN if none was). */
  feedRequestedMs: number;
  markup: MarkupCounts;
}

/** Comment records in this origin's IndexedDB databases, and how many carry a parsed body. */
export interface CachedTrees {
  comments: number;
  withTree: number;
}

export interface HearthMountOptions {
  thread: string;
  endpoint: string;
  expected: number;
  timeoutMs: number;
  /** Also wait until no body is drawn as unparsed text (Hearth's fallback without a tree). */
  isFormatted: boolean;
  /** Comments that make a first screen; default 10. */
  firstScreen?: number;
  /** The element's `lang` (its locale), e.g. `de`; default none: English. */
  lang?: string;
}

/** One paged plain render: the thread read as the widget reads it, each page drawn as it comes. */
export interface PagedTiming {
  /** From the first request until every comment is laid out, in ms. */
  ms: number;
  /** From the first request until `firstScreen` comments are laid out, in ms. */
  firstScreenMs: number;
  /** From the first request until the last page is parsed, in ms. */
  allDataMs: number;
  /** Building HTML, inserting it and laying it out, summed over the pages, in ms. */
  renderMs: number;
  /** Pages read. */
  pages: number;
  count: number;
  markup: MarkupCounts;
}

export interface PagedOptions extends BaselineOptions {
  /** Comments that make a first screen. */
  firstScreen: number;
}

export interface BenchApi {
  whenReady(): Promise<void>;
  renderBaseline(url: string, options: BaselineOptions): Promise<BaselineTiming>;
  renderPaged(url: string, options: PagedOptions): Promise<PagedTiming>;
  mountHearth(options: HearthMountOptions): Promise<HearthTiming>;
  countCachedTrees(): Promise<CachedTrees>;
}

export interface BaselineOptions {
  isContentVisibilityAuto: boolean;
  bodyFormat: BodyFormat;
}

declare global {
  interface Window {
    hearthBench: BenchApi;
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char]!);
}

let renderMarkdown: ((body: string) => string) | null = null;

/** Loads marked outside the timed part: the naive fastest approach, marked.parse and no sanitising. */
async function loadMarked(): Promise<(body: string) => string> {
  if (!renderMarkdown) {
    // A variable specifier: the page is served transpiled, not bundled, and marked is not on its path.
    const url: string = markedUrl;
    const { marked } = (await import(url)) as { marked: typeof Marked };
    // As Hearth's lexer is configured: GitHub flavour, a newline is a line break.
    marked.setOptions({ gfm: true, breaks: true });
    renderMarkdown = (body) => marked.parse(body, { async: false });
  }
  return renderMarkdown;
}

function renderTextBody(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

type RenderBody = (body: string) => string;

type Children = Map<string | null, Comment[]>;

/** The list items of `comments`, each with its replies found in `children`, nested. */
function renderItems(children: Children, comments: readonly Comment[], renderBody: RenderBody): string {
  let html = '';
  for (const comment of comments) {
    html +=
      `<li><article data-id="${comment.id}"><header><span class="author">${escapeHtml(comment.authorName)}</span> ` +
      `<time datetime="${comment.createdAt}">${dateFormat.format(new Date(comment.createdAt))}</time></header>` +
      `<div class="body">${renderBody(comment.body)}</div>` +
      `<button type="button">Reply</button></article>${renderList(children, comment.id, renderBody)}</li>`;
  }
  return html;
}

function renderList(children: Children, parentId: string | null, renderBody: RenderBody): string {
  const comments = children.get(parentId);
  return comments ? `<ul>${renderItems(children, comments, renderBody)}</ul>` : '';
}

/** Comments by parent id, each list in change order. */
function groupByParent(comments: readonly Comment[]): Children {
  const children: Children = new Map();
  for (const comment of comments) {
    const siblings = children.get(comment.parentId);
    if (siblings) siblings.push(comment);
    else children.set(comment.parentId, [comment]);
  }
  return children;
}

/** The plain renderer Hearth is compared with: nested lists built as one escaped HTML string. */
function renderThreadHtml(comments: readonly Comment[], renderBody: RenderBody): string {
  return renderList(groupByParent(comments), null, renderBody);
}

/**
 * Adds one page of changes to a thread drawn by `renderThreadHtml` or by earlier calls: the
 * page's comments, nested, go under their parents (drawn earlier or in this page) with one
 * insertAdjacentHTML per parent. Pages come in change order, so parents come first.
 */
function appendPage(container: HTMLElement, comments: readonly Comment[], renderBody: RenderBody): void {
  const children = groupByParent(comments);
  const inPage = new Set(comments.map((comment) => comment.id));
  for (const [parentId, siblings] of children) {
    if (parentId !== null && inPage.has(parentId)) continue;
    const html = renderItems(children, siblings, renderBody);
    const parent =
      parentId === null
        ? container
        : container.querySelector(`article[data-id="${parentId}"]`)?.parentElement;
    if (!parent) continue;
    let list = parent.querySelector(':scope > ul');
    if (!list) {
      list = document.createElement('ul');
      parent.append(list);
    }
    list.insertAdjacentHTML('beforeend', html);
  }
}

function countMarkup(root: ParentNode, bodySelector: string): MarkupCounts {
  const counts = {} as MarkupCounts;
  for (const tag of markupTags) counts[tag] = root.querySelectorAll(`${bodySelector} ${tag}`).length;
  return counts;
}

function stage(): HTMLElement {
  const element = document.getElementById('stage');
  if (!element) throw new Error('The bench page has no #stage.');
  element.replaceChildren();
  return element;
}

/** The body renderer `options` ask for, and an empty container on the stage to draw into. */
async function prepareBaseline(options: BaselineOptions): Promise<[RenderBody, HTMLElement]> {
  const renderBody = options.bodyFormat === 'markdown' ? await loadMarked() : renderTextBody;
  const container = document.createElement('div');
  // The like-for-like variant skips off-screen top-level conversations, as Hearth's styles do.
  if (options.isContentVisibilityAuto) container.className = 'content-visibility-auto';
  stage().append(container);
  return [renderBody, container];
}

async function renderBaseline(url: string, options: BaselineOptions): Promise<BaselineTiming> {
  const [renderBody, container] = await prepareBaseline(options);
  const startMs = performance.now();
  const response = await fetch(url, { cache: 'no-store' });
  const { comments } = (await response.json()) as { comments: Comment[] };
  const renderStartMs = performance.now();
  container.innerHTML = renderThreadHtml(comments, renderBody);
  void container.offsetHeight;
  const endMs = performance.now();
  return {
    renderMs: endMs - renderStartMs,
    fetchAndRenderMs: endMs - startMs,
    count: container.querySelectorAll('article').length,
    markup: countMarkup(container, '.body'),
  };
}

/**
 * The plain renderer reading the thread exactly as the widget does: `url` (the widget's first
 * request, with its `limit`), then the same with `since=<cursor>` while `more`, each page drawn
 * as soon as it arrives.
 */
async function renderPaged(url: string, options: PagedOptions): Promise<PagedTiming> {
  const [renderBody, container] = await prepareBaseline(options);
  const startMs = performance.now();
  let firstScreenMs = Number.NaN;
  let allDataMs: number;
  let renderMs = 0;
  let pages = 0;
  let cursor: string | null = null;
  for (;;) {
    const pageUrl = new URL(url);
    if (cursor !== null) pageUrl.searchParams.set('since', cursor);
    const response = await fetch(pageUrl);
    const page = (await response.json()) as { comments: Comment[]; cursor: string; more: boolean };
    pages += 1;
    const renderStartMs = performance.now();
    appendPage(container, page.comments, renderBody);
    void container.offsetHeight;
    const drawnMs = performance.now();
    renderMs += drawnMs - renderStartMs;
    if (Number.isNaN(firstScreenMs) && container.querySelectorAll('article').length >= options.firstScreen) {
      firstScreenMs = drawnMs - startMs;
    }
    cursor = page.cursor;
    if (!page.more) {
      allDataMs = renderStartMs - startMs;
      break;
    }
  }
  return {
    ms: performance.now() - startMs,
    firstScreenMs,
    allDataMs,
    renderMs,
    pages,
    count: container.querySelectorAll('article').length,
    markup: countMarkup(container, '.body'),
  };
}

function commentsRequests(): PerformanceEntry[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.includes('/api/v1/threads/') && entry.name.includes('/comments'));
}

function isCommentsAnswered(): boolean {
  return commentsRequests().length > 0;
}

/** When the first comments request after `startMs` was sent, from `startMs`; NaN if none was. */
function feedRequestedAfter(startMs: number): number {
  const times = commentsRequests()
    .map((entry) => entry.startTime - startMs)
    .filter((ms) => ms >= 0);
  return times.length > 0 ? Math.min(...times) : Number.NaN;
}

function mountHearth(options: HearthMountOptions): Promise<HearthTiming> {
  const element = document.createElement('hearth-comments');
  element.setAttribute('thread', options.thread);
  element.setAttribute('endpoint', options.endpoint);
  if (options.lang) element.lang = options.lang;
  const host = stage();

  return new Promise((resolve) => {
    let observer: MutationObserver | undefined;
    let isDone = false;
    let count = 0;
    let startMs = 0;
    let firstScreenMs = Number.NaN;
    const firstScreen = options.firstScreen ?? 10;

    function finish(isTimedOut: boolean): void {
      if (isDone) return;
      isDone = true;
      void element.offsetHeight;
      const endAtMs = performance.now();
      const ms = endAtMs - startMs;
      observer?.disconnect();
      clearTimeout(timer);
      const isNetworkAnswered = isCommentsAnswered();
      const feedRequestedMs = feedRequestedAfter(startMs);
      const markup = countMarkup(element.shadowRoot ?? element, '[part~="comment-body"]');
      resolve({ ms, firstScreenMs, endAtMs, count, isTimedOut, isNetworkAnswered, feedRequestedMs, markup });
    }

    function check(): void {
      if (isDone) return;
      const root = element.shadowRoot;
      if (!root) return;
      if (!observer) {
        observer = new MutationObserver(check);
        observer.observe(root, { childList: true, subtree: true });
      }
      count = root.querySelectorAll('[part~="comment"]').length;
      if (Number.isNaN(firstScreenMs) && count >= Math.min(firstScreen, options.expected)) {
        void element.offsetHeight;
        firstScreenMs = performance.now() - startMs;
      }
      if (count < options.expected) return;
      if (options.isFormatted && root.querySelector('[part~="comment-body"] > .plain')) return;
      finish(false);
    }

    // The observer sees every render batch; the frame loop covers a shadow root that appears late.
    function tick(): void {
      check();
      if (!isDone) requestAnimationFrame(tick);
    }

    const timer = setTimeout(() => finish(true), options.timeoutMs);
    startMs = performance.now();
    host.append(element);
    check();
    requestAnimationFrame(tick);
  });
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Reads every store of every database, so it needs no knowledge of Hearth's schema. */
async function countCachedTrees(): Promise<CachedTrees> {
  const result = { comments: 0, withTree: 0 };
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await requestResult(indexedDB.open(name));
    try {
      for (const store of db.objectStoreNames) {
        const records: unknown[] = await requestResult(
          db.transaction(store, 'readonly').objectStore(store).getAll(),
        );
        for (const record of records) {
          if (typeof record !== 'object' || record === null || !('authorName' in record)) continue;
          result.comments += 1;
          if ('bodyTree' in record && Array.isArray(record.bodyTree)) result.withTree += 1;
        }
      }
    } finally {
      db.close();
    }
  }
  return result;
}

window.hearthBench = {
  whenReady: async () => {
    await customElements.whenDefined('hearth-comments');
  },
  renderBaseline,
  renderPaged,
  mountHearth,
  countCachedTrees,
};
