import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor, Tensor4D, Variable } from '@tensorflow/tfjs-core';

import {
  maskedCategoricalCrossEntropy,
  maskedSparseCrossEntropy,
  type LossReduction,
} from './masked-loss.js';
import type { OptimizerName, LossName } from './settings.js';
import type { TrainingBatch } from './batches.js';

/** Computes the training loss from logits [B,H,W,C] and a batch's labels. */
export type LossFunction = (logits: Tensor4D, labels: Tensor) => Scalar;

/** Runs one optimizer step on a batch and returns the loss before the update. */
export type StepFunction = (batch: TrainingBatch) => Promise<number>;

export interface LossSpec {
  readonly name: LossName;
  readonly ignoreIndex: number;
  readonly classWeights: readonly number[] | null;
  /** `sum` simulates a summed loss in tests; training uses `mean`. */
  readonly reduction?: LossReduction;
}

/** Builds the masked loss function that `name` selects. */
export function buildLoss(spec: LossSpec): LossFunction {
  const options = {
    ignoreIndex: spec.ignoreIndex,
    classWeights: spec.classWeights,
    reduction: spec.reduction,
  };
  return spec.name === 'sparse-categorical-crossentropy'
    ? (logits, labels) => maskedSparseCrossEntropy(logits, labels, options)
    : (logits, labels) => maskedCategoricalCrossEntropy(logits, labels, options);
}

/** Creates the optimizer: Adam with the TensorFlow.js defaults besides the rate, or plain SGD. */
export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  return name === 'adam' ? tf.train.adam(learningRate) : tf.train.sgd(learningRate);
}

/**
 * Builds the step function: the forward pass to logits, the loss, and `optimizer.minimize` over
 * `variables`. The cost is read back with `data()`, so a step ends when its work is done.
 */
export function createStepFunction(
  forward: (images: Tensor4D) => Tensor4D,
  loss: LossFunction,
  optimizer: tf.Optimizer,
  variables: readonly Variable[],
): StepFunction {
  return async (batch) => {
    const cost = optimizer.minimize(() => loss(forward(batch.images), batch.labels), true, [
      ...variables,
    ]);
    if (cost === null) {
      throw new Error('optimizer.minimize returned no cost although returnCost was true');
    }
    const [value] = await cost.data();
    cost.dispose();
    return value ?? Number.NaN;
  };
}
