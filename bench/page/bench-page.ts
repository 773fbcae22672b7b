// Runs inside the bench page (served transpiled by bench/render.ts). It holds everything the page
// does, so the measurements are plain calls and nothing depends on how the runner serialises
// functions.
import type { Comment } from '../../src/protocol/index.js';

/** One baseline render: fetching and parsing, then building the HTML and laying it out. */
export interface BaselineTiming {
  /** Building the HTML string, assigning innerHTML and forcing layout, in ms. */
  renderMs: number;
  /** The same plus fetching and parsing the JSON, in ms. */
  fetchAndRenderMs: number;
  count: number;
}

/** One Hearth mount: from inserting the element until `expected` comments are laid out. */
export interface HearthTiming {
  ms: number;
  count: number;
  isTimedOut: boolean;
  /** Whether the comments response had arrived when the comments were complete. */
  isNetworkAnswered: boolean;
}

export interface BenchApi {
  whenReady(): Promise<void>;
  renderBaseline(url: string, options: { isContentVisibilityAuto: boolean }): Promise<BaselineTiming>;
  mountHearth(options: {
    thread: string;
    endpoint: string;
    expected: number;
    timeoutMs: number;
  }): Promise<HearthTiming>;
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

function renderBody(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function renderList(children: Map<string | null, Comment[]>, parentId: string | null): string {
  const comments = children.get(parentId);
  if (!comments) return '';
  let html = '<ul>';
  for (const comment of comments) {
    html +=
      `<li><article data-id="${comment.id}"><header><span class="author">${escapeHtml(comment.authorName)}</span> ` +
      `<time datetime="${comment.createdAt}">${dateFormat.format(new Date(comment.createdAt))}</time></header>` +
      `<div class="body">${renderBody(comment.body)}</div>` +
      `<button type="button">Reply</button></article>${renderList(children, comment.id)}</li>`;
  }
  return `${html}</ul>`;
}

/** The plain renderer Hearth is compared with: nested lists built as one escaped HTML string. */
function renderThreadHtml(comments: readonly Comment[]): string {
  const children = new Map<string | null, Comment[]>();
  for (const comment of comments) {
    const siblings = children.get(comment.parentId);
    if (siblings) siblings.push(comment);
    else children.set(comment.parentId, [comment]);
  }
  return renderList(children, null);
}

function stage(): HTMLElement {
  const element = document.getElementById('stage');
  if (!element) throw new Error('The bench page has no #stage.');
  element.replaceChildren();
  return element;
}

async function renderBaseline(
  url: string,
  options: { isContentVisibilityAuto: boolean },
): Promise<BaselineTiming> {
  const container = document.createElement('div');
  // The like-for-like variant skips off-screen top-level conversations, as Hearth's styles do.
  if (options.isContentVisibilityAuto) container.className = 'content-visibility-auto';
  stage().append(container);
  const startMs = performance.now();
  const response = await fetch(url, { cache: 'no-store' });
  const { comments } = (await response.json()) as { comments: Comment[] };
  const renderStartMs = performance.now();
  container.innerHTML = renderThreadHtml(comments);
  void container.offsetHeight;
  const endMs = performance.now();
  return {
    renderMs: endMs - renderStartMs,
    fetchAndRenderMs: endMs - startMs,
    count: container.querySelectorAll('article').length,
  };
}

function isCommentsAnswered(): boolean {
  return performance
    .getEntriesByType('resource')
    .some((entry) => entry.name.includes('/api/v1/threads/') && entry.name.includes('/comments'));
}

function mountHearth(options: {
  thread: string;
  endpoint: string;
  expected: number;
  timeoutMs: number;
}): Promise<HearthTiming> {
  const element = document.createElement('hearth-comments');
  element.setAttribute('thread', options.thread);
  element.setAttribute('endpoint', options.endpoint);
  const host = stage();

  return new Promise((resolve) => {
    let observer: MutationObserver | undefined;
    let isDone = false;
    let count = 0;
    let startMs = 0;

    function finish(isTimedOut: boolean): void {
      if (isDone) return;
      isDone = true;
      void element.offsetHeight;
      const ms = performance.now() - startMs;
      observer?.disconnect();
      clearTimeout(timer);
      resolve({ ms, count, isTimedOut, isNetworkAnswered: isCommentsAnswered() });
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
      if (count >= options.expected) finish(false);
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

window.hearthBench = {
  whenReady: async () => {
    await customElements.whenDefined('hearth-comments');
  },
  renderBaseline,
  mountHearth,
};
