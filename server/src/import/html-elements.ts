/** What an HTML element becomes in Hearth's subset. Unknown elements are `inline`: their text stays. */
export type ElementRole =
  | 'inline'
  | 'drop'
  | 'line'
  | 'paragraph'
  | 'heading'
  | 'quote'
  | 'list'
  | 'item'
  | 'pre'
  | 'em'
  | 'strong'
  | 'del'
  | 'code'
  | 'link'
  | 'quotation'
  | 'cell'
  | 'row';

const roles = new Map<string, ElementRole>();
const assign = (role: ElementRole, names: string): void => {
  for (const name of names.split(' ')) roles.set(name, role);
};
// Never shown, or shown only where the browser lacks support (fallback content).
assign(
  'drop',
  'script style iframe object embed noscript template title noembed noframes frameset svg canvas audio video applet map select datalist',
);
assign(
  'line',
  'div section article aside header footer nav main address center figure figcaption hgroup details summary fieldset legend form dl dt dd dialog search optgroup option',
);
assign('paragraph', 'p table caption textarea');
assign('heading', 'h1 h2 h3 h4 h5 h6');
assign('quote', 'blockquote');
assign('list', 'ul ol menu dir');
assign('item', 'li');
assign('pre', 'pre listing xmp plaintext');
assign('em', 'em i cite dfn var');
assign('strong', 'strong b');
assign('del', 'del s strike');
assign('code', 'code kbd samp tt');
assign('link', 'a');
assign('quotation', 'q');
assign('cell', 'td th');
assign('row', 'tr');

/** The role of the element named `name` (lower case). */
export function roleOf(name: string): ElementRole {
  return roles.get(name) ?? 'inline';
}

/** Elements that never have content or an end tag. */
export const voidElements = new Set(
  'area base br col embed hr img image input keygen link meta param source track wbr frame basefont bgsound'.split(
    ' ',
  ),
);

/** Start tags that close an open `<p>` (HTML's "close a p element" list). */
export const closesParagraph = new Set(
  'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr listing main menu nav ol p pre search section summary table ul xmp plaintext li dd dt'.split(
    ' ',
  ),
);

/** Elements that bound "in scope" searches (HTML's scope markers, button scope included). */
export const scopeBoundaries = new Set(
  'applet caption html table td th marquee object template button'.split(' '),
);

/** Elements an `<li>`, `<dd>` or `<dt>` does not close its predecessor through (HTML's "special"). */
export const specialElements = new Set(
  'applet article aside blockquote body button caption center col colgroup details dir dl fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup html iframe listing main marquee menu nav noembed noframes noscript object ol plaintext pre script search section select style summary table tbody td template textarea tfoot th thead title tr ul xmp'.split(
    ' ',
  ),
);

/** Start tags that end foreign content (svg, math) and are read as HTML again. */
export const breaksOutOfForeign = new Set(
  'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var'.split(
    ' ',
  ),
);

/** Elements inside a table that an end tag may close only within the same table. */
export const tableParts = new Set('td th tr tbody thead tfoot caption'.split(' '));
