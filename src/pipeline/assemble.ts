import type { BaselineComparison } from '../checks/regression.js';
import type { CheckRecord } from '../checks/types.js';
import type { EvaluateSettings } from '../config/settings.js';
import { computeScores } from '../metrics/scores.js';
import {
  REPORT_SCHEMA_VERSION,
  type ClassReport,
  type DatasetReport,
  type ErrorReport,
  type PreprocessingReport,
  type Report,
  type TimingReport,
  type Verdict,
} from '../report/types.js';
import { TOOL_VERSION } from '../version.js';
import type { EvaluationOutcome } from './evaluate.js';

/** How many skipped ids the report lists. */
const MAX_REPORTED_SKIPPED_IDS = 20;

/** Wall-clock facts of a run that the outcome does not hold. */
export interface RunClock {
  readonly startedAt: Date;
  readonly totalMs: number;
}

/** Gate additions to an evaluation: its checks, the baseline comparison and the overlays. */
export interface GateResult {
  readonly checks: readonly CheckRecord[];
  readonly baseline: BaselineComparison | null;
  readonly overlays: readonly string[];
  readonly warnings: readonly string[];
}

/** Any `fail` check makes the verdict `fail`. */
export function verdictOf(checks: readonly CheckRecord[]): Verdict {
  return checks.some((check) => check.status === 'fail') ? 'fail' : 'pass';
}

/** Assembles the report of a run that completed, with its checks. */
export function assembleReport(
  settings: EvaluateSettings,
  outcome: EvaluationOutcome,
  gate: GateResult,
  clock: RunClock,
): Report {
  const { checks } = gate;
  const scores = computeScores(outcome.matrix);
  const classes: ClassReport[] = scores.classes.map((scoresOfClass, id) => ({
    id,
    name: settings.classNames[id] ?? `class ${id}`,
    iou: scoresOfClass.iou,
    recall: scoresOfClass.recall,
    precision: scoresOfClass.precision,
    support: scoresOfClass.support,
    predicted: scoresOfClass.predicted,
    intersection: scoresOfClass.intersection,
    union: scoresOfClass.union,
  }));

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'seg-gate', version: TOOL_VERSION },
    verdict: verdictOf(checks),
    error: null,
    dataset: datasetReport(settings, outcome),
    model: {
      kind: outcome.segmenter.kind,
      path: outcome.segmenter.path,
      decoding: outcome.segmenter.decoding,
      details: outcome.segmenter.details,
    },
    preprocessing: settings.model ? preprocessingReport(settings) : null,
    metrics: {
      miou: scores.miou,
      pixelAccuracy: scores.pixelAccuracy,
      meanRecall: scores.meanRecall,
      fwIou: scores.fwIou,
      scoredPixels: scores.scoredPixels,
      ignoredPixels: outcome.ignoredPixels,
      unscoredPixels: outcome.unscoredPixels,
    },
    classes,
    confusionMatrix: outcome.matrix.toRows(),
    checks,
    images: outcome.images,
    warnings: [...outcome.warnings, ...gate.warnings],
    timing: timingReport(outcome, clock),
    baseline: gate.baseline,
    overlays: gate.overlays,
  };
}

/** Assembles the report of a run that could not complete (verdict `error`). */
export function assembleErrorReport(error: ErrorReport, clock: RunClock): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'seg-gate', version: TOOL_VERSION },
    verdict: 'error',
    error,
    dataset: null,
    model: null,
    preprocessing: null,
    metrics: null,
    classes: [],
    confusionMatrix: [],
    checks: [],
    images: [],
    warnings: [],
    baseline: null,
    overlays: [],
    timing: {
      startedAt: clock.startedAt.toISOString(),
      totalMs: clock.totalMs,
      openMs: 0,
      decodeMs: 0,
      preprocessMs: 0,
      inferenceMs: 0,
      metricsMs: 0,
      imagesPerSecond: null,
    },
  };
}

function datasetReport(settings: EvaluateSettings, outcome: EvaluationOutcome): DatasetReport {
  const { dataset } = outcome;
  const source = dataset.source;
  return {
    source: source.kind,
    root: source.kind === 'voc' ? source.root : null,
    split: source.kind === 'voc' ? source.split : null,
    idsFile: source.kind === 'voc' ? source.idsFile : null,
    imagesDir: source.kind === 'folders' ? source.imagesDir : null,
    labelsDir: source.kind === 'folders' ? source.labelsDir : null,
    listed: dataset.listedCount,
    evaluated: dataset.samples.length,
    skippedMissing: dataset.skippedIds.length,
    skippedIds: dataset.skippedIds.slice(0, MAX_REPORTED_SKIPPED_IDS),
    numClasses: settings.numClasses,
    ignoreIndex: settings.ignoreIndex,
    fingerprint: outcome.fingerprint,
  };
}

function preprocessingReport(settings: EvaluateSettings): PreprocessingReport {
  const input = settings.input;
  return {
    normalize: input.normalize,
    channelOrder: input.channelOrder,
    inputSize: input.inputSize ? `${input.inputSize.width}x${input.inputSize.height}` : null,
    resize: input.resize,
    layout: input.layout,
    upsample: input.upsample,
    device: input.device,
    threads: input.threads,
  };
}

function timingReport(outcome: EvaluationOutcome, clock: RunClock): TimingReport {
  const { timing } = outcome;
  const evaluated = outcome.dataset.samples.length;
  return {
    startedAt: clock.startedAt.toISOString(),
    totalMs: round(clock.totalMs),
    openMs: round(timing.openMs),
    decodeMs: round(timing.decodeMs),
    preprocessMs: round(timing.preprocessMs),
    inferenceMs: round(timing.inferenceMs),
    metricsMs: round(timing.metricsMs),
    imagesPerSecond: timing.loopMs > 0 ? round((evaluated * 1000) / timing.loopMs) : null,
  };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}
