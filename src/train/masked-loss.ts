import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor, Tensor4D } from '@tensorflow/tfjs-core';

/**
 * Cross-entropy on logits that leaves out ignored pixels. TensorFlow.js has no ignore index in
 * its losses, so the mask is built here.
 */

/** Reduction of the per-pixel losses to one number: the weighted mean (the loss) or the weighted sum. */
export type LossReduction = 'mean' | 'sum';

export interface MaskedLossOptions {
  /** Label value whose pixels contribute nothing, 0..255 (VOC: 255). */
  readonly ignoreIndex: number;
  /** One weight per class (length C), or null for 1 everywhere. */
  readonly classWeights: readonly number[] | null;
  /**
   * `mean` divides by the summed weights of the non-ignored pixels (default). `sum` skips the
   * division; it exists to simulate the classic bug of a summed loss in tests.
   */
  readonly reduction?: LossReduction;
}

/**
 * Computes the masked sparse categorical cross-entropy of `logits` [B,H,W,C] against class-id
 * `labels` [B,H,W] (int32), from logits (a log-softmax over the last axis is applied here).
 *
 * With `w` the class weights (1 without them) and `y_i` the label of pixel i, the loss is
 * `sum_i w[y_i] * -log softmax(logits_i)[y_i] / sum_i w[y_i]` over the pixels whose label is not
 * the ignore index, which is the definition of PyTorch `F.cross_entropy(ignore_index=...,
 * weight=...)` with mean reduction. A batch whose pixels are all ignored gives 0 (PyTorch gives
 * NaN), so such a batch changes no weight. Labels must be class ids 0..C-1 or the ignore index.
 *
 * @example
 *   // logits [1,1,2,2] = [[[0, 0], [2, 0]]], labels [[[0, 255]]]: only pixel 0 counts, loss ln 2.
 */
export function maskedSparseCrossEntropy(
  logits: Tensor4D,
  labels: Tensor,
  options: MaskedLossOptions,
): Scalar {
  return tf.tidy(() => {
    const numClasses = logits.shape[3];
    const flatLabels = tf.cast(tf.reshape(labels, [-1]), 'int32');
    const valid = tf.notEqual(flatLabels, tf.scalar(options.ignoreIndex, 'int32'));
    const safeLabels = tf.where(valid, flatLabels, tf.zerosLike(flatLabels));
    const oneHot = tf.cast(tf.oneHot(safeLabels, numClasses), 'float32');

    const pixelWeights = tf.mul(
      classWeightOf(oneHot, options.classWeights),
      tf.cast(valid, 'float32'),
    );
    return reduceWeighted(negativeLogLikelihood(logits, oneHot), pixelWeights, options.reduction);
  });
}

/**
 * Computes the masked categorical cross-entropy of `logits` [B,H,W,C] against one-hot `labels`
 * [B,H,W,C], from logits. A pixel whose one-hot row is all zeros is ignored, so an ignored label
 * becomes a zero row when the labels are one-hot encoded. Weights and reduction work as in
 * `maskedSparseCrossEntropy`, which gives the same value for the same labels.
 */
export function maskedCategoricalCrossEntropy(
  logits: Tensor4D,
  labels: Tensor,
  options: Omit<MaskedLossOptions, 'ignoreIndex'>,
): Scalar {
  return tf.tidy(() => {
    const numClasses = logits.shape[3];
    const oneHot = tf.reshape(tf.cast(labels, 'float32'), [-1, numClasses]);
    const pixelWeights = classWeightOf(oneHot, options.classWeights);
    return reduceWeighted(negativeLogLikelihood(logits, oneHot), pixelWeights, options.reduction);
  });
}

/** Returns `-sum_c oneHot[i,c] * log softmax(logits_i)[c]` per pixel, shape [N]. */
function negativeLogLikelihood(logits: Tensor4D, oneHot: Tensor): Tensor {
  const numClasses = logits.shape[3];
  const logProbabilities = tf.logSoftmax(tf.reshape(logits, [-1, numClasses]));
  return tf.neg(tf.sum(tf.mul(oneHot, logProbabilities), -1));
}

/** Returns each pixel's class weight `sum_c oneHot[i,c] * w[c]`, shape [N]; 0 for a zero row. */
function classWeightOf(oneHot: Tensor, classWeights: readonly number[] | null): Tensor {
  if (classWeights === null) {
    return tf.sum(oneHot, -1);
  }
  return tf.sum(tf.mul(oneHot, tf.tensor1d([...classWeights], 'float32')), -1);
}

function reduceWeighted(
  perPixel: Tensor,
  weights: Tensor,
  reduction: LossReduction | undefined,
): Scalar {
  const total = tf.sum(tf.mul(perPixel, weights));
  if (reduction === 'sum') {
    return total as Scalar;
  }
  // The weights come from the labels, not from trainable variables, so a zero sum can become 1
  // without touching any gradient: the loss is then 0 and so is every gradient.
  const weightSum = tf.sum(weights);
  const divisor = tf.where(tf.equal(weightSum, 0), tf.onesLike(weightSum), weightSum);
  return tf.div(total, divisor) as Scalar;
}
