import { performance } from 'node:perf_hooks';
import TurndownService from 'turndown';
import { convertHtml, fitBody } from '../server/src/import/html-to-markdown.js';
import { createRandom, pick } from './fixtures/generate-thread.js';

// Bodies converted per second by the import's HTML conversion (issue #15), for a typical mix
// of what the sources hold. Run once: node --import tsx bench/html-to-markdown.ts
// - plain text (no `<` or `&`): 35%, as WordPress and Disqus keep many one-line comments;
// - simple HTML (paragraphs, <br>, links, em/strong, code, &amp;): 50%;
// - richer HTML (quotes, lists, code blocks, images, a heading, named entities): 15%, a tenth
//   of them with an entity outside the fast path's table (&eacute;), which takes the parser.

const words =
  'the a comment article thanks great point really agree however because cache offline server reader page time'.split(
    ' ',
  );

function makeBodies(count: number): string[] {
  const random = createRandom(15);
  const sentence = (): string =>
    Array.from({ length: 6 + Math.floor(random() * 14) }, () => pick(random, words)).join(' ');
  return Array.from({ length: count }, (_, index) => {
    const roll = random();
    if (roll < 0.35) return `${sentence()}. ${sentence()}?`;
    if (roll < 0.85) {
      return (
        `<p>${sentence()} <b>${sentence()}</b>.</p><p>${sentence()}<br>${sentence()} ` +
        `<a href="https://example.com/p/${index}" rel="nofollow noopener">link</a> &amp; <em>more</em>, ` +
        `<code>npm i x</code>.</p>`
      );
    }
    const entity = random() < 0.1 ? '&eacute;' : '&hellip;';
    return (
      `<h3>${sentence()}</h3><blockquote><p>${sentence()}</p></blockquote><p>${sentence()} ${entity}</p>` +
      `<ul><li>${sentence()}</li><li>${sentence()}<ol><li>${sentence()}</li></ol></li></ul>` +
      `<pre><code>const x = ${index};\nif (x &lt; 2) run();</code></pre>` +
      `<p><img src="https://img.example/${index}.png" alt="${sentence()}"></p>`
    );
  });
}

function measure(label: string, bodies: readonly string[], convert: (html: string) => unknown): void {
  for (const body of bodies.slice(0, 500)) convert(body);
  const rates: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const start = performance.now();
    for (const body of bodies) convert(body);
    rates.push(bodies.length / ((performance.now() - start) / 1000));
  }
  const best = Math.round(Math.max(...rates));
  console.log(`${label.padEnd(44)} ${best.toLocaleString('en').padStart(8)} bodies/s (best of 3)`);
}

const bodies = makeBodies(5_000);
const turndown = new TurndownService();
measure('turndown alone (default rules, parser)', bodies, (html) => turndown.turndown(html));
measure('htmlToMarkdown + fitBody (fast paths)', bodies, (html) => fitBody(convertHtml(html, 'nodes')));
measure('htmlToMarkdown + fitBody (always the parser)', bodies, (html) =>
  fitBody(convertHtml(html, 'parser')),
);
const plain = bodies.filter((body) => !/[<&]/.test(body));
const html = bodies.filter((body) => /[<&]/.test(body));
measure(`  plain text only (${plain.length})`, plain, (body) => convertHtml(body, 'nodes'));
measure(`  HTML only (${html.length})`, html, (body) => convertHtml(body, 'nodes'));
