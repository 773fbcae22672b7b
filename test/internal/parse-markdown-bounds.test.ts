import { expect } from '@open-wc/testing';
import { parseMarkdownCountingSteps } from '../../src/internal/parse-markdown.js';
import { createRandom } from '../../bench/fixtures/generate-thread.js';
import { makeRandomBody, pathologicalFamilies } from '../helpers/markdown-fuzz.js';

/** The work allowed per character of body, in the parser's own steps, plus a constant. */
const stepsPerCharacter = 12;
const constantSteps = 64;
const bodyMaxLength = 10_000;

function expectBounded(source: string, label: string): number {
  const { steps } = parseMarkdownCountingSteps(source);
  const limit = stepsPerCharacter * source.length + constantSteps;
  expect(
    steps <= limit,
    `${label}: ${steps} steps for ${source.length} characters (limit ${limit})`,
  ).to.equal(true);
  return steps;
}

describe('parseMarkdown work bounds', () => {
  it('counts steps in proportion to the body: twice the text, about twice the steps', () => {
    const unit = 'Some *words*, a [link](https://example.com/) and `code`.\n';
    const short = parseMarkdownCountingSteps(unit.repeat(50)).steps;
    const long = parseMarkdownCountingSteps(unit.repeat(100)).steps;
    expect(short).to.be.greaterThan(unit.length * 50);
    expect(long / short).to.be.within(1.9, 2.1);
  });

  it('does bounded work on 400 seeded random bodies up to 10,000 characters', () => {
    const random = createRandom(20261206);
    for (let index = 0; index < 400; index += 1) {
      const length = 1 + Math.floor(random() * bodyMaxLength);
      expectBounded(makeRandomBody(random, length), `random body ${index}`);
    }
  });

  for (const [name, make] of Object.entries(pathologicalFamilies)) {
    it(`does linear work on ${name}`, () => {
      const steps = [2_500, 5_000, 10_000].map((length) =>
        expectBounded(make(length), `${name} × ${length}`),
      );
      for (let index = 1; index < steps.length; index += 1) {
        const growth = steps[index]! / steps[index - 1]!;
        expect(growth, `${name}: steps grew ${growth.toFixed(2)}× when the length doubled`).to.be.at.most(
          2.2,
        );
      }
    });
  }

  it('keeps every pathological family parseable into a tree of the body', () => {
    for (const [name, make] of Object.entries(pathologicalFamilies)) {
      const { tree } = parseMarkdownCountingSteps(make(bodyMaxLength));
      expect(Array.isArray(tree), name).to.equal(true);
      expect(structuredClone(tree), name).to.deep.equal(tree);
    }
  });
});
