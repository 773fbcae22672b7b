import { parseMarkdown } from '../src/internal/parse-markdown.js';
import type { RichText } from '../src/internal/rich-text.js';
import { createRandom } from './fixtures/generate-thread.js';
import { makeRandomBody, pathologicalFamilies } from '../test/helpers/markdown-fuzz.js';
import { ms, table } from './report-format.js';

/** The slowest parse the fuzzer found, and where. */
export interface ParseWorst {
  bodies: number;
  worstMs: number;
  worstBody: string;
  /** Each pathological family's parse time at 10,000 characters, best of `runs`. */
  familyMs: Record<string, number>;
}

/**
 * The markdown parser's worst case (`parseMarkdown` in a Node process): 300 seeded random bodies
 * up to 10,000 characters and every pathological family at 10,000, each the best of `runs`
 * parses (so a scheduling hiccup on a busy machine is not taken for the parser's cost).
 */
export function measureParseWorst(
  runs: number,
  parse: (source: string) => RichText = parseMarkdown,
): ParseWorst {
  const random = createRandom(20261206);
  const bodies: Array<[string, string]> = [];
  for (let index = 0; index < 300; index += 1) {
    bodies.push([`random ${index}`, makeRandomBody(random, 1 + Math.floor(random() * 10_000))]);
  }
  for (const [name, make] of Object.entries(pathologicalFamilies)) bodies.push([name, make(10_000)]);
  for (const [, body] of bodies) parse(body);
  const result: ParseWorst = { bodies: bodies.length, worstMs: 0, worstBody: '', familyMs: {} };
  for (const [name, body] of bodies) {
    let best = Infinity;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      parse(body);
      best = Math.min(best, performance.now() - started);
    }
    if (name in pathologicalFamilies) result.familyMs[name] = best;
    if (best > result.worstMs) Object.assign(result, { worstMs: best, worstBody: name });
  }
  return result;
}

/**
 * marked 18's lexer (the parser before issue #12) on the same bodies, measured once with this
 * file's code on 2026-12-06; marked is no longer in the widget, so the figures are kept here.
 */
export const markedWorst = {
  worstMs: 1500.4,
  worstBody: 'star-a-underscore',
  familyMs: {
    'star-a-underscore': 1500.4,
    'underscores-a-star': 1159,
    'open brackets': 2.7,
    'stars then underscores': 0.1,
    'nested emphasis': 188.4,
    'nested brackets': 1.4,
    'nested quotes': 101.3,
    'backtick runs of growing length': 1.7,
    'unclosed link destinations': 1.3,
    'unclosed titles': 0.9,
    'open parentheses': 0.2,
    'angle brackets': 4,
    'unclosed tags': 0.8,
    'unclosed comments': 0,
    'www runs': 0.1,
    'email runs': 1.2,
    'image openers': 2.5,
    references: 2,
    'escaped backticks': 1.1,
    'deep lists': 13.5,
    'deep ordered lists in quotes': 2.6,
    'strikethrough runs': 19,
    entities: 0.4,
  } as Record<string, number>,
};

export function printParseWorst(result: ParseWorst): void {
  console.log('\nMarkdown parse, worst case found by the fuzzer (best of runs, Node)');
  const families = Object.keys(result.familyMs);
  console.log(
    table([
      ['body (10,000 characters)', 'marked 18 (before)', 'Hearth parser'],
      ...families.map((name) => [
        name,
        markedWorst.familyMs[name] === undefined ? '-' : ms(markedWorst.familyMs[name]),
        ms(result.familyMs[name]!),
      ]),
      [
        `worst of ${result.bodies} bodies`,
        `${ms(markedWorst.worstMs)} (${markedWorst.worstBody})`,
        `${ms(result.worstMs)} (${result.worstBody})`,
      ],
    ]),
  );
}
