import type { CheckRecord } from '../../../src/checks/types.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import { verdictFromChecks } from '../../../src/report/check-status.js';
import type { ClassReport, MetricsReport, Report } from '../../../src/report/types.js';

/**
 * Realistic reports for schema, writer and summary tests. The VOC report's class scores and
 * metrics are derived from its confusion matrix with the textbook formulas, so the numbers agree
 * with each other. `cow` (id 10) is absent from labels and predictions, so its scores are null.
 * `sofa` (id 18) is absent from the labels but predicted on some pixels: IoU and precision 0,
 * recall null.
 */

const COW = 10;
const SOFA = 18;

/** Builds a 21 x 21 confusion matrix (rows true, columns predicted) with the absences described above. */
export function sampleConfusionMatrix(): number[][] {
  const size = VOC_CLASS_NAMES.length;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));

  matrix[0]![0] = 8_123_456;
  matrix[0]![SOFA] = 1_234;
  for (let id = 1; id < size; id += 1) {
    if (id === COW || id === SOFA) {
      continue;
    }
    const correct = 20_000 + ((id * 7919) % 90_000);
    matrix[id]![id] = correct;
    matrix[id]![0] = Math.round(correct / 10);
    matrix[0]![id] = Math.round(correct / 25);
    const neighbour = (id % (size - 1)) + 1;
    if (neighbour !== COW) {
      matrix[id]![neighbour] = Math.round(correct / 50);
    }
  }
  return matrix;
}

function classScores(
  matrix: readonly (readonly number[])[],
  names: readonly string[],
): ClassReport[] {
  return names.map((name, id) => {
    const row = matrix[id] ?? [];
    const support = row.reduce((sum, value) => sum + value, 0);
    const predicted = matrix.reduce((sum, values) => sum + (values[id] ?? 0), 0);
    const intersection = row[id] ?? 0;
    const union = support + predicted - intersection;
    return {
      id,
      name,
      iou: union === 0 ? null : intersection / union,
      recall: support === 0 ? null : intersection / support,
      precision: predicted === 0 ? null : intersection / predicted,
      support,
      predicted,
      intersection,
      union,
    };
  });
}

function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0
    ? null
    : present.reduce((sum, value) => sum + value, 0) / present.length;
}

function metricsOf(classes: readonly ClassReport[]): MetricsReport {
  const scored = classes.reduce((sum, entry) => sum + entry.support, 0);
  const correct = classes.reduce((sum, entry) => sum + entry.intersection, 0);
  const weighted = classes.reduce((sum, entry) => sum + entry.support * (entry.iou ?? 0), 0);
  return {
    miou: meanOf(classes.map((entry) => entry.iou)),
    pixelAccuracy: correct / scored,
    meanRecall: meanOf(classes.map((entry) => entry.recall)),
    fwIou: weighted / scored,
    scoredPixels: scored,
    ignoredPixels: 1_204_385,
    unscoredPixels: 363_000,
  };
}

export const SAMPLE_CHECKS: readonly CheckRecord[] = [
  {
    id: 'contract.labels.encoding',
    status: 'pass',
    message: 'All 62 labels are 8-bit palette PNGs holding class ids.',
  },
  {
    id: 'contract.predictions.size',
    status: 'fail',
    message:
      'prediction 513x513 vs label 500x375 for 2007_000129, prediction 513x513 vs label 500x334 for 2007_000323: predictions must match the label size. The 2 images were left out of the metrics; resize predictions back to the label size before writing them.',
  },
  {
    id: 'collapse.per-image',
    status: 'pass',
    message: 'No image is predicted as a single class where its label has several.',
  },
  {
    id: 'collapse.missing-classes',
    status: 'warn',
    message:
      'cow is absent from both labels and predictions, so its IoU is undefined and left out of mIoU. Add images with cows to make the class count.',
  },
  { id: 'threshold.miou', status: 'pass', message: 'mIoU is at or above the minimum 0.5000.' },
  {
    id: 'regression.miou',
    status: 'skip',
    message: 'No baseline found; store one with --update-baseline on the main branch.',
  },
];

/** Builds a failed run on 62 VOC images: one failed contract check, one warning check, two skipped ids. */
export function sampleReport(): Report {
  const confusionMatrix = sampleConfusionMatrix();
  const classes = classScores(confusionMatrix, VOC_CLASS_NAMES);

  return {
    schemaVersion: 1,
    tool: { name: 'seg-gate', version: '0.1.0' },
    verdict: verdictFromChecks(SAMPLE_CHECKS),
    error: null,
    dataset: {
      source: 'voc',
      root: '/data/VOCdevkit/VOC2012',
      split: 'val',
      idsFile: null,
      imagesDir: null,
      labelsDir: null,
      listed: 64,
      evaluated: 62,
      skippedMissing: 2,
      skippedIds: ['2007_000042', '2007_000061'],
      numClasses: 21,
      ignoreIndex: 255,
      fingerprint: '9f2c4e81d0b7a6c53e1f08d2b4a97c6e5d3f1a0b8c7e6d5f4a3b2c1d0e9f8a7b',
    },
    model: {
      kind: 'onnx',
      path: '/models/deeplabv3-mobilenetv2-pascal/model.onnx',
      decoding: 'NHWC logits [1,513,513,21] -> bilinear -> argmax',
      details: {
        inputName: 'ImageTensor',
        inputShape: [1, 513, 513, 3],
        outputName: 'logits',
        outputShape: [1, 513, 513, 21],
        provider: 'cpu',
      },
    },
    preprocessing: {
      normalize: 'tf',
      channelOrder: 'rgb',
      inputSize: '513x513',
      resize: 'stretch',
      layout: 'auto',
      upsample: 'logits',
      device: 'cpu',
      threads: null,
    },
    metrics: metricsOf(classes),
    classes,
    confusionMatrix,
    checks: SAMPLE_CHECKS,
    images: [
      {
        id: '2007_000033',
        width: 500,
        height: 366,
        ignoredPixels: 12_511,
        scored: true,
        counts: [
          [0, 0, 121_308],
          [0, 1, 2_210],
          [1, 0, 3_114],
          [1, 1, 43_857],
        ],
      },
      {
        id: '2007_000129',
        width: 500,
        height: 375,
        ignoredPixels: 9_874,
        scored: false,
        counts: [],
      },
      {
        id: '2007_000346',
        width: 500,
        height: 375,
        ignoredPixels: 7_002,
        scored: true,
        counts: [
          [0, 0, 150_002],
          [5, 5, 10_111],
          [15, 15, 20_385],
        ],
      },
    ],
    warnings: [
      '2 listed ids were skipped because their files are missing: 2007_000042, 2007_000061.',
    ],
    timing: {
      startedAt: '2025-06-01T12:00:00.000Z',
      totalMs: 74_321.5,
      openMs: 1_204.2,
      decodeMs: 2_310.7,
      preprocessMs: 3_412.9,
      inferenceMs: 65_843.1,
      metricsMs: 412.6,
      imagesPerSecond: 0.8342,
    },
    baseline: null,
    overlays: [],
  };
}

/** Builds a run that stopped on a missing label file before the model was opened. */
export function errorReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'seg-gate', version: '0.1.0' },
    verdict: 'error',
    error: {
      kind: 'input',
      message:
        'Label file not found: /data/VOCdevkit/VOC2012/SegmentationClass/2007_000033.png for id 2007_000033. Check --data, or pass --skip-missing to evaluate the ids that have both files.',
    },
    dataset: null,
    model: null,
    preprocessing: null,
    metrics: null,
    classes: [],
    confusionMatrix: [],
    checks: [],
    images: [],
    warnings: [],
    timing: {
      startedAt: '2025-06-01T12:00:00.000Z',
      totalMs: 38.4,
      openMs: 0,
      decodeMs: 0,
      preprocessMs: 0,
      inferenceMs: 0,
      metricsMs: 0,
      imagesPerSecond: null,
    },
    baseline: null,
    overlays: [],
  };
}
