import { baselineHeadline, changedClasses, classDeltaCells } from './baseline-text.js';
import type { CheckRecord } from '../checks/types.js';
import { countChecksByStatus } from './check-status.js';
import { NO_VALUE, formatCount, formatDuration, formatRate, formatRatio } from './format.js';
import type { ClassReport, Report } from './types.js';

export interface TerminalSummaryOptions {
  /** Adds ANSI colours. The caller decides, for example with `colorFromEnvironment`. */
  readonly color: boolean;
  /** Column at which check messages wrap; defaults to 100, at least 40 is used. */
  readonly width?: number;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const INDENT = '  ';

const ANSI = {
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  reset: '\u001b[0m',
} as const;

type Style = Exclude<keyof typeof ANSI, 'reset'>;

/**
 * Renders the plain-text summary of a report for a terminal or CI log.
 *
 * Sections in order: the verdict line (`seg-gate: PASS`, `FAIL` or `ERROR` with the error),
 * failed checks, warnings, headline metrics, the per-class table with aligned columns, and
 * timings (total, per image, images/s). Ratios have 4 decimals and `—` marks an empty
 * denominator. Control characters in report text are replaced with `?`, so a class name cannot
 * move the cursor or change colours.
 *
 * Colours are added only when `options.color` is true. This function does not read `NO_COLOR`
 * or the TTY state: the CLI passes `colorFromEnvironment(stream.isTTY, process.env)`.
 */
export function renderTerminalSummary(report: Report, options: TerminalSummaryOptions): string {
  const painter = createPainter(options.color);
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);

  const sections = [
    verdictLines(report, painter, width),
    failedCheckLines(report.checks, painter, width),
    warningLines(report, painter, width),
    metricLines(report, painter),
    baselineLines(report, painter, width),
    classLines(report.classes, painter),
    timingLines(report, painter),
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

/**
 * Decides whether terminal output gets colours, following https://no-color.org: a non-empty
 * `NO_COLOR` turns colours off, a non-empty `FORCE_COLOR` other than `0` turns them on, and
 * otherwise colours follow whether the stream is a TTY whose `TERM` is not `dumb`.
 */
export function colorFromEnvironment(
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') {
    return false;
  }
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') {
    return force !== '0';
  }
  return isTTY === true && env['TERM'] !== 'dumb';
}

/** Replaces control characters (C0, DEL, C1) with `?` and collapses line breaks to spaces. */
export function sanitizeTerminalText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

type Painter = (text: string, style: Style) => string;

function createPainter(color: boolean): Painter {
  if (!color) {
    return (text) => text;
  }
  return (text, style) => `${ANSI[style]}${text}${ANSI.reset}`;
}

function verdictLines(report: Report, paint: Painter, width: number): string[] {
  if (report.verdict === 'error') {
    const headline = paint('seg-gate: ERROR', 'bold');
    const kind = report.error === null ? 'error' : `${report.error.kind} error`;
    const message = report.error === null ? 'The evaluation could not run.' : report.error.message;
    return [
      `${paint(headline, 'red')} (${kind})`,
      ...wrap(sanitizeTerminalText(message), width - INDENT.length).map((line) => INDENT + line),
    ];
  }

  const counts = countChecksByStatus(report.checks);
  const style = report.verdict === 'pass' ? 'green' : 'red';
  const headline = paint(paint(`seg-gate: ${report.verdict.toUpperCase()}`, 'bold'), style);
  const summary =
    report.checks.length === 0
      ? 'no checks ran'
      : `${counts.fail} failed, ${counts.warn} warned, ${counts.pass} passed, ${counts.skip} skipped`;
  return [`${headline}  ${summary}`];
}

function failedCheckLines(checks: readonly CheckRecord[], paint: Painter, width: number): string[] {
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.length === 0) {
    return [];
  }
  return [
    paint('Failed checks', 'bold'),
    ...failed.flatMap((check) => checkLines(check, 'red', paint, width)),
  ];
}

function warningLines(report: Report, paint: Painter, width: number): string[] {
  const warned = report.checks.filter((check) => check.status === 'warn');
  if (warned.length + report.warnings.length === 0) {
    return [];
  }

  const lines = [paint('Warnings', 'bold')];
  lines.push(...warned.flatMap((check) => checkLines(check, 'yellow', paint, width)));
  for (const warning of report.warnings) {
    const wrapped = wrap(sanitizeTerminalText(warning), width - 2 * INDENT.length);
    lines.push(
      ...wrapped.map((line, index) => (index === 0 ? `${INDENT}- ${line}` : `${INDENT}  ${line}`)),
    );
  }
  return lines;
}

function checkLines(check: CheckRecord, style: Style, paint: Painter, width: number): string[] {
  const message = wrap(sanitizeTerminalText(check.message), width - 2 * INDENT.length);
  return [
    INDENT + paint(sanitizeTerminalText(check.id), style),
    ...message.map((line) => INDENT + INDENT + line),
  ];
}

function metricLines(report: Report, paint: Painter): string[] {
  const metrics = report.metrics;
  if (metrics === null) {
    return [];
  }

  const images =
    report.dataset === null
      ? formatCount(report.images.length)
      : `${formatCount(report.dataset.evaluated)} evaluated of ${formatCount(report.dataset.listed)} listed`;
  const rows: [string, string][] = [
    ['mIoU', formatRatio(metrics.miou)],
    ['Pixel accuracy', formatRatio(metrics.pixelAccuracy)],
    ['Mean recall', formatRatio(metrics.meanRecall)],
    ['fwIoU', formatRatio(metrics.fwIou)],
    ['Images', images],
    ['Scored pixels', formatCount(metrics.scoredPixels)],
    ['Ignored pixels', formatCount(metrics.ignoredPixels)],
    ['Unscored pixels', formatCount(metrics.unscoredPixels)],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  return [
    paint('Metrics', 'bold'),
    ...rows.map(
      ([label, value]) => `${INDENT}${label.padEnd(labelWidth)}  ${dimPlaceholder(value, paint)}`,
    ),
  ];
}

function baselineLines(report: Report, paint: Painter, width: number): string[] {
  const baseline = report.baseline;
  if (baseline === null) {
    return [];
  }

  const lines = [
    paint('Against the baseline', 'bold'),
    ...wrap(sanitizeTerminalText(baselineHeadline(baseline)), width - INDENT.length).map(
      (line) => `${INDENT}${line}`,
    ),
  ];
  for (const entry of changedClasses(baseline)) {
    const [name, before, after, delta] = classDeltaCells(entry).map(sanitizeTerminalText);
    lines.push(`${INDENT}${name}: ${before} -> ${after} (${delta})`);
  }
  return lines;
}

function classLines(classes: readonly ClassReport[], paint: Painter): string[] {
  if (classes.length === 0) {
    return [];
  }

  const header = ['Id', 'Class', 'IoU', 'Recall', 'Precision', 'Support'];
  const rows = classes.map((entry) => [
    String(entry.id),
    sanitizeTerminalText(entry.name),
    formatRatio(entry.iou),
    formatRatio(entry.recall),
    formatRatio(entry.precision),
    formatCount(entry.support),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );

  // Column 1 (the class name) is left-aligned; ids and numbers are right-aligned.
  const align = (cells: readonly string[], style: (cell: string) => string): string =>
    INDENT +
    cells
      .map((cell, column) => {
        const padded =
          column === 1 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0);
        return style(padded);
      })
      .join('  ')
      .trimEnd();

  return [
    paint('Per-class scores', 'bold'),
    align(header, (cell) => cell),
    ...rows.map((row) => align(row, (cell) => dimPlaceholder(cell, paint))),
  ];
}

function timingLines(report: Report, paint: Painter): string[] {
  const timing = report.timing;
  const images = report.dataset?.evaluated ?? report.images.length;
  const perImage = images > 0 ? formatDuration(timing.totalMs / images) : NO_VALUE;

  return [
    paint('Timing', 'bold'),
    `${INDENT}${formatDuration(timing.totalMs)} total, ${perImage} per image, ${formatRate(timing.imagesPerSecond)} images/s`,
    `${INDENT}open ${formatDuration(timing.openMs)}, decode ${formatDuration(timing.decodeMs)}, preprocess ${formatDuration(timing.preprocessMs)}, inference ${formatDuration(timing.inferenceMs)}, metrics ${formatDuration(timing.metricsMs)}`,
  ];
}

/** Dims a cell that holds only the null placeholder, keeping its padding. */
function dimPlaceholder(cell: string, paint: Painter): string {
  return cell.trim() === NO_VALUE ? cell.replace(NO_VALUE, paint(NO_VALUE, 'dim')) : cell;
}

/** Splits text into lines of at most `width` characters at spaces; longer words get a line each. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter((part) => part !== '')) {
    if (current === '') {
      current = word;
    } else if (current.length + 1 + word.length <= width) {
      current += ` ${word}`;
    } else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') {
    lines.push(current);
  }
  return lines;
}
