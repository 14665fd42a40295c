import * as tf from '@tensorflow/tfjs-core';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BilinearUpSampling2D,
  BilinearUpsampling,
} from '../../../src/segmenters/tfjs/custom-layers.js';
import { selectBackend } from '../../../src/segmenters/tfjs/backend.js';
import { loadTfjsModel } from '../../../src/segmenters/tfjs/load.js';
import { TFJS_FIXTURES, copyFixture, recordingLogger, temporaryFolder } from './support.js';

let folder: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  await selectBackend({ requested: 'cpu', logger: recordingLogger() });
  folder = await temporaryFolder();
});

afterAll(async () => {
  await folder.remove();
});

/** Returns the 2x2 single-channel image [[0, 1], [2, 3]] as a [1,2,2,1] tensor. */
function ramp(): tf.Tensor4D {
  return tf.tensor4d([0, 1, 2, 3], [1, 2, 2, 1]);
}

describe('BilinearUpsampling', () => {
  it('aligns corners by default', async () => {
    const layer = new BilinearUpsampling({ upsampling: [2, 2] });
    const input = ramp();

    const output = layer.apply(input) as tf.Tensor;

    // align_corners=True samples source position i * (2 - 1) / (4 - 1): 0, 1/3, 2/3, 1.
    expect(output.shape).toEqual([1, 4, 4, 1]);
    const values = Array.from(await output.data());
    const expected = [
      0,
      1 / 3,
      2 / 3,
      1,
      2 / 3,
      1,
      4 / 3,
      5 / 3,
      4 / 3,
      5 / 3,
      2,
      7 / 3,
      2,
      7 / 3,
      8 / 3,
      3,
    ];
    values.forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 5));
  });

  it('resizes to output_size', () => {
    const layer = new BilinearUpsampling({ outputSize: [3, 5], upsampling: [4, 4] });

    const output = layer.apply(ramp()) as tf.Tensor;

    expect(output.shape).toEqual([1, 3, 5, 1]);
    expect(layer.computeOutputShape([null, 2, 2, 1])).toEqual([null, 3, 5, 1]);
  });

  it('keeps channels first', () => {
    const layer = new BilinearUpsampling({ upsampling: [2, 3], dataFormat: 'channelsFirst' });
    const input = tf.zeros([1, 4, 2, 2]);

    const output = layer.apply(input) as tf.Tensor;

    expect(output.shape).toEqual([1, 4, 4, 6]);
    expect(layer.computeOutputShape([null, 4, null, 2])).toEqual([null, 4, null, 6]);
  });

  it('rejects invalid factors', () => {
    expect(() => new BilinearUpsampling({ upsampling: [2, 0] })).toThrow(
      'upsampling must be two positive integers [height, width], got [2,0]',
    );
  });
});

describe('BilinearUpSampling2D', () => {
  it('resizes like TF1 resize_bilinear', async () => {
    const layer = new BilinearUpSampling2D({ size: [2, 2] });

    const output = layer.apply(ramp()) as tf.Tensor;

    // align_corners=False without half-pixel centres samples i * 2 / 4: 0, 0.5, 1, 1.5 (clamped).
    const values = Array.from(await output.data());
    const expected = [0, 0.5, 1, 1, 1, 1.5, 2, 2, 2, 2.5, 3, 3, 2, 2.5, 3, 3];
    values.forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 5));
  });

  it('loads from a Keras-FCN config', async () => {
    const path = await copyFixture('bilinear', join(folder.path, 'fcn'));
    const json = JSON.parse(await readFile(path, 'utf8')) as {
      modelTopology: { config: { layers: { class_name: string; config: object }[] } };
    };
    const layer = json.modelTopology.config.layers[2] as { class_name: string; config: object };
    layer.class_name = 'BilinearUpSampling2D';
    layer.config = { name: 'upsample', size: [1, 1], target_size: [6, 10], data_format: 'default' };
    await writeFile(path, JSON.stringify(json));

    const loaded = await loadTfjsModel(path, { tfjsNode: null });

    expect(loaded.kind).toBe('model');
    if (loaded.kind === 'model') {
      const input = tf.zeros([1, 4, 4, 3]);
      const output = await loaded.model.run(input);
      expect(output.shape).toEqual([1, 6, 10, 2]);
      loaded.model.dispose();
    }
  });
});

describe('saved bilinear config', () => {
  it('uses the Keras key names', async () => {
    const json = JSON.parse(await readFile(join(TFJS_FIXTURES, 'bilinear', 'model.json'), 'utf8'));
    const layer = json.modelTopology.config.layers[2];

    expect(layer.class_name).toBe('BilinearUpsampling');
    expect(layer.config).toEqual({
      name: 'upsample',
      trainable: true,
      output_size: null,
      upsampling: [2, 2],
      data_format: 'channels_last',
      align_corners: true,
      half_pixel_centers: false,
    });
  });
});
