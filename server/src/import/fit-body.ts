import { limits } from '../../../src/protocol/limits.js';
import { parseBlocks } from '../../../src/internal/markdown/block-parser.js';

/** The line a cut body ends with, escaped so it shows as `[…]` and never reads as a link. */
const truncationMarker = '\\[…\\]';

// Control characters other than tab and line feed (CommentBodySchema refuses them).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// With the u flag a surrogate matches alone only when it is not half of a pair.
const loneSurrogate = /\p{Cs}/gu;

/**
 * Makes a converted body one that `CommentBodySchema` accepts, cutting it when it is too long.
 *
 * The rule, deliberately:
 * - `\r\n` and `\r` become `\n`; a lone UTF-16 surrogate becomes U+FFFD; control characters
 *   other than tab and newline are dropped; the result is trimmed (as the schema trims).
 * - A body within `limits.bodyMaxChars` (10,000 UTF-16 units) is returned whole.
 * - A longer one is cut before the limit, leaving room for a blank line and the marker line
 *   `[…]` (written `\[…\]`), so a reader sees it was cut: at the last paragraph break (blank
 *   line), else the last line break, else the last space, else anywhere; each only if it keeps
 *   at least half of the room (a break near the start would throw away most of the words), and
 *   never inside a surrogate pair. A fenced code block left open by the cut is closed first,
 *   or the marker would read as code. `truncated` is then true.
 * - An empty result is returned as `''`: whether to skip the comment is the caller's decision.
 */
export function fitBody(markdown: string): { body: string; truncated: boolean } {
  const body = markdown
    .replace(/\r\n?/g, '\n')
    .replace(loneSurrogate, '\ufffd')
    .replace(controlChars, '')
    .trim();
  if (body.length <= limits.bodyMaxChars) return { body, truncated: false };
  let room = limits.bodyMaxChars - truncationMarker.length - 2;
  for (;;) {
    const kept = body.slice(0, findCut(body, room)).trimEnd();
    const fence = findOpenFence(kept);
    const closing = fence === null ? '' : `\n${fence}`;
    if (kept.length + closing.length <= room) {
      return { body: `${kept}${closing}\n\n${truncationMarker}`.trim(), truncated: true };
    }
    room = Math.max(0, room - closing.length);
  }
}

/** Where to cut `body` so that at most `room` units are kept (see fitBody's rule). */
function findCut(body: string, room: number): number {
  const window = body.slice(0, room + 1);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator, room - separator.length);
    if (at >= room / 2) return at;
  }
  const code = body.charCodeAt(room - 1);
  return code >= 0xd800 && code <= 0xdbff ? room - 1 : room;
}

/**
 * The fence of a fenced code block that is still open at the end of `text` at the top level,
 * or null. Only a top-level one matters: a block in a quote or list item ends with its container
 * at the blank line before the marker. Read with Hearth's own block parser, so the answer is the
 * widget's.
 */
function findOpenFence(text: string): string | null {
  const sentinel = '\u0000';
  const { document } = parseBlocks(`${text}\n${sentinel}`);
  const last = document.children.at(-1);
  if (last?.kind !== 'code' || last.fence === null) return null;
  return last.lines.at(-1) === sentinel ? last.fence : null;
}
