/**
 * Generated markdown bodies for bounding the parser's work: seeded random bodies built from
 * markdown's syntax, and families of known pathological inputs. Shared by the bounds test,
 * the bench (worst parse time) and the end-to-end freeze check.
 */

const atoms = [
  '*',
  '_',
  '**',
  '__',
  '***',
  '~',
  '~~',
  '`',
  '``',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '<',
  '>',
  '"',
  "'",
  '\\',
  '&',
  '&amp;',
  '&#58;',
  '&#x3A;',
  '&nbsp;',
  '#',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '> ',
  '    ',
  '```',
  '~~~',
  '---',
  '===',
  '[ ] ',
  '[x] ',
  '\n',
  '\n',
  '\n\n',
  ' ',
  ' ',
  'a',
  'word',
  'b c',
  'https://example.com/',
  'http://x.io/(a)',
  'www.',
  'www.example.org',
  'ada@example.com',
  '@',
  '<https://a.example/>',
  '<b>',
  '</b>',
  '<!--',
  '-->',
  '[l](https://l.example/ "t")',
  '[r]',
  '\n[r]: https://r.example/\n',
  ':',
  '|',
  '.',
  ',',
];

/** A random body of `length` characters built from markdown syntax, text, URLs and entities. */
export function makeRandomBody(random: () => number, length: number): string {
  let body = '';
  while (body.length < length) body += atoms[Math.floor(random() * atoms.length)]!;
  return body.slice(0, length);
}

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function nestTo(open: string, close: string, length: number): string {
  const half = Math.floor((length - 1) / (open.length + close.length));
  return open.repeat(half) + 'a' + close.repeat(half);
}

/** Known pathological inputs for markdown parsers, each as a function of the body's length. */
export const pathologicalFamilies: Record<string, (length: number) => string> = {
  'star-a-underscore': (length) => repeatTo('**a_', length),
  'underscores-a-star': (length) => repeatTo('__a*', length),
  'open brackets': (length) => repeatTo('[', length),
  'stars then underscores': (length) => repeatTo('*', length / 2) + repeatTo('_', length / 2),
  'nested emphasis': (length) => nestTo('*', '*', length),
  'nested brackets': (length) => nestTo('[', ']', length),
  'nested quotes': (length) => repeatTo('>', length),
  'backtick runs of growing length': (length) => {
    let body = '';
    for (let run = 1; body.length < length; run += 1) body += '`'.repeat(run) + 'a';
    return body.slice(0, length);
  },
  'unclosed link destinations': (length) => repeatTo('[a](', length),
  'unclosed titles': (length) => repeatTo('[a](b "', length),
  'open parentheses': (length) => '[a](' + repeatTo('(', length - 4),
  'angle brackets': (length) => repeatTo('<', length),
  'unclosed tags': (length) => repeatTo('<a b="', length),
  'unclosed comments': (length) => repeatTo('<!--', length),
  'www runs': (length) => repeatTo('www.', length),
  'email runs': (length) => repeatTo('a@b.c@', length),
  'image openers': (length) => repeatTo('![a', length),
  references: (length) =>
    ('[x]: https://x.example/\n' + repeatTo('[x] [x][] [y][x] ', length)).slice(0, length),
  'escaped backticks': (length) => repeatTo('\\`a`', length),
  'deep lists': (length) => {
    let body = '';
    for (let depth = 0; body.length < length; depth += 1) body += `${'  '.repeat(depth % 40)}- x\n`;
    return body.slice(0, length);
  },
  'deep ordered lists in quotes': (length) => {
    let body = '';
    for (let depth = 0; body.length < length; depth += 1) body += `${'> '.repeat(depth % 20)}1. x\n`;
    return body.slice(0, length);
  },
  'strikethrough runs': (length) => repeatTo('~~a~', length),
  entities: (length) => repeatTo('&#58;&amp;', length),
};
