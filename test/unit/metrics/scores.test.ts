import { describe, expect, it } from 'vitest';
import { countImage } from '../../../src/metrics/accumulate.js';
import { ConfusionMatrix } from '../../../src/metrics/confusion.js';
import { computeScores } from '../../../src/metrics/scores.js';

function mask(width: number, height: number, values: number[]) {
  return { width, height, data: Uint8Array.from(values) };
}

describe('countImage', () => {
  it('removes ignore-index pixels before counting', () => {
    const label = mask(3, 2, [0, 0, 255, 1, 1, 255]);
    const prediction = mask(3, 2, [0, 1, 1, 1, 1, 0]);

    const { matrix, ignoredPixels } = countImage(label, prediction, 2, 255);

    expect(ignoredPixels).toBe(2);
    expect(matrix.toRows()).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(matrix.total()).toBe(4);
  });

  it('rejects masks of different sizes', () => {
    expect(() => countImage(mask(2, 1, [0, 0]), mask(1, 2, [0, 0]), 2, 255)).toThrow(
      'prediction 1x2 vs label 2x1',
    );
  });
});

describe('computeScores', () => {
  // Hand-computed: rows true, columns predicted.
  //            pred 0  pred 1  pred 2
  // true 0        6       2       0
  // true 1        1       3       0
  // true 2        0       0       0     (class 2 neither labelled nor predicted)
  const matrix = new ConfusionMatrix(3);
  matrix.addSparse([
    [0, 0, 6],
    [0, 1, 2],
    [1, 0, 1],
    [1, 1, 3],
  ]);
  const scores = computeScores(matrix);

  it('computes per-class IoU, recall, precision and support', () => {
    // class 0: I=6, support 8, predicted 7, union 9
    expect(scores.classes[0]).toEqual({
      intersection: 6,
      union: 9,
      support: 8,
      predicted: 7,
      iou: 6 / 9,
      recall: 6 / 8,
      precision: 6 / 7,
    });
    // class 1: I=3, support 4, predicted 5, union 6
    expect(scores.classes[1]?.iou).toBe(3 / 6);
    expect(scores.classes[1]?.recall).toBe(3 / 4);
    expect(scores.classes[1]?.precision).toBe(3 / 5);
  });

  it('gives null, not 0, for a class absent from labels and predictions', () => {
    expect(scores.classes[2]?.iou).toBeNull();
    expect(scores.classes[2]?.recall).toBeNull();
    expect(scores.classes[2]?.precision).toBeNull();
  });

  it('leaves null classes out of every mean', () => {
    expect(scores.miou).toBeCloseTo((6 / 9 + 3 / 6) / 2, 15);
    expect(scores.meanRecall).toBeCloseTo((6 / 8 + 3 / 4) / 2, 15);
    expect(scores.pixelAccuracy).toBe(9 / 12);
    // fwIoU = 8/12 * 6/9 + 4/12 * 3/6
    expect(scores.fwIou).toBeCloseTo((8 / 12) * (6 / 9) + (4 / 12) * (3 / 6), 15);
  });

  it('scores a predicted-only class IoU 0 with null recall', () => {
    const predictedOnly = new ConfusionMatrix(3);
    predictedOnly.addSparse([
      [0, 0, 5],
      [0, 2, 5],
    ]);
    const result = computeScores(predictedOnly);

    expect(result.classes[2]?.iou).toBe(0);
    expect(result.classes[2]?.recall).toBeNull();
    expect(result.classes[2]?.precision).toBe(0);
    expect(result.classes[1]?.iou).toBeNull();
    // Class 0: I=5, union 10. Class 2: IoU 0. Class 1 is left out.
    expect(result.miou).toBe((5 / 10 + 0) / 2);
    expect(result.meanRecall).toBe(5 / 10);
  });

  it('gives null precision for never-predicted class', () => {
    const neverPredicted = new ConfusionMatrix(2);
    neverPredicted.addSparse([
      [0, 0, 4],
      [1, 0, 4],
    ]);
    const result = computeScores(neverPredicted);

    expect(result.classes[1]?.iou).toBe(0);
    expect(result.classes[1]?.recall).toBe(0);
    expect(result.classes[1]?.precision).toBeNull();
  });

  it('gives null everywhere for an empty matrix', () => {
    const result = computeScores(new ConfusionMatrix(2));

    expect(result.miou).toBeNull();
    expect(result.pixelAccuracy).toBeNull();
    expect(result.meanRecall).toBeNull();
    expect(result.fwIou).toBeNull();
  });

  it('reports the dataset-level mIoU, not the mean of per-image mIoUs', () => {
    // Image A: 100 background pixels, all right. Image B: 4 object pixels, 2 predicted as
    // background.
    const imageA = countImage(
      mask(10, 10, new Array(100).fill(0)),
      mask(10, 10, new Array(100).fill(0)),
      2,
      255,
    );
    const imageB = countImage(mask(2, 2, [1, 1, 1, 1]), mask(2, 2, [1, 1, 0, 0]), 2, 255);
    const dataset = new ConfusionMatrix(2);
    dataset.addMatrix(imageA.matrix);
    dataset.addMatrix(imageB.matrix);

    const perImageMean =
      ((computeScores(imageA.matrix).miou ?? 0) + (computeScores(imageB.matrix).miou ?? 0)) / 2;
    const datasetScores = computeScores(dataset);

    // Image A mIoU 1 (class 1 absent). Image B: class 0 IoU 0, class 1 IoU 2/4 -> 0.25.
    expect(perImageMean).toBe(0.625);
    // Dataset: class 0 I=100, union 102; class 1 I=2, union 4.
    expect(datasetScores.miou).toBe((100 / 102 + 2 / 4) / 2);
  });
});
