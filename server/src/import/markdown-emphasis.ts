/** What turndown sets on each node it visits (see its `Node`): the whitespace it moved outside. */
export type VisitedNode = Node & { flankingWhitespace?: { leading: string; trailing: string } };

/**
 * How emphasis is written in one conversion: `normal` wherever the flanking rules allow;
 * `strict` only where every delimiter run can do one thing (open or close) and touches no
 * other run, which CommonMark cannot pair wrongly; `none` never.
 */
export type EmphasisMode = 'normal' | 'strict' | 'none';

const whitespace = /\s/u;
const punctuation = /[\p{P}\p{S}]/u;
const emphasisNames = new Set(['EM', 'STRONG', 'DEL']);
const peelableAtStart = new Set([...'("\'«“‘¿¡']);
const peelableAtEnd = new Set([...'.,:;!?)"\'»”’…']);

/** The state of the conversion running now (conversions are synchronous, one at a time). */
export const emphasisRun = {
  mode: 'normal' as EmphasisMode,
  /** Elements wrapped in delimiters. */
  wrapped: 0,
  /** Whether a wrapped run could also do the opposite, or merges with another run. */
  isAmbiguous: false,
};

/** Starts a conversion in `mode`. */
export function startEmphasisRun(mode: EmphasisMode): void {
  emphasisRun.mode = mode;
  emphasisRun.wrapped = 0;
  emphasisRun.isAmbiguous = false;
}

/** How an inline element's output ends: its last character, and whether a code span ends it. */
export interface OutputEnd {
  last: string;
  isCodeSpan: boolean;
}
const outputEnds = new WeakMap<Node, OutputEnd>();
const noEnd: OutputEnd = { last: '', isCodeSpan: false };

/** Records how an inline element's output ends; returns the output. */
export function recordOutput(node: Node, output: string, isCodeSpan: boolean): string {
  outputEnds.set(node, { last: output.at(-1) ?? '', isCodeSpan });
  return output;
}

/** How the output ends that `node` was converted to (nothing recorded for text). */
export function outputEndOf(node: Node | null): OutputEnd {
  return (node && outputEnds.get(node)) ?? noEnd;
}

/**
 * How the output just before `node` ends: a code span after one would merge with it, a link
 * after a `!` would read as an image. Text is its own last character (its escapes never end in
 * a backtick run or an unescaped `!` that matters: `!` is never escaped).
 */
export function outputEndBefore(node: Node): OutputEnd {
  const previous = node.previousSibling;
  if (previous?.nodeType === 3) return { last: previous.nodeValue?.at(-1) ?? '', isCodeSpan: false };
  return outputEndOf(previous);
}

/**
 * The last character a reader's parser sees of `node`'s output: its text's, or its markup's
 * (`` ` `` of code, `)` of a link or image). Emphasis is looked through: whether or not it
 * keeps its delimiters, a delimiter run next to it merges with its own, or is gone, so the
 * character beyond decides.
 */
function lastVisible(node: Node | null): string {
  for (let current = node; current; current = current.lastChild) {
    if (current.nodeType === 3) return current.nodeValue?.at(-1) ?? ' ';
    if (current.nodeName === 'BR') return '\n';
    if (current.nodeName === 'CODE') return '`';
    if (current.nodeName === 'A' || current.nodeName === 'IMG') return ')';
    if (!emphasisNames.has(current.nodeName)) return '\n';
  }
  return ' ';
}

/** The first character a reader's parser sees of `node`'s output (see lastVisible). */
function firstVisible(node: Node | null): string {
  for (let current = node; current; current = current.firstChild) {
    if (current.nodeType === 3) return current.nodeValue?.[0] ?? ' ';
    if (current.nodeName === 'BR') return '\n';
    if (current.nodeName === 'CODE') return '`';
    if (current.nodeName === 'A') return '[';
    if (current.nodeName === 'IMG') return '!';
    if (!emphasisNames.has(current.nodeName)) return '\n';
  }
  return ' ';
}

/**
 * The character before `node`'s opening delimiter run. At the start of an emphasised parent
 * this is the character before the parent: the parent's delimiters either merge with this run
 * or are dropped, and either way that character decides (when they stay, a stricter answer).
 */
function visibleBefore(node: VisitedNode): string {
  for (let current: VisitedNode = node; ;) {
    if (current.flankingWhitespace?.leading) return ' ';
    if (current.previousSibling) return lastVisible(current.previousSibling);
    const parent = current.parentNode;
    if (parent?.nodeName === 'A') return '[';
    if (!parent || !emphasisNames.has(parent.nodeName)) return '\n';
    current = parent;
  }
}

/** The character after `node`'s closing delimiter run (see visibleBefore). */
function visibleAfter(node: VisitedNode): string {
  for (let current: VisitedNode = node; ;) {
    if (current.flankingWhitespace?.trailing) return ' ';
    if (current.nextSibling) return firstVisible(current.nextSibling);
    const parent = current.parentNode;
    if (parent?.nodeName === 'A') return ']';
    if (!parent || !emphasisNames.has(parent.nodeName)) return '\n';
    current = parent;
  }
}

/** CommonMark: a delimiter run before `first` (after `previous`) is left-flanking. */
function canOpen(first: string, previous: string): boolean {
  return (
    !whitespace.test(first) &&
    (!punctuation.test(first) || whitespace.test(previous) || punctuation.test(previous))
  );
}

/** CommonMark: a delimiter run after `last` (before `next`) is right-flanking. */
function canClose(last: string, next: string): boolean {
  return (
    !whitespace.test(last) && (!punctuation.test(last) || whitespace.test(next) || punctuation.test(next))
  );
}

/** How many characters at the end of a text node are punctuation that can move (none are escaped). */
function countPeelableAtEnd(node: Node | null): number {
  if (node?.nodeType !== 3) return 0;
  const text = node.nodeValue ?? '';
  let count = 0;
  while (count < text.length && peelableAtEnd.has(text[text.length - 1 - count]!)) count += 1;
  return count;
}

/**
 * Wraps `inner` (converted content, no line breaks at its ends) in `delimiter` when Hearth's
 * parser will read it back as emphasis, by CommonMark's flanking rules: `x*(a)*y` is no
 * emphasis, since a run after a letter and before `(` cannot open. Edge punctuation then moves
 * outside where that lets it work (`x(*a*)y`: italic or not, punctuation looks the same);
 * otherwise the words stay without the formatting rather than show stray asterisks.
 * Runs of the same character merge (`**a***b*`): a nested or adjacent element's delimiters
 * are looked through to the characters beyond, which decide for the merged run.
 */
export function wrapEmphasis(inner: string, node: VisitedNode, delimiter: string): string {
  const char = delimiter[0]!;
  const firstAfter = (from: number): string => {
    let at = from;
    while (at < inner.length - 1 && inner[at] === char) at += 1;
    return inner[at]!;
  };
  const lastBefore = (to: number): string => {
    let at = to - 1;
    while (at > 0 && inner[at] === char) at -= 1;
    return inner[at]!;
  };
  let previous = visibleBefore(node);
  let next = visibleAfter(node);
  let head = 0;
  while (
    !canOpen(firstAfter(head), previous) &&
    peelableAtStart.has(inner[head]!) &&
    head < inner.length - 1
  ) {
    previous = inner[head]!;
    head += 1;
  }
  // Only the element's own last words' punctuation moves (a `)` may end a link's markup),
  // and never an escaped character: its backslash would escape the delimiter instead.
  let tail = inner.length;
  let peelable = countPeelableAtEnd(node.lastChild);
  while (!canClose(lastBefore(tail), next) && peelable > 0 && tail - 1 > head && inner[tail - 2] !== '\\') {
    next = inner[tail - 1]!;
    tail -= 1;
    peelable -= 1;
  }
  const first = firstAfter(head);
  const last = lastBefore(tail);
  const isAmbiguous =
    canClose(previous, first) ||
    canOpen(next, last) ||
    inner[head] === char ||
    inner[tail - 1] === char ||
    touchesEmphasis(node);
  const mode = emphasisRun.mode;
  if (
    !canOpen(first, previous) ||
    !canClose(last, next) ||
    mode === 'none' ||
    (mode === 'strict' && isAmbiguous)
  ) {
    return separateCode(inner, node);
  }
  emphasisRun.wrapped += 1;
  emphasisRun.isAmbiguous ||= isAmbiguous;
  return `${inner.slice(0, head)}${delimiter}${inner.slice(head, tail)}${delimiter}${inner.slice(tail)}`;
}

/** Whether a sibling or parent's delimiters could sit right against this element's. */
function touchesEmphasis(node: Node): boolean {
  const parent = node.parentNode;
  return (
    (parent !== null && emphasisNames.has(parent.nodeName) && (!node.previousSibling || !node.nextSibling)) ||
    (node.previousSibling !== null && emphasisNames.has(node.previousSibling.nodeName)) ||
    (node.nextSibling !== null && emphasisNames.has(node.nextSibling.nodeName))
  );
}

/** Words without their delimiters, a space before them when a code span would run into another. */
function separateCode(inner: string, node: Node): string {
  return inner.startsWith('`') && outputEndBefore(node).isCodeSpan ? ` ${inner}` : inner;
}
