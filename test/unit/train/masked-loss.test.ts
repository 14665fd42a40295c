import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers the gradient functions of the tfjs-core ops when it loads.
import '@tensorflow/tfjs-layers';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  maskedCategoricalCrossEntropy,
  maskedSparseCrossEntropy,
} from '../../../src/train/masked-loss.js';

interface TorchCase {
  readonly name: string;
  readonly shape: [number, number, number, number];
  readonly logits: number[];
  readonly labels: number[];
  readonly classWeights: number[] | null;
  readonly loss: number;
  readonly gradient: number[];
}

/** Made by test/fixtures/train/torch_cross_entropy.py with PyTorch `F.cross_entropy`. */
const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/train/torch_cross_entropy.json', import.meta.url), 'utf8'),
) as { ignoreIndex: number; cases: TorchCase[] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function lossOf(logits: number[][][][], labels: number[][][], weights: number[] | null = null) {
  const value = maskedSparseCrossEntropy(
    tf.tensor4d(logits),
    tf.tensor3d(labels, undefined, 'int32'),
    {
      ignoreIndex: 255,
      classWeights: weights,
    },
  );
  return value.dataSync()[0] as number;
}

describe('maskedSparseCrossEntropy by hand', () => {
  it('leaves ignored pixels out of the mean', () => {
    // Pixel 0: logits (0, 0), label 0: -ln(1/2) = ln 2. Pixel 1 is void.
    expect(
      lossOf(
        [
          [
            [
              [0, 0],
              [2, 0],
            ],
          ],
        ],
        [[[0, 255]]],
      ),
    ).toBeCloseTo(Math.LN2, 6);
  });

  it('averages over the non-ignored pixels', () => {
    // Pixel 0: ln 2. Pixel 1: logits (2, 0), label 1: -ln(1 / (1 + e^2)) = ln(1 + e^2).
    const expected = (Math.LN2 + Math.log(1 + Math.exp(2))) / 2;
    expect(
      lossOf(
        [
          [
            [
              [0, 0],
              [2, 0],
            ],
          ],
        ],
        [[[0, 1]]],
      ),
    ).toBeCloseTo(expected, 6);
  });

  it('weights pixels by their class weight', () => {
    // Weighted mean: (1 * ln 2 + 3 * ln(1 + e^2)) / (1 + 3).
    const expected = (Math.LN2 + 3 * Math.log(1 + Math.exp(2))) / 4;
    expect(
      lossOf(
        [
          [
            [
              [0, 0],
              [2, 0],
            ],
          ],
        ],
        [[[0, 1]]],
        [1, 3],
      ),
    ).toBeCloseTo(expected, 6);
  });

  it('gives 0 when every pixel is ignored', () => {
    expect(
      lossOf(
        [
          [
            [
              [0, 0],
              [2, 0],
            ],
          ],
        ],
        [[[255, 255]]],
      ),
    ).toBe(0);
  });

  it('has zero gradients when every pixel is ignored', () => {
    const logits = tf.tensor4d([
      [
        [
          [0, 0],
          [2, 0],
        ],
      ],
    ]);
    const labels = tf.tensor3d([[[255, 255]]], undefined, 'int32');
    const gradient = tf.grad((x: tf.Tensor) =>
      maskedSparseCrossEntropy(x as Tensor4D, labels, { ignoreIndex: 255, classWeights: null }),
    )(logits);
    expect(Array.from(gradient.dataSync(), Math.abs)).toEqual([0, 0, 0, 0]);
  });

  it('sums instead of averaging with reduction sum', () => {
    const value = maskedSparseCrossEntropy(
      tf.tensor4d([
        [
          [
            [0, 0],
            [2, 0],
          ],
        ],
      ]),
      tf.tensor3d([[[0, 1]]], undefined, 'int32'),
      { ignoreIndex: 255, classWeights: null, reduction: 'sum' },
    );
    expect(value.dataSync()[0]).toBeCloseTo(Math.LN2 + Math.log(1 + Math.exp(2)), 6);
  });

  it('is ln C for all-zero logits', () => {
    const logits = tf.zeros([2, 4, 4, 21]) as Tensor4D;
    const labels = tf.fill([2, 4, 4], 3, 'int32');
    const value = maskedSparseCrossEntropy(logits, labels, {
      ignoreIndex: 255,
      classWeights: null,
    });
    expect(value.dataSync()[0]).toBeCloseTo(Math.log(21), 5);
  });
});

describe('maskedSparseCrossEntropy against PyTorch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))(
    '%s matches F.cross_entropy',
    (_name, entry) => {
      const [batch, height, width] = entry.shape;
      const logits = tf.tensor4d(entry.logits, entry.shape);
      const labels = tf.tensor3d(entry.labels, [batch, height, width], 'int32');
      const options = { ignoreIndex: reference.ignoreIndex, classWeights: entry.classWeights };

      const { value, grads } = tf.valueAndGrads((input: tf.Tensor) =>
        maskedSparseCrossEntropy(input as Tensor4D, labels, options),
      )([logits]);

      expect(value.dataSync()[0]).toBeCloseTo(entry.loss, 5);
      const gradient = Array.from((grads[0] as tf.Tensor).dataSync());
      const worst = Math.max(
        ...gradient.map((g, i) => Math.abs(g - (entry.gradient[i] as number))),
      );
      expect(worst).toBeLessThan(1e-6);
    },
  );
});

describe('maskedCategoricalCrossEntropy', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))(
    '%s equals the sparse loss on one-hot labels',
    (_name, entry) => {
      const [batch, height, width, classes] = entry.shape;
      const logits = tf.tensor4d(entry.logits, entry.shape);
      // Void pixels become all-zero rows: oneHot of an index >= C is a zero row.
      const oneHot = tf.reshape(tf.oneHot(tf.tensor1d(entry.labels, 'int32'), classes), [
        batch,
        height,
        width,
        classes,
      ]);
      const value = maskedCategoricalCrossEntropy(logits, oneHot, {
        classWeights: entry.classWeights,
      });
      expect(value.dataSync()[0]).toBeCloseTo(entry.loss, 5);
    },
  );
});
