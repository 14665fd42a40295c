import { baselineHeadline, changedClasses, classDeltaCells } from './baseline-text.js';
import type { CheckRecord } from '../checks/types.js';
import { countChecksByStatus } from './check-status.js';
import { NO_VALUE, formatCount, formatDuration, formatRate, formatRatio } from './format.js';
import type {
  ClassReport,
  DatasetReport,
  ModelReport,
  PreprocessingReport,
  Report,
} from './types.js';

/** Hex digits of the dataset fingerprint shown in summaries; the report keeps all 64. */
export const FINGERPRINT_DISPLAY_LENGTH = 12;

type Alignment = 'left' | 'right';

/**
 * Renders the Markdown summary of a report, for example for a GitHub job summary.
 *
 * Sections in order: the verdict line (`## seg-gate: PASS`, `FAIL` or `ERROR`, with the error
 * kind and message for `ERROR`), failed checks, warnings, headline metrics, the per-class table,
 * model and preprocessing, dataset, timings, and all checks in a collapsed block. Sections with no
 * data are left out. IoU, accuracy, recall and precision are fractions in [0, 1] with 4 decimals;
 * `—` marks a value whose denominator is empty. Counts have comma thousands separators. Every text
 * that comes from the report (names, ids, paths, messages) goes through `escapeMarkdown`.
 */
export function renderMarkdownSummary(report: Report): string {
  const sections = [
    verdictSection(report),
    failedChecksSection(report.checks),
    warningsSection(report),
    metricsSection(report),
    baselineSection(report),
    classesSection(report.classes),
    modelSection(report.model, report.preprocessing),
    datasetSection(report.dataset),
    timingSection(report),
    allChecksSection(report.checks),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

/**
 * Escapes text for inline Markdown (GitHub Flavored Markdown, including table cells): `<`, `>`
 * and `&` become HTML entities, the characters that start emphasis, code, links, tables,
 * strikethrough or math get a backslash, and line breaks become spaces. A leading `#`, `+`, `-`,
 * `=` or `1.` is escaped too, so a value at the start of a list item cannot open a block.
 */
export function escapeMarkdown(text: string): string {
  const inline = text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, (character) => `\\${character}`);

  return inline.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

function verdictSection(report: Report): string {
  const counts = countChecksByStatus(report.checks);
  const checkLine =
    report.checks.length === 0
      ? 'No checks ran.'
      : `Checks: ${counts.fail} failed, ${counts.warn} warned, ${counts.pass} passed, ${counts.skip} skipped.`;

  if (report.verdict === 'error') {
    const reason =
      report.error === null
        ? 'The evaluation could not run.'
        : `The evaluation could not run (${report.error.kind} error): ${escapeMarkdown(report.error.message)}`;
    return `## seg-gate: ERROR\n\n${reason}`;
  }

  return `## seg-gate: ${report.verdict.toUpperCase()}\n\n${checkLine}`;
}

function failedChecksSection(checks: readonly CheckRecord[]): string {
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.length === 0) {
    return '';
  }
  return ['### Failed checks', '', ...failed.map(checkItem)].join('\n');
}

function warningsSection(report: Report): string {
  const warnedChecks = report.checks.filter((check) => check.status === 'warn').map(checkItem);
  const warnings = report.warnings.map((warning) => `- ${escapeMarkdown(warning)}`);
  if (warnedChecks.length + warnings.length === 0) {
    return '';
  }
  return ['### Warnings', '', ...warnedChecks, ...warnings].join('\n');
}

function checkItem(check: CheckRecord): string {
  return `- **${escapeMarkdown(check.id)}**: ${escapeMarkdown(check.message)}`;
}

function metricsSection(report: Report): string {
  const metrics = report.metrics;
  if (metrics === null) {
    return '';
  }

  const rows = [
    ['mIoU', formatRatio(metrics.miou)],
    ['Pixel accuracy', formatRatio(metrics.pixelAccuracy)],
    ['Mean recall', formatRatio(metrics.meanRecall)],
    ['Frequency-weighted IoU', formatRatio(metrics.fwIou)],
    ['Images evaluated', imagesEvaluated(report)],
    ['Scored pixels', formatCount(metrics.scoredPixels)],
    ['Ignored pixels', formatCount(metrics.ignoredPixels)],
    ['Unscored pixels (contract violations)', formatCount(metrics.unscoredPixels)],
  ];
  return ['### Metrics', '', table(['Metric', 'Value'], ['left', 'right'], rows)].join('\n');
}

function baselineSection(report: Report): string {
  const baseline = report.baseline;
  if (baseline === null) {
    return '';
  }

  const lines = ['### Against the baseline', '', escapeMarkdown(baselineHeadline(baseline))];
  const changed = changedClasses(baseline);
  if (changed.length > 0) {
    const rows = changed.map((entry) =>
      classDeltaCells(entry).map((cell, column) => (column === 0 ? escapeMarkdown(cell) : cell)),
    );
    const headers = ['Class', 'Baseline IoU', 'IoU', 'Δ'];
    lines.push('', table(headers, ['left', 'right', 'right', 'right'], rows));
  }
  return lines.join('\n');
}

function imagesEvaluated(report: Report): string {
  if (report.dataset === null) {
    return formatCount(report.images.length);
  }
  return `${formatCount(report.dataset.evaluated)} of ${formatCount(report.dataset.listed)} listed`;
}

function classesSection(classes: readonly ClassReport[]): string {
  if (classes.length === 0) {
    return '';
  }

  const rows = classes.map((entry) => [
    String(entry.id),
    escapeMarkdown(entry.name),
    formatRatio(entry.iou),
    formatRatio(entry.recall),
    formatRatio(entry.precision),
    formatCount(entry.support),
  ]);
  const headers = ['Id', 'Class', 'IoU', 'Recall', 'Precision', 'Support'];
  const alignments: Alignment[] = ['right', 'left', 'right', 'right', 'right', 'right'];
  return [
    '### Per-class scores',
    '',
    table(headers, alignments, rows),
    '',
    `${NO_VALUE} marks a score whose denominator is empty: the class is absent from the labels (recall), the predictions (precision) or both (IoU). Such classes are left out of the means.`,
  ].join('\n');
}

function modelSection(
  model: ModelReport | null,
  preprocessing: PreprocessingReport | null,
): string {
  if (model === null && preprocessing === null) {
    return '';
  }

  const rows: string[][] = [];
  if (model !== null) {
    rows.push(['Kind', MODEL_KIND_LABELS[model.kind]]);
    rows.push(['Path', escapeMarkdown(model.path)]);
    rows.push(['Decoding', escapeMarkdown(model.decoding)]);
    for (const [key, value] of Object.entries(model.details)) {
      rows.push([escapeMarkdown(key), escapeMarkdown(formatDetail(value))]);
    }
  }
  if (preprocessing !== null) {
    rows.push(...preprocessingRows(preprocessing));
  }
  return [
    '### Model and preprocessing',
    '',
    table(['Field', 'Value'], ['left', 'left'], rows),
  ].join('\n');
}

const MODEL_KIND_LABELS: Record<ModelReport['kind'], string> = {
  onnx: 'ONNX model',
  tfjs: 'TensorFlow.js model',
  predictions: 'Prediction files',
};

function formatDetail(value: ModelReport['details'][string]): string {
  if (Array.isArray(value)) {
    return `[${value.join(', ')}]`;
  }
  return String(value);
}

function preprocessingRows(preprocessing: PreprocessingReport): string[][] {
  return [
    ['Normalize', escapeMarkdown(preprocessing.normalize ?? 'not declared')],
    ['Channel order', escapeMarkdown(preprocessing.channelOrder)],
    ['Input size', escapeMarkdown(preprocessing.inputSize ?? 'model default')],
    ['Resize', escapeMarkdown(preprocessing.resize)],
    ['Layout', escapeMarkdown(preprocessing.layout)],
    ['Upsample', escapeMarkdown(preprocessing.upsample)],
    ['Device', escapeMarkdown(preprocessing.device)],
    ['Threads', preprocessing.threads === null ? 'runtime default' : String(preprocessing.threads)],
  ];
}

function datasetSection(dataset: DatasetReport | null): string {
  if (dataset === null) {
    return '';
  }

  const rows = [...datasetSourceRows(dataset)];
  rows.push(['Listed ids', formatCount(dataset.listed)]);
  rows.push(['Evaluated images', formatCount(dataset.evaluated)]);
  rows.push(['Skipped (missing files)', skippedText(dataset)]);
  rows.push(['Classes', formatCount(dataset.numClasses)]);
  rows.push(['Ignore index', String(dataset.ignoreIndex)]);
  rows.push(['Fingerprint', `sha256 ${escapeMarkdown(shortFingerprint(dataset.fingerprint))}…`]);
  return ['### Dataset', '', table(['Field', 'Value'], ['left', 'left'], rows)].join('\n');
}

function datasetSourceRows(dataset: DatasetReport): string[][] {
  if (dataset.source === 'folders') {
    return [
      ['Source', 'Image and label folders'],
      ['Images', escapeMarkdown(dataset.imagesDir ?? NO_VALUE)],
      ['Labels', escapeMarkdown(dataset.labelsDir ?? NO_VALUE)],
    ];
  }

  const ids =
    dataset.idsFile !== null
      ? ['Ids file', escapeMarkdown(dataset.idsFile)]
      : ['Split', escapeMarkdown(dataset.split ?? NO_VALUE)];
  return [['Source', 'VOC layout'], ['Root', escapeMarkdown(dataset.root ?? NO_VALUE)], ids];
}

function skippedText(dataset: DatasetReport): string {
  if (dataset.skippedMissing === 0) {
    return '0';
  }
  const listedIds = dataset.skippedIds.map(escapeMarkdown).join(', ');
  const more = dataset.skippedMissing > dataset.skippedIds.length ? ', …' : '';
  return `${formatCount(dataset.skippedMissing)}: ${listedIds}${more}`;
}

/** Returns the first `FINGERPRINT_DISPLAY_LENGTH` hex digits of a dataset fingerprint. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, FINGERPRINT_DISPLAY_LENGTH);
}

function timingSection(report: Report): string {
  const timing = report.timing;
  const images = report.dataset?.evaluated ?? report.images.length;
  const perImage = (ms: number): string => (images > 0 ? formatDuration(ms / images) : NO_VALUE);

  const rows = [
    ['Total', formatDuration(timing.totalMs), perImage(timing.totalMs)],
    ['Model open', formatDuration(timing.openMs), NO_VALUE],
    ['Decode', formatDuration(timing.decodeMs), perImage(timing.decodeMs)],
    ['Preprocess', formatDuration(timing.preprocessMs), perImage(timing.preprocessMs)],
    ['Inference', formatDuration(timing.inferenceMs), perImage(timing.inferenceMs)],
    ['Metrics', formatDuration(timing.metricsMs), NO_VALUE],
  ];
  return [
    '### Timings',
    '',
    table(['Stage', 'Time', 'Per image'], ['left', 'right', 'right'], rows),
    '',
    `Throughput: ${formatRate(timing.imagesPerSecond)} images/s. Started at ${escapeMarkdown(timing.startedAt)}.`,
  ].join('\n');
}

function allChecksSection(checks: readonly CheckRecord[]): string {
  if (checks.length === 0) {
    return '';
  }

  const rows = checks.map((check) => [
    escapeMarkdown(check.id),
    check.status,
    escapeMarkdown(check.message),
  ]);
  return [
    `<details><summary>All checks (${checks.length})</summary>`,
    '',
    table(['Check', 'Status', 'Message'], ['left', 'left', 'left'], rows),
    '',
    '</details>',
  ].join('\n');
}

/** Builds a GitHub Flavored Markdown table; cells must already be escaped. */
function table(
  headers: readonly string[],
  alignments: readonly Alignment[],
  rows: readonly (readonly string[])[],
): string {
  const rule = alignments.map((alignment) => (alignment === 'right' ? '---:' : '---'));
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
