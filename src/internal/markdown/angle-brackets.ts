import { countSteps } from './step-counter.js';

const uriAutolink = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const emailAutolink =
  /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;

/**
 * Reads `<scheme:…>` or `<address@host>` at `at`: its label, what it points to and the index
 * after the `>`, or null. Neither pattern can pass a `<`, so each `<` starts its own read.
 */
export function readAutolink(text: string, at: number): { label: string; href: string; end: number } | null {
  for (const [pattern, prefix] of [
    [uriAutolink, ''],
    [emailAutolink, 'mailto:'],
  ] as const) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match) {
      countSteps(match[0].length);
      return { label: match[1]!, href: prefix + match[1]!, end: at + match[0].length };
    }
  }
  return null;
}

const nameChar = /[A-Za-z0-9-]/;
const attributeStart = /[A-Za-z_:]/;
const attributeChar = /[\w.:-]/;
const unquotedStop = /[\s"'=<>`]/;
const space = /\s/;

/**
 * Reads an HTML tag or comment at `at` (shown as typed, so nothing inside it is markdown):
 * where it ends, or null, and how far it looked either way, so the caller can start no other
 * tag read before that point.
 */
export function readHtmlTag(text: string, at: number): { end: number | null; reached: number } {
  if (text.startsWith('<!--', at)) {
    const close = text.indexOf('-->', at + 4);
    countSteps((close < 0 ? text.length : close) - at);
    return close < 0 ? { end: null, reached: text.length } : { end: close + 3, reached: close + 3 };
  }
  let pos = at + 1;
  const isClosing = text[pos] === '/';
  if (isClosing) pos += 1;
  if (!/[A-Za-z]/.test(text[pos] ?? '')) return { end: null, reached: pos };
  const skip = (pattern: RegExp): void => {
    while (pos < text.length && pattern.test(text[pos]!)) {
      countSteps();
      pos += 1;
    }
  };
  skip(nameChar);
  if (!isClosing) {
    for (;;) {
      const beforeSpace = pos;
      skip(space);
      if (pos === beforeSpace || !attributeStart.test(text[pos] ?? '')) break;
      skip(attributeChar);
      const afterName = pos;
      skip(space);
      if (text[pos] !== '=') {
        pos = afterName;
        continue;
      }
      pos += 1;
      skip(space);
      const quote = text[pos];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, pos + 1);
        countSteps((close < 0 ? text.length : close) - pos);
        if (close < 0) return { end: null, reached: text.length };
        pos = close + 1;
      } else {
        const start = pos;
        while (pos < text.length && !unquotedStop.test(text[pos]!)) {
          countSteps();
          pos += 1;
        }
        if (pos === start) return { end: null, reached: pos };
      }
    }
  }
  skip(space);
  if (!isClosing && text[pos] === '/') pos += 1;
  return text[pos] === '>' ? { end: pos + 1, reached: pos + 1 } : { end: null, reached: pos };
}
