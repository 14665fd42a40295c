import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import type { Size } from '../config/settings.js';
import { UsageError } from '../errors.js';
import { formatShape } from '../segmenters/layout.js';
import { resolveInputSize } from '../segmenters/onnx-input.js';

/** Input size and concrete output shape of a model for one batch size. */
export interface ModelGeometry {
  readonly inputSize: Size;
  /** Output shape of a probe run with batch `batchSize`, for example [4,16,16,4]. */
  readonly outputShape: readonly number[];
}

/**
 * Reads the model's NHWC input size (its fixed height and width, or `--input-size` where they are
 * symbolic) and runs it once on zeros of `batchSize` images to learn the output shape. Throws a
 * UsageError for an input that is not NHWC with 3 channels or a fixed batch other than
 * `batchSize`.
 */
export function modelGeometry(
  model: tfl.LayersModel,
  jsonPath: string,
  option: Size | null,
  batchSize: number,
): ModelGeometry {
  const declared = (model.inputs[0]?.shape ?? []).map((size) => size ?? '?');
  const where = `Model ${jsonPath} input ${formatShape(declared)}`;
  if (declared.length !== 4 || (declared[3] !== 3 && declared[3] !== '?')) {
    throw new UsageError(
      `${where}: training takes NHWC image input [batch,height,width,3]. Export the model with a ` +
        'channels-last RGB input.',
    );
  }
  const batch = declared[0];
  if (typeof batch === 'number' && batch !== batchSize) {
    throw new UsageError(
      `${where} has a fixed batch of ${batch} vs --batch-size ${batchSize}: pass --batch-size ` +
        `${batch}, or export the model with a symbolic batch dimension.`,
    );
  }

  const inputSize = resolveInputSize(declared, 'nhwc', option, jsonPath);
  const outputShape = tf.tidy(() => {
    const zeros = tf.zeros([batchSize, inputSize.height, inputSize.width, 3]);
    const output = model.predict(zeros) as Tensor | Tensor[];
    return (Array.isArray(output) ? (output[0] as Tensor) : output).shape;
  });
  return { inputSize, outputShape };
}
