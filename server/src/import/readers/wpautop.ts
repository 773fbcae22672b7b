// WordPress keeps a comment as the commenter typed it (line breaks and some inline HTML) and shows
// it through `wpautop`: a blank line starts a new paragraph, a single line break becomes <br />,
// and block-level HTML is left as it stands. This is that rule, for what comments hold, written
// as one linear pass over tokens rather than wpautop's chain of regular expressions (some of
// which backtrack badly on hostile text). It keeps wpautop's observable rules:
// - text runs between blank lines, `<br><br>` pairs and block-level tags become <p> paragraphs;
// - a paragraph that starts with a block-level start tag (`<div>text`) is not wrapped, except
//   after <blockquote>, whose text is wrapped inside it; one that ends with a block-level end tag
//   is wrapped before that tag (`<p>text</p></div>`);
// - a line break inside a paragraph becomes `<br />` (one written right after a `<br>` stays a
//   line break; spaces before it go), but not at a paragraph's edges;
// - line breaks inside tags and everything from `<pre` to `</pre>` are left exactly as they are.
// Not kept, as comments do not use them (WordPress's kses strips them from commenters' HTML):
// the special cases for <option>, <object>, <source>, <figcaption>, <script>, <style>, <svg> and
// <math>. Tag names are matched in any case (wpautop only matches lower case).

/** wpautop's block-level elements. */
const blockNames = new Set(
  (
    'table thead tfoot caption col colgroup tbody tr td th div dl dd dt ul ol li pre form map area ' +
    'blockquote address style p h1 h2 h3 h4 h5 h6 hr fieldset legend section article aside hgroup ' +
    'header footer nav figure figcaption details menu summary'
  ).split(' '),
);

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; raw: string; name: string; isClosing: boolean }
  /** `<pre …>…</pre>`, kept verbatim as a block of its own. */
  | { kind: 'pre'; raw: string };

const tagName = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/;
const br = /^<br\s*\/?>$/i;

/** Converts a WordPress comment's stored text to the HTML WordPress shows for it (wpautop). */
export function convertWpautop(source: string): string {
  if (isAllSpace(source)) return '';
  const text = source.replace(/\r\n?/g, '\n');
  return splitSegments(tokenize(text))
    .map(renderSegment)
    .filter((html) => html !== '')
    .join('\n');
}

/** Splits text into text, tags (comments included) and <pre> blocks, in one pass. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let textStart = 0;
  let at = 0;
  let hasPreEnd = true;
  while (at < text.length) {
    const open = text.indexOf('<', at);
    if (open < 0) break;
    if (!/[A-Za-z/!?]/.test(text[open + 1] ?? '')) {
      at = open + 1;
      continue;
    }
    if (open > textStart) tokens.push({ kind: 'text', text: text.slice(textStart, open) });
    const end = findTagEnd(text, open);
    const raw = text.slice(open, end);
    const match = tagName.exec(raw);
    const name = match?.[2].toLowerCase() ?? '';
    const isClosing = match?.[1] === '/';
    at = end;
    if (name === 'pre' && !isClosing && hasPreEnd) {
      // Remembering that no `</pre>` is left keeps many unclosed <pre> tags from each scanning to the end.
      const preEnd = text.indexOf('</pre>', end);
      hasPreEnd = preEnd >= 0;
      if (hasPreEnd) at = preEnd + '</pre>'.length;
    }
    tokens.push(
      at === end ? { kind: 'tag', raw, name, isClosing } : { kind: 'pre', raw: text.slice(open, at) },
    );
    textStart = at;
  }
  if (textStart < text.length) tokens.push({ kind: 'text', text: text.slice(textStart) });
  return tokens;
}

/** The end of the tag or comment starting at `open` (the end of the text if it never closes). */
function findTagEnd(text: string, open: number): number {
  const isComment = text.startsWith('<!--', open);
  const close = isComment ? text.indexOf('-->', open + 4) : text.indexOf('>', open + 1);
  if (close < 0) return text.length;
  return close + (isComment ? 3 : 1);
}

function isBlockTag(token: Token): boolean {
  return token.kind === 'pre' || (token.kind === 'tag' && blockNames.has(token.name));
}

function isBr(token: Token | undefined): boolean {
  return token?.kind === 'tag' && br.test(token.raw);
}

function isBlank(token: Token | undefined): boolean {
  return token?.kind === 'text' && isAllSpace(token.text);
}

/** Groups tokens into paragraph candidates, split where wpautop puts a double line break. */
function splitSegments(tokens: Token[]): Token[][] {
  const segments: Token[][] = [[]];
  const breakSegment = () => {
    if (segments[segments.length - 1].length > 0) segments.push([]);
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (isBr(token)) {
      const next = isBlank(tokens[i + 1]) ? i + 2 : i + 1;
      if (isBr(tokens[next])) {
        breakSegment();
        i = next;
        continue;
      }
    }
    if (token.kind === 'text') {
      const pieces = token.text.split(/\n[ \t\v\f\n]*\n/);
      pieces.forEach((piece, index) => {
        if (index > 0) breakSegment();
        if (piece !== '') segments[segments.length - 1].push({ kind: 'text', text: piece });
      });
      continue;
    }
    const isBlock = isBlockTag(token);
    const isVoid = token.kind === 'tag' && token.name === 'hr';
    if (isBlock && (token.kind === 'pre' || !token.isClosing)) breakSegment();
    segments[segments.length - 1].push(token);
    if (isBlock && (token.kind === 'pre' || token.isClosing || isVoid)) breakSegment();
  }
  return segments;
}

/** One segment as wpautop leaves it: wrapped in <p> unless a block-level tag opens it. */
function renderSegment(segment: Token[]): string {
  let first = 0;
  let last = segment.length - 1;
  while (first <= last && isBlank(segment[first])) first += 1;
  while (last >= first && isBlank(segment[last])) last -= 1;
  if (first > last) return '';
  const lead = isBlockTag(segment[first]) ? segment[first] : null;
  const trail = last > first && isBlockTag(segment[last]) ? segment[last] : null;
  const inner = segment.slice(lead === null ? first : first + 1, trail === null ? last + 1 : last);
  const leadHtml = lead === null ? '' : renderToken(lead);
  const trailHtml = trail === null ? '' : renderToken(trail);
  const innerHtml = renderInline(inner);
  if (innerHtml === '') return leadHtml + trailHtml;
  if (lead === null) return `<p>${innerHtml}</p>${trailHtml}`;
  if (lead.kind === 'tag' && lead.name === 'blockquote' && !lead.isClosing) {
    return `${leadHtml}<p>${innerHtml}</p>${trailHtml}`;
  }
  return leadHtml + innerHtml + trailHtml;
}

function renderToken(token: Token): string {
  if (token.kind === 'text') return token.text;
  return isBr(token) ? '<br />' : token.raw;
}

/** Inline tokens with their line breaks made <br />, trimmed of the whitespace at both ends. */
function renderInline(tokens: Token[]): string {
  let html = '';
  tokens.forEach((token, index) => {
    if (token.kind !== 'text') {
      html += renderToken(token);
      return;
    }
    const start = index === 0 ? skipSpace(token.text, 0, 1) : 0;
    const end =
      index === tokens.length - 1 ? skipSpace(token.text, token.text.length - 1, -1) + 1 : token.text.length;
    const isAfterBr = index > 0 && isBr(tokens[index - 1]);
    html += convertLineBreaks(token.text.slice(start, Math.max(start, end)), isAfterBr);
  });
  return isAllSpace(html) ? '' : html;
}

/**
 * wpautop's `(?<!<br />)\s*\n` → `<br />\n`, in one pass (the regular expression is quadratic on
 * long runs of spaces): spaces before a line break go with it. A break written right after
 * <br /> is not doubled, but wpautop's match then starts one space later, so a space between the
 * two still yields a second <br />.
 */
function convertLineBreaks(text: string, isAfterBr: boolean): string {
  let html = '';
  let copied = 0;
  let spacesStart = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      html += text.slice(copied, spacesStart);
      if (spacesStart > 0 || !isAfterBr) html += '<br />\n';
      else html += spacesStart === i ? '\n' : `${text[0]}<br />\n`;
      copied = i + 1;
      spacesStart = i + 1;
    } else if (!isSpace(code)) {
      spacesStart = i + 1;
    }
  }
  return html + text.slice(copied);
}

/** PHP's whitespace, which wpautop's `\s` and `trim` mean: not Unicode's (a no-break space stays). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d;
}

function isAllSpace(text: string): boolean {
  return skipSpace(text, 0, 1) === text.length;
}

/** The first index from `at`, stepping by `step`, that is not whitespace (or just past the text). */
function skipSpace(text: string, at: number, step: 1 | -1): number {
  let i = at;
  while (i >= 0 && i < text.length && isSpace(text.charCodeAt(i))) i += step;
  return i;
}
