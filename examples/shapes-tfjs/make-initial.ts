/**
 * Writes the initial checkpoint that `seg-gate train` fine-tunes into the shapes-tfjs example: a
 * small TensorFlow.js layers model with seeded random weights. Run from the repository root:
 *
 *   node --import tsx examples/shapes-tfjs/make-initial.ts out/shapes-tfjs/initial
 *
 * The network takes NHWC RGB input [batch,32,32,3] scaled to [0, 1] and returns logits for the 4
 * shapes classes at half resolution, [batch,16,16,4]:
 *   conv1   Conv2D 3x3, 8 filters, stride 2, ReLU
 *   context Conv2D 3x3, 8 filters, dilation 2, ReLU (trained through the space-to-batch rewrite)
 *   logits  Conv2D 1x1, 4 filters
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { fileIOHandler } from '../../src/segmenters/tfjs/file-io.js';

/** Input height and width of the example model in pixels. */
export const SHAPES_INPUT_SIZE = 32;
export const SHAPES_NUM_CLASSES = 4;

/**
 * Builds the untrained model; `seed` fixes every initial weight. `size` is the input height and
 * width (32 for the example; the step-time measurement builds larger ones).
 */
export function buildShapesModel(seed = 7, size = SHAPES_INPUT_SIZE): tfl.LayersModel {
  const initializer = (offset: number) => tfl.initializers.glorotUniform({ seed: seed + offset });
  const input = tfl.input({ shape: [size, size, 3], name: 'image' });
  const conv1 = tfl.layers.conv2d({
    filters: 8,
    kernelSize: 3,
    strides: 2,
    padding: 'same',
    activation: 'relu',
    kernelInitializer: initializer(0),
    name: 'conv1',
  });
  const context = tfl.layers.conv2d({
    filters: 8,
    kernelSize: 3,
    dilationRate: 2,
    padding: 'same',
    activation: 'relu',
    kernelInitializer: initializer(1),
    name: 'context',
  });
  const logits = tfl.layers.conv2d({
    filters: SHAPES_NUM_CLASSES,
    kernelSize: 1,
    kernelInitializer: initializer(2),
    name: 'logits',
  });

  const output = logits.apply(context.apply(conv1.apply(input))) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: 'shapes_tfjs' });
}

/** Builds the model and saves it as `model.json` and its weights into `folder`. */
export async function writeInitialCheckpoint(folder: string, seed = 7): Promise<string> {
  await tf.setBackend('cpu');
  const model = buildShapesModel(seed);
  const jsonPath = resolve(folder, 'model.json');
  await model.save(fileIOHandler(jsonPath));
  model.dispose();
  return jsonPath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2] ?? 'out/shapes-tfjs/initial';
  console.log(`wrote ${await writeInitialCheckpoint(folder)}`);
}
