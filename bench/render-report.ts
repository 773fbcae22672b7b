import type { RenderResult } from './render.js';
import { statsRow, table, verdict } from './report-format.js';

/** Prints the 1,000-comment render: the plain renderer and Hearth against the same server. */
export function printRender(result: RenderResult): void {
  const isFormatted = result.bodyFormat === 'markdown';
  const depth = Object.entries(result.commentsByDepth)
    .map(([level, count]) => `depth ${level}: ${count}`)
    .join(', ');
  console.log(
    `\nRender${isFormatted ? ', formatted (markdown bodies)' : ''}: ${result.comments} comments (${depth}; bodies ~${result.averageBodyChars} chars), ${result.browser}, median of ${result.runs} runs`,
  );
  console.log(
    `both read the reference server's feed with the widget's requests, ${result.pages} page${result.pages === 1 ? '' : 's'} (GET …/comments?limit=1000, then &since=cursor while more); times run from insertion (Hearth) or the first request (plain)`,
  );
  const mix = result.markdownMix;
  if (mix) {
    console.log(
      `bodies holding: strong ${mix.strong}%, em ${mix.em}%, code ${mix.codeSpans}%, links ${mix.links}%, bare URLs ${mix.bareUrls}%, ` +
        `lists ${mix.lists}%, quotes ${mix.quotes}%, fenced code ${mix.codeBlocks}%`,
    );
  }
  const plain = isFormatted ? 'marked' : 'plain';
  const screen = `first screen (${result.firstScreenComments} comments)`;
  console.log(
    table([
      ['case', 'median', 'min', 'max'],
      statsRow(
        isFormatted ? '(a) marked.parse + innerHTML, page by page' : '(a) plain innerHTML, page by page',
        result.baseline,
      ),
      statsRow(`(a) ${plain}, ${screen}`, result.baselineFirstScreen),
      statsRow(`(a) ${plain}, last page parsed (context)`, result.baselineAllData),
      statsRow(`(a) ${plain}, HTML + layout only (context)`, result.baselineRenderOnly),
      statsRow(`(a") ${plain} + content-visibility:auto`, result.baselineContentVisibility),
      statsRow('(b) Hearth, first visit', result.firstVisit),
      ...(result.germanFirstVisit
        ? [statsRow(`(b') Hearth, first visit in German`, result.germanFirstVisit)]
        : []),
      statsRow(`(b) Hearth, ${screen}`, result.firstVisitFirstScreen),
      statsRow('(b) Hearth, feed requested (plain: at 0)', result.firstVisitFeedRequested),
      statsRow(`(c) Hearth, return visit (API +${result.returnDelayMs} ms)`, result.returnVisit),
    ]),
  );
  console.log(
    `(b)/(a) = ${result.ratio.toFixed(2)}× (goal ≤ ${result.goalRatio}×): ${verdict(result.isWithinGoal)}; median of per-run ratios ${result.pairedRatio.toFixed(2)}×`,
  );
  console.log(`first screen (b)/(a) = ${result.firstScreenRatio.toFixed(2)}×`);
  if (result.germanFirstVisit) {
    const germanRatio = result.germanFirstVisit.medianMs / result.firstVisit.medianMs;
    console.log(
      `German / English first visit (b')/(b) = ${germanRatio.toFixed(2)}× (goal ≤ 1.05×): ${verdict(germanRatio <= 1.05)}`,
    );
  }
  console.log(
    `(b)/(a") = ${result.contentVisibilityRatio.toFixed(2)}× like for like (both skip layout of off-screen conversations)`,
  );
  console.log(
    `return visit painted before the network answered: ${result.isReturnPaintedBeforeNetwork ? 'yes, every run' : 'NO'}`,
  );
  if (!isFormatted) return;
  const trees = result.cachedTrees;
  const isEveryTreeCached = trees.length > 0 && trees.every((run) => run.withTree === run.comments);
  console.log(
    `return visit drew cached trees: ${isEveryTreeCached ? 'yes' : 'NO'}, ${trees.map((run) => `${run.withTree}/${run.comments}`).join(', ')} cached comments with a bodyTree per run`,
  );
  const tags = Object.keys(result.markup.hearth) as (keyof typeof result.markup.hearth)[];
  const isSameMarkup = tags.every((tag) => result.markup.hearth[tag] === result.markup.baseline[tag]);
  console.log(
    `elements in bodies, Hearth / marked: ${tags.map((tag) => `${tag} ${result.markup.hearth[tag]}/${result.markup.baseline[tag]}`).join(', ')}${isSameMarkup ? ' (same)' : ' (DIFFER)'}`,
  );
}
