import type { ClassIdMask } from '../../../src/decode/types.js';
import { countImage } from '../../../src/metrics/accumulate.js';
import { ConfusionMatrix } from '../../../src/metrics/confusion.js';
import { computeScores } from '../../../src/metrics/scores.js';
import type { ImageObservation } from '../../../src/pipeline/observer.js';
import type { ImageReport, Report } from '../../../src/report/types.js';
import type { OutputStats } from '../../../src/segmenters/types.js';

/** Sparse `[true, predicted, pixels]` triples. */
export type Triples = [number, number, number][];

/** Builds an image report with the given sparse counts. */
export function imageReport(id: string, counts: ImageReport['counts'], scored = true): ImageReport {
  const pixels = counts.reduce((sum, triple) => sum + triple[2], 0);
  return { id, width: Math.max(1, pixels), height: 1, ignoredPixels: 0, scored, counts };
}

/** Builds a confusion matrix from sparse triples. */
export function matrixOf(numClasses: number, counts: Triples): ConfusionMatrix {
  const matrix = new ConfusionMatrix(numClasses);
  matrix.addSparse(counts);
  return matrix;
}

/** Builds a class-id mask from rows of ids. */
export function maskOf(rows: readonly (readonly number[])[]): ClassIdMask {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  return { width, height, data: Uint8Array.from(rows.flat()) };
}

/** Builds a mask with one value everywhere. */
export function filledMask(width: number, height: number, value: number): ClassIdMask {
  return { width, height, data: new Uint8Array(width * height).fill(value) };
}

/** Builds the observation of a scored image (label and prediction) or of an unscored one. */
export function observation(
  id: string,
  label: ClassIdMask | null,
  prediction: ClassIdMask | null,
  stats: OutputStats | null = null,
  numClasses = 21,
  ignoreIndex = 255,
): ImageObservation {
  const counts =
    label && prediction ? countImage(label, prediction, numClasses, ignoreIndex) : null;
  return {
    sample: { id, imagePath: `/images/${id}.jpg`, labelPath: `/labels/${id}.png` },
    label,
    prediction,
    counts,
    stats,
  };
}

/**
 * Builds a complete report whose class scores and metrics come from the per-image counts. The
 * fields that no check reads contain fixed placeholder values.
 */
export function reportOf(options: {
  classNames: readonly string[];
  images: readonly ImageReport[];
  fingerprint?: string;
  schemaVersion?: number;
}): Report {
  const matrix = new ConfusionMatrix(options.classNames.length);
  for (const image of options.images) {
    matrix.addSparse(image.counts);
  }
  const scores = computeScores(matrix);
  return {
    schemaVersion: (options.schemaVersion ?? 1) as 1,
    tool: { name: 'seg-gate', version: '0.1.0' },
    verdict: 'pass',
    error: null,
    dataset: {
      source: 'folders',
      root: null,
      split: null,
      idsFile: null,
      imagesDir: '/images',
      labelsDir: '/labels',
      listed: options.images.length,
      evaluated: options.images.length,
      skippedMissing: 0,
      skippedIds: [],
      numClasses: options.classNames.length,
      ignoreIndex: 255,
      fingerprint: options.fingerprint ?? `sha256:${'ab12'.repeat(16)}`,
    },
    model: { kind: 'predictions', path: '/predictions', decoding: 'class-id PNG', details: {} },
    preprocessing: null,
    metrics: {
      miou: scores.miou,
      pixelAccuracy: scores.pixelAccuracy,
      meanRecall: scores.meanRecall,
      fwIou: scores.fwIou,
      scoredPixels: scores.scoredPixels,
      ignoredPixels: 0,
      unscoredPixels: 0,
    },
    classes: scores.classes.map((entry, id) => ({
      id,
      name: options.classNames[id] ?? `class ${id}`,
      iou: entry.iou,
      recall: entry.recall,
      precision: entry.precision,
      support: entry.support,
      predicted: entry.predicted,
      intersection: entry.intersection,
      union: entry.union,
    })),
    confusionMatrix: matrix.toRows(),
    checks: [],
    images: options.images,
    warnings: [],
    baseline: null,
    overlays: [],
    timing: {
      startedAt: '2025-01-01T00:00:00.000Z',
      totalMs: 0,
      openMs: 0,
      decodeMs: 0,
      preprocessMs: 0,
      inferenceMs: 0,
      metricsMs: 0,
      imagesPerSecond: null,
    },
  };
}
