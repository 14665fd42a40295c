import type { CheckRecord } from '../../../src/checks/types.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import type { ClassReport, Report } from '../../../src/report/types.js';

/**
 * Builds a report like the engine writes, for the 21 VOC classes. Class `id` gets IoU
 * `ious[id]` (null for an absent class) and recall equal to its IoU; the confusion matrix puts
 * `100 * iou` pixels on the diagonal and the rest of 100 label pixels on class 0 (class 0 on 1).
 */
export function makeReport(options: {
  readonly verdict?: Report['verdict'];
  readonly ious?: readonly (number | null)[];
  readonly checks?: readonly CheckRecord[];
  readonly warnings?: readonly string[];
  readonly classNames?: readonly string[];
  readonly error?: Report['error'];
}): Report {
  const names = options.classNames ?? VOC_CLASS_NAMES;
  const ious = options.ious ?? names.map((_, id) => 0.5 + id / 100);
  const present = ious.filter((iou): iou is number => iou !== null);
  const miou = present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;

  const matrix = names.map((_, truth) =>
    names.map((_, predicted) => {
      const iou = ious[truth] ?? null;
      if (iou === null) {
        return 0;
      }
      const hit = Math.round(100 * iou);
      const spill = truth === 0 ? 1 : 0;
      if (predicted === truth) {
        return hit;
      }
      return predicted === spill ? 100 - hit : 0;
    }),
  );
  const classes: ClassReport[] = names.map((name, id) => {
    const iou = ious[id] ?? null;
    return {
      id,
      name,
      iou,
      recall: iou,
      precision: iou,
      support: iou === null ? 0 : 100,
      predicted: iou === null ? 0 : 100,
      intersection: iou === null ? 0 : Math.round(100 * iou),
      union: iou === null ? 0 : 100,
    };
  });

  return {
    schemaVersion: 1,
    tool: { name: 'seg-gate', version: '0.1.0' },
    verdict: options.verdict ?? 'pass',
    error: options.error ?? null,
    dataset: {
      source: 'voc',
      root: '/data/VOC2012',
      split: 'val',
      idsFile: null,
      imagesDir: null,
      labelsDir: null,
      listed: 4,
      evaluated: 4,
      skippedMissing: 0,
      skippedIds: [],
      numClasses: names.length,
      ignoreIndex: 255,
      fingerprint: 'a'.repeat(64),
    },
    model: {
      kind: 'onnx',
      path: '/models/deeplab/model.onnx',
      decoding: 'NHWC logits',
      details: {},
    },
    preprocessing: null,
    metrics: {
      miou,
      pixelAccuracy: 0.875,
      meanRecall: miou,
      fwIou: 0.8,
      scoredPixels: 2100,
      ignoredPixels: 40,
      unscoredPixels: 0,
    },
    classes,
    confusionMatrix: matrix,
    checks: options.checks ?? [
      { id: 'contract.labels.encoding', status: 'pass', message: 'All labels are palette PNGs.' },
    ],
    images: [],
    warnings: options.warnings ?? [],
    baseline: null,
    overlays: [],
    timing: {
      startedAt: '2026-01-01T00:00:00.000Z',
      totalMs: 1000,
      openMs: 10,
      decodeMs: 100,
      preprocessMs: 100,
      inferenceMs: 700,
      metricsMs: 10,
      imagesPerSecond: 4,
    },
  };
}
