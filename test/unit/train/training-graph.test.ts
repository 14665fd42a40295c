import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { findFinalSoftmax } from '../../../src/train/final-softmax.js';
import { prepareTrainingGraph } from '../../../src/train/training-graph.js';
import { tinyModel } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function largestDifference(a: Tensor, b: Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
}

describe('prepareTrainingGraph', () => {
  it.each([
    ['a softmax layer', { softmaxLayer: true }],
    ['a softmax activation', { finalActivation: 'softmax' as const }],
  ])('returns the logits in front of %s', (_name, options) => {
    const withSoftmax = tinyModel(options);
    const logitsModel = tinyModel({ seed: 3 });
    logitsModel.setWeights(withSoftmax.getWeights());
    const input = tf.randomNormal([2, 16, 16, 3], 0, 1, 'float32', 5) as Tensor4D;

    const graph = prepareTrainingGraph(withSoftmax, findFinalSoftmax(withSoftmax), []);
    const logits = graph.forward(input);
    expect(largestDifference(logits, logitsModel.predict(input) as Tensor)).toBeLessThan(1e-6);
    graph.release();

    const probabilities = withSoftmax.predict(input) as Tensor;
    const sums = tf.sum(probabilities, -1);
    expect(largestDifference(sums, tf.onesLike(sums))).toBeLessThan(1e-5);
  });

  it('lists the trainable variables of the model', () => {
    const model = tinyModel();
    const graph = prepareTrainingGraph(model, findFinalSoftmax(model), []);
    expect(graph.variables.map((variable) => variable.shape)).toEqual([
      [3, 3, 3, 4],
      [4],
      [1, 1, 4, 3],
      [3],
    ]);
    graph.release();
  });
});
