import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { join } from 'node:path';

import type { CheckRecord } from '../checks/types.js';
import { fileIOHandler } from '../segmenters/tfjs/file-io.js';
import { scanDilatedLayers } from './dilated-layers.js';
import { installDilatedCalls } from './dilated-rewrite.js';
import { flattenLayers } from './layer-walk.js';

/** Check id of the saved checkpoint's reload comparison. */
export const CHECKPOINT_CHECK_ID = 'training.checkpoint.reload';

/** File name of the saved model JSON inside the output folder. */
export const CHECKPOINT_JSON = 'model.json';

/**
 * Saves `model` (topology and weights, in its original form) as `model.json` plus one weight file
 * in `outputDir`, through the local file IOHandler. Returns the path of the model JSON.
 */
export async function saveCheckpoint(model: tfl.LayersModel, outputDir: string): Promise<string> {
  const jsonPath = join(outputDir, CHECKPOINT_JSON);
  await model.save(fileIOHandler(jsonPath));
  return jsonPath;
}

/**
 * Loads the saved checkpoint into a fresh model, runs it and the trained in-memory model on the
 * same seeded random input and compares the outputs, which must be identical. Dilated layers run
 * as the dilated ops in both (see `installDilatedCalls`), so the comparison covers the weights,
 * not TensorFlow.js's handling of dilation.
 */
export async function checkReload(
  trained: tfl.LayersModel,
  jsonPath: string,
  inputShape: readonly number[],
  seed: number,
): Promise<CheckRecord> {
  const reloaded = await tfl.loadLayersModel(fileIOHandler(jsonPath), { strict: true });
  const input = tf.randomNormal([...inputShape], 0, 1, 'float32', seed);
  try {
    const difference = tf.tidy(() => {
      const a = runDilatedDirect(trained, input);
      const b = runDilatedDirect(reloaded, input);
      return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Number.NaN;
    });
    const shape = `[${inputShape.join(',')}]`;
    const names = `${reloaded.weights.length} weights`;
    if (difference === 0) {
      return {
        id: CHECKPOINT_CHECK_ID,
        status: 'pass',
        message: `${jsonPath} reloads into the original topology (${names}) and gives outputs identical to the trained model on a random ${shape} input.`,
      };
    }
    return {
      id: CHECKPOINT_CHECK_ID,
      status: 'fail',
      message:
        `${jsonPath} reloads with outputs that differ from the trained model by up to ` +
        `${difference} on a random ${shape} input, so the saved weights are not the trained ` +
        'weights. Delete the output folder and train again.',
    };
  } finally {
    input.dispose();
    reloaded.dispose();
  }
}

function runDilatedDirect(model: tfl.LayersModel, input: Tensor): Tensor {
  const { rewritable } = scanDilatedLayers(flattenLayers(model));
  const restore = installDilatedCalls(rewritable, 'direct');
  try {
    const output = model.predict(input);
    return Array.isArray(output) ? (output[0] as Tensor) : output;
  } finally {
    restore();
  }
}
