import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { fileIOHandler } from '../../../src/segmenters/tfjs/file-io.js';
import { loadTfjsModel } from '../../../src/segmenters/tfjs/load.js';
import { temporaryFolder } from './support.js';

describe('loading a dilated DepthwiseConv2D model', () => {
  it('runs the layer dilated, as Keras does', async () => {
    await tf.setBackend('cpu');
    const input = tfl.input({ shape: [12, 12, 3] });
    const layer = tfl.layers.depthwiseConv2d({
      kernelSize: 3,
      dilationRate: 2,
      padding: 'same',
      useBias: false,
    });
    const model = tfl.model({ inputs: input, outputs: layer.apply(input) as tfl.SymbolicTensor });
    const folder = await temporaryFolder();
    const jsonPath = join(folder.path, 'model.json');
    await model.save(fileIOHandler(jsonPath));
    const kernel = layer.getWeights()[0] as Tensor4D;
    const x = tf.randomNormal([1, 12, 12, 3], 0, 1, 'float32', 5) as Tensor4D;

    const loaded = await loadTfjsModel(jsonPath, { tfjsNode: null });
    if (loaded.kind !== 'model') {
      throw new Error('the model did not load');
    }
    const output = await loaded.model.run(x);

    // tf.depthwiseConv2d with dilation 2 is the Keras computation of this layer.
    const dilated = tf.depthwiseConv2d(x, kernel, 1, 'same', 'NHWC', 2);
    const undilated = tf.depthwiseConv2d(x, kernel, 1, 'same', 'NHWC', 1);
    const difference = (a: Tensor, b: Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    expect(difference(output, dilated)).toBe(0);
    expect(difference(output, undilated)).toBeGreaterThan(0.01);
    loaded.model.dispose();
    await folder.remove();
  });
});
