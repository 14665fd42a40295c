import { basename } from 'node:path';

import type { BaselineComparison } from '../../checks/regression.js';
import type { CheckRecord } from '../../checks/types.js';
import { countChecksByStatus } from '../../report/check-status.js';
import { NO_VALUE, formatCount, formatPercent, formatRatio } from '../../report/format.js';
import { escapeMarkdown } from '../../report/markdown.js';
import type { ClassReport, Report } from '../../report/types.js';
import { formatDelta } from '../numbers.js';
import type { BaselineOrigin } from '../baseline/store.js';
import { likelyFix } from './hints.js';
import type { ClassThresholds, SummaryInput } from './types.js';

/** Maximum length of a check message in the summary, in characters. The report keeps all of it. */
export const MAX_CHECK_MESSAGE_LENGTH = 2000;

/** Off-diagonal confusion matrix cells listed as top confusions. */
export const TOP_CONFUSIONS = 10;

/** Renders the verdict line, with the error message when the evaluation could not run. */
export function verdictSection(input: SummaryInput): string {
  const { outcome, report } = input;

  if (outcome.kind === 'error') {
    const cause = outcome.cause === 'crash' ? 'crashed' : `${outcome.cause} error`;
    return `## seg-gate: ⚠️ ERROR (${cause})\n\n${escapeMarkdown(outcome.message)}`;
  }

  const title = outcome.kind === 'pass' ? '## seg-gate: ✅ PASS' : '## seg-gate: ❌ FAIL';
  const lines = [title, ''];
  if (report !== null) {
    const counts = countChecksByStatus(report.checks);
    const evaluated =
      report.dataset === null ? '' : `${formatCount(report.dataset.evaluated)} images`;
    const model = report.model === null ? '' : `\`${escapeCode(basename(report.model.path))}\``;
    const subject = [model, evaluated].filter((part) => part !== '').join(' on ');
    lines.push(
      `${subject === '' ? '' : `${subject}: `}${counts.fail} failed, ${counts.warn} warned, ` +
        `${counts.pass} passed, ${counts.skip} skipped checks.`,
    );
  }
  return lines.join('\n').trimEnd();
}

/** Renders the failed checks with their evidence and likely fix, or `''` when none failed. */
export function failedChecksSection(checks: readonly CheckRecord[]): string {
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.length === 0) {
    return '';
  }
  const items = failed.map(
    (check) =>
      `- **${escapeMarkdown(check.id)}**: ${escapeMarkdown(clip(check.message))}\n` +
      // The hints are this project's own Markdown, so they are not escaped.
      `  - Likely fix: ${likelyFix(check.id)}`,
  );
  return `### Failed checks (${failed.length})\n\n${items.join('\n')}`;
}

/** Renders the warned checks and report warnings, or `''` when there are none. */
export function warningsSection(report: Report): string {
  const warned = report.checks
    .filter((check) => check.status === 'warn')
    .map((check) => `- **${escapeMarkdown(check.id)}**: ${escapeMarkdown(clip(check.message))}`);
  const notes = report.warnings.map((warning) => `- ${escapeMarkdown(clip(warning))}`);
  const items = [...warned, ...notes];
  return items.length === 0 ? '' : `### Warnings (${items.length})\n\n${items.join('\n')}`;
}

/**
 * Renders mIoU, pixel accuracy, mean recall and fwIoU, with the mIoU change against the baseline
 * and its bootstrap interval from the report's `baseline` comparison.
 */
export function metricsSection(report: Report): string {
  const metrics = report.metrics;
  if (metrics === null) {
    return '';
  }
  const comparison = report.baseline;
  const intervalText =
    comparison === null || comparison.interval === null
      ? NO_VALUE
      : `[${formatDelta(comparison.interval[0])}, ${formatDelta(comparison.interval[1])}]`;

  const rows = [
    ['mIoU', formatRatio(metrics.miou), formatDelta(comparison?.deltaMiou ?? null), intervalText],
    ['Pixel accuracy', formatRatio(metrics.pixelAccuracy), NO_VALUE, NO_VALUE],
    ['Mean recall', formatRatio(metrics.meanRecall), NO_VALUE, NO_VALUE],
    ['Frequency-weighted IoU', formatRatio(metrics.fwIou), NO_VALUE, NO_VALUE],
  ];
  const lines = [
    '### Metrics',
    '',
    table(['Metric', 'Value', 'Δ vs baseline', 'Confidence interval of Δ'], rows, [
      'left',
      'right',
      'right',
      'right',
    ]),
    '',
    `Scored pixels: ${formatCount(metrics.scoredPixels)}, ignored: ${formatCount(metrics.ignoredPixels)}, unscored: ${formatCount(metrics.unscoredPixels)}.`,
  ];
  if (comparison !== null && comparison.interval !== null) {
    lines.push(
      `The interval comes from ${formatCount(comparison.resamples)} bootstrap resamples over images (seed ${comparison.seed}).`,
    );
  }
  return lines.join('\n');
}

/** Renders where the baseline came from, or why there was none, and whether this run saved one. */
export function baselineSection(input: SummaryInput): string {
  const lines = ['### Baseline', ''];
  const origin = input.baseline;

  if (origin.kind === 'none') {
    lines.push(`No baseline: ${escapeMarkdown(origin.reason)}. Regression checks were skipped.`);
  } else if (input.baselineRejection !== null) {
    lines.push(
      `Not compared with ${describeOrigin(origin)}, because the engine rejected it: ` +
        `${escapeMarkdown(input.baselineRejection)}. The engine ran again without a baseline, ` +
        'so regression checks were skipped.',
    );
  } else {
    lines.push(`Compared with ${describeOrigin(origin)}.`);
    const report = input.report;
    if (report !== null && report.verdict !== 'error' && report.baseline === null) {
      lines.push('', 'The report has no comparison with the baseline.');
    }
  }

  const save = input.save;
  if (save !== null) {
    lines.push('');
    switch (save.kind) {
      case 'saved':
        lines.push(
          `Saved this report as the baseline for later pull requests (key \`${escapeCode(save.key)}\`).`,
        );
        break;
      case 'not-saved':
        lines.push(`This report was not saved as the baseline: ${escapeMarkdown(save.reason)}.`);
        break;
      case 'skipped':
        lines.push(`Not saved as the baseline: ${escapeMarkdown(save.reason)}.`);
        break;
    }
  }
  return lines.join('\n');
}

function describeOrigin(origin: Exclude<BaselineOrigin, { kind: 'none' }>): string {
  if (origin.kind === 'file') {
    return `\`${escapeCode(origin.path)}\`, named by the \`baseline\` input`;
  }
  const commit =
    origin.commit === null
      ? ''
      : ` of default-branch commit \`${escapeCode(origin.commit.slice(0, 12))}\``;
  return `the report${commit}, restored from the Actions cache (key \`${escapeCode(origin.key)}\`)`;
}

/** Renders the IoU, recall, change against the baseline and a mark per class. */
export function classesSection(
  classes: readonly ClassReport[],
  comparison: BaselineComparison | null,
  thresholds: ClassThresholds,
): string {
  if (classes.length === 0) {
    return '';
  }
  const deltas = new Map((comparison?.classes ?? []).map((entry) => [entry.id, entry.delta]));
  const rows = classes.map((entry) => [
    String(entry.id),
    escapeMarkdown(entry.name),
    formatRatio(entry.iou),
    formatRatio(entry.recall),
    formatDelta(deltas.get(entry.id) ?? null),
    formatCount(entry.support),
    classMark(entry, thresholds, deltas.get(entry.id) ?? null),
  ]);

  const legend = classLegend(thresholds, comparison !== null);

  return [
    '### Per-class scores',
    '',
    table(['Id', 'Class', 'IoU', 'Recall', 'Δ IoU', 'Support (pixels)', 'Status'], rows, [
      'right',
      'left',
      'right',
      'right',
      'right',
      'right',
      'left',
    ]),
    '',
    legend,
  ].join('\n');
}

function classLegend(thresholds: ClassThresholds, compared: boolean): string {
  const reasons: string[] = [];
  if (thresholds.minClassIou !== null || thresholds.minClassRecall !== null) {
    reasons.push(`below ${describeThresholds(thresholds)}`);
  }
  if (compared) {
    reasons.push(`that lost more than ${thresholds.maxClassIouDrop} IoU against the baseline`);
  }
  const absent = '`—` is a class absent from labels and predictions.';
  if (reasons.length === 0) {
    return `Marks need the \`min-class-iou\` or \`min-class-recall\` input, or a baseline; ${absent}`;
  }
  return `❌ marks a class ${reasons.join(' or ')}; ${absent}`;
}

function classMark(entry: ClassReport, thresholds: ClassThresholds, delta: number | null): string {
  if (entry.iou === null && entry.recall === null) {
    return NO_VALUE;
  }
  const lostIou = delta !== null && delta < -thresholds.maxClassIouDrop;
  if (lostIou) {
    return '❌';
  }
  if (thresholds.minClassIou === null && thresholds.minClassRecall === null) {
    return delta === null ? '' : '✅';
  }
  const lowIou =
    thresholds.minClassIou !== null && entry.iou !== null && entry.iou < thresholds.minClassIou;
  const lowRecall =
    thresholds.minClassRecall !== null &&
    entry.recall !== null &&
    entry.recall < thresholds.minClassRecall;
  return lowIou || lowRecall ? '❌' : '✅';
}

function describeThresholds(thresholds: ClassThresholds): string {
  const parts: string[] = [];
  if (thresholds.minClassIou !== null) {
    parts.push(`IoU ${thresholds.minClassIou}`);
  }
  if (thresholds.minClassRecall !== null) {
    parts.push(`recall ${thresholds.minClassRecall}`);
  }
  return parts.join(' or ');
}

/** Renders the largest off-diagonal cells of the confusion matrix, or `''` when there are none. */
export function confusionsSection(report: Report): string {
  const matrix = report.confusionMatrix;
  const cells: { truth: number; predicted: number; pixels: number }[] = [];
  matrix.forEach((row, truth) =>
    row.forEach((pixels, predicted) => {
      if (truth !== predicted && pixels > 0) {
        cells.push({ truth, predicted, pixels });
      }
    }),
  );
  if (cells.length === 0) {
    return '';
  }
  cells.sort((a, b) => b.pixels - a.pixels || a.truth - b.truth || a.predicted - b.predicted);

  const rows = cells.slice(0, TOP_CONFUSIONS).map((cell) => {
    const support = (matrix[cell.truth] ?? []).reduce((sum, value) => sum + value, 0);
    return [
      className(report, cell.truth),
      className(report, cell.predicted),
      formatCount(cell.pixels),
      support > 0 ? formatPercent(cell.pixels / support) : NO_VALUE,
    ];
  });
  return [
    '### Top confusions',
    '',
    table(['True class', 'Predicted as', 'Pixels', 'Share of the true class'], rows, [
      'left',
      'left',
      'right',
      'right',
    ]),
  ].join('\n');
}

/** Renders the list of overlay files, with how to see them. */
export function overlaysSection(overlays: readonly string[]): string {
  if (overlays.length === 0) {
    return '';
  }
  const items = overlays.map((path) => `- \`${escapeCode(basename(path))}\``);
  return [
    `### Worst images (${overlays.length} overlays)`,
    '',
    'Image, label and prediction side by side in the VOC palette, worst first. Upload the folder in the `overlays-path` output with `actions/upload-artifact` to see them.',
    '',
    ...items,
  ].join('\n');
}

/** Renders the whole confusion matrix in a collapsed block. */
export function confusionMatrixSection(report: Report): string {
  const matrix = report.confusionMatrix;
  if (matrix.length === 0) {
    return '';
  }
  const ids = matrix.map((_, id) => String(id));
  const rows = matrix.map((row, truth) => [
    `${truth} ${className(report, truth)}`,
    ...row.map((pixels) => formatCount(pixels)),
  ]);
  return [
    '<details>',
    '<summary>Confusion matrix (rows: true class, columns: predicted class id, pixels)</summary>',
    '',
    table(['True class', ...ids], rows, ['left', ...ids.map((): 'right' => 'right')]),
    '',
    '</details>',
  ].join('\n');
}

function className(report: Report, id: number): string {
  const entry = report.classes.find((candidate) => candidate.id === id);
  return escapeMarkdown(entry?.name ?? String(id));
}

/** Shortens a check message to `MAX_CHECK_MESSAGE_LENGTH` characters, with a note when cut. */
export function clip(text: string): string {
  return text.length <= MAX_CHECK_MESSAGE_LENGTH
    ? text
    : `${text.slice(0, MAX_CHECK_MESSAGE_LENGTH - 1)}… (the report has the full message)`;
}

/** Makes text safe inside an inline code span: backticks and line breaks become spaces. */
function escapeCode(text: string): string {
  return text.replace(/[`\r\n]+/g, ' ');
}

type Alignment = 'left' | 'right';

/** Builds a GitHub Flavored Markdown table; cells must already be escaped. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignments: readonly Alignment[],
): string {
  const rule = alignments.map((alignment) => (alignment === 'right' ? '---:' : ':---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
