import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';

import { mulberry32 } from '../checks/bootstrap.js';
import type { Size } from '../config/settings.js';
import type { LabelEncoding } from './settings.js';
import type { TrainingExample } from './training-data.js';

/** One batch as tensors. The caller disposes them with `dispose`. */
export interface TrainingBatch {
  readonly ids: readonly string[];
  /** NHWC images [B,H,W,3]. */
  readonly images: Tensor4D;
  /** Class ids [B,h,w] (int32) for `sparse`, one-hot rows [B,h,w,C] (float32) for `one-hot`. */
  readonly labels: Tensor;
  dispose(): void;
}

export interface BatchShape {
  readonly batchSize: number;
  readonly inputSize: Size;
  readonly outputSize: Size;
  readonly encoding: LabelEncoding;
  readonly numClasses: number;
}

/** Draws batches from the examples in a seeded order that is reshuffled after each pass. */
export interface BatchSource {
  next(): TrainingBatch;
}

/**
 * Creates a batch source over `examples`. Each pass visits every example once, in an order drawn
 * from `seed` by a mulberry32 Fisher-Yates shuffle. A batch that crosses the end of a pass
 * continues with the next pass, so every batch has `batchSize` examples even when fewer exist.
 */
export function createBatchSource(
  examples: readonly TrainingExample[],
  shape: BatchShape,
  seed: number,
): BatchSource {
  if (examples.length === 0) {
    throw new Error('createBatchSource needs at least one example');
  }
  const random = mulberry32(seed);
  let order: number[] = [];

  const nextIndex = (): number => {
    if (order.length === 0) {
      order = shuffledIndices(examples.length, random);
    }
    return order.shift() as number;
  };

  return {
    next: () => {
      const picked = Array.from({ length: shape.batchSize }, () => examples[nextIndex()]);
      return buildBatch(picked as TrainingExample[], shape);
    },
  };
}

/**
 * Stacks examples into batch tensors. One-hot labels are built with `tf.oneHot`, which gives an
 * all-zero row for the ignore index (it is at least C), so the masked categorical loss skips it.
 */
export function buildBatch(
  examples: readonly TrainingExample[],
  shape: Omit<BatchShape, 'batchSize'>,
): TrainingBatch {
  const { inputSize, outputSize } = shape;
  const imageLength = inputSize.width * inputSize.height * 3;
  const labelLength = outputSize.width * outputSize.height;
  const images = new Float32Array(examples.length * imageLength);
  const ids = new Int32Array(examples.length * labelLength);
  examples.forEach((example, index) => {
    images.set(example.image, index * imageLength);
    ids.set(example.labels, index * labelLength);
  });

  const batch = examples.length;
  const imageTensor = tf.tensor4d(images, [batch, inputSize.height, inputSize.width, 3]);
  const sparse = tf.tensor3d(ids, [batch, outputSize.height, outputSize.width], 'int32');
  const labels =
    shape.encoding === 'sparse'
      ? sparse
      : tf.tidy(() => tf.cast(tf.oneHot(sparse, shape.numClasses), 'float32'));
  if (labels !== sparse) {
    sparse.dispose();
  }

  return {
    ids: examples.map((example) => example.id),
    images: imageTensor,
    labels,
    dispose: () => {
      imageTensor.dispose();
      labels.dispose();
    },
  };
}

function shuffledIndices(count: number, random: () => number): number[] {
  const indices = Array.from({ length: count }, (_, index) => index);
  for (let i = count - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
  }
  return indices;
}
