/** Longest markdown source rendered with `marked`, in UTF-16 units (four times a body's limit): longer ones are cut first. */
export const markdownRenderMaxChars = 40_000;
/**
 * The most emphasis work a source may ask of `marked`: the sum over its paragraphs of the
 * `*`, `_` and `~` characters times the paragraph's length. marked's emphasis tokenizer
 * backtracks over a paragraph for each delimiter: `**a_` repeated for 10,000 characters takes
 * seconds, while this budget keeps any body to a few tens of milliseconds.
 */
const markdownEmphasisBudget = 2_000_000;
/** Deepest quote (`>` marks) and widest indentation (columns) rendered with `marked`. */
const markdownMaxQuoteDepth = 10;
const markdownMaxIndentColumns = 40;

/**
 * Whether `marked` renders `source` in bounded time and memory. It recurses on nested quotes
 * and lists (a stack overflow at a few thousand `>`) and re-reads a nested list's lines at each
 * level (quadratic memory: 2,500 nested items exhausted 4 GB), and its emphasis work grows with
 * delimiters times paragraph length. One linear pass over the lines checks each.
 */
export function isMarkdownSafeToRender(source: string): boolean {
  if (source.length > markdownRenderMaxChars) return false;
  let work = 0;
  let paragraphLength = 0;
  let paragraphDelimiters = 0;
  for (const line of source.split('\n')) {
    let column = 0;
    let quotes = 0;
    for (const char of line) {
      if (char === ' ') column += 1;
      else if (char === '\t') column += 4 - (column % 4);
      else if (char === '>') quotes += 1;
      else break;
    }
    if (quotes > markdownMaxQuoteDepth || column > markdownMaxIndentColumns) return false;
    if (line.trim() === '' || /^[\s>]*$/.test(line)) {
      work += paragraphLength * paragraphDelimiters;
      paragraphLength = paragraphDelimiters = 0;
      continue;
    }
    paragraphLength += line.length + 1;
    for (const char of line) if (char === '*' || char === '_' || char === '~') paragraphDelimiters += 1;
  }
  work += paragraphLength * paragraphDelimiters;
  return work <= markdownEmphasisBudget;
}
