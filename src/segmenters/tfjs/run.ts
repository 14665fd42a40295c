import * as tf from '@tensorflow/tfjs-core';

import type { BatchRunner } from '../batch-consistency.js';
import type { RawOutput } from '../output.js';
import type { LoadedTfjsModel } from './load.js';

/** Output dtypes whose values `Tensor.data()` returns as a numeric typed array. */
const NUMERIC_DTYPES = new Set(['float32', 'int32', 'bool']);

/**
 * Runs `model` once on `data`, a float32 tensor of shape `dims` (batch first), and copies the
 * first output out of TensorFlow.js. The input and output tensors are disposed before returning,
 * so repeated calls leave `tf.memory().numTensors` unchanged. Outputs of another dtype (string,
 * complex64) come back with no values, for `planOutput` to reject by type.
 */
export async function runTfjsModel(
  model: LoadedTfjsModel,
  data: Float32Array,
  dims: readonly number[],
): Promise<RawOutput> {
  const input = tf.tensor(data, [...dims], 'float32');
  try {
    const output = await model.run(input);
    try {
      const values = NUMERIC_DTYPES.has(output.dtype)
        ? await output.data<'float32' | 'int32' | 'bool'>()
        : new Float32Array(0);
      return { type: output.dtype, dims: [...output.shape], data: values };
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}

/**
 * Wraps a loaded model as a batch runner for `checkBatchConsistency`. Each item is the
 * preprocessed input of one image, and `dims` is the input shape of one image (batch 1 first).
 * A batch of N runs as one tensor of batch N, and the output is split into N equal parts.
 */
export function tfjsBatchRunner(
  model: LoadedTfjsModel,
  dims: readonly number[],
): BatchRunner<Float32Array> {
  const declaredBatch = model.input.shape?.[0];
  return {
    subject: model.path,
    batchDim: typeof declaredBatch === 'number' ? declaredBatch : null,
    run: async (batch) => {
      const stacked = new Float32Array(batch.reduce((total, item) => total + item.length, 0));
      let offset = 0;
      for (const item of batch) {
        stacked.set(item, offset);
        offset += item.length;
      }

      const raw = await runTfjsModel(model, stacked, [batch.length, ...dims.slice(1)]);
      const itemLength = raw.data.length / batch.length;
      return batch.map((_, index) =>
        Float64Array.from(raw.data.subarray(index * itemLength, (index + 1) * itemLength), Number),
      );
    },
  };
}
