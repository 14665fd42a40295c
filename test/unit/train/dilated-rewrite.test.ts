import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { fileIOHandler } from '../../../src/segmenters/tfjs/file-io.js';
import { checkReload, saveCheckpoint } from '../../../src/train/checkpoint.js';
import { scanDilatedLayers } from '../../../src/train/dilated-layers.js';
import { installDilatedCalls } from '../../../src/train/dilated-rewrite.js';
import { flattenLayers } from '../../../src/train/layer-walk.js';
import { runTrain } from '../../../src/train/run-train.js';
import {
  REWRITE_TOLERANCE,
  dilatedRewriteCheck,
  verifyDilatedRewrite,
} from '../../../src/train/rewrite-check.js';
import {
  atrousGeometry,
  spaceToBatchConv2d,
  spaceToBatchDepthwiseConv2d,
} from '../../../src/train/space-to-batch.js';
import {
  captureIo,
  cpuOnly,
  parseTrain,
  saveModel,
  temporaryFolder,
  tinyModel,
  tinyTrainArgs,
  writeTinyDataset,
} from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function largestDifference(a: Tensor, b: Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
}

/** Conv2D (dilation 2, same), DepthwiseConv2D (dilation 3x2, same), Conv2D (2x3, valid). */
function dilatedModel(height: number, width: number): tfl.LayersModel {
  const input = tfl.input({ shape: [height, width, 3] });
  const seeded = (seed: number) => tfl.initializers.glorotUniform({ seed });
  const layers = [
    tfl.layers.conv2d({
      filters: 5,
      kernelSize: 3,
      dilationRate: 2,
      padding: 'same',
      kernelInitializer: seeded(1),
      biasInitializer: 'ones',
      name: 'a',
    }),
    tfl.layers.depthwiseConv2d({
      kernelSize: 3,
      dilationRate: [3, 2],
      padding: 'same',
      depthMultiplier: 2,
      depthwiseInitializer: seeded(2),
      name: 'b',
    }),
    tfl.layers.conv2d({
      filters: 4,
      kernelSize: [2, 3],
      dilationRate: [2, 3],
      padding: 'valid',
      activation: 'relu',
      kernelInitializer: seeded(3),
      name: 'c',
    }),
  ];
  let output: tfl.SymbolicTensor = input;
  for (const layer of layers) {
    output = layer.apply(output) as tfl.SymbolicTensor;
  }
  return tfl.model({ inputs: input, outputs: output });
}

describe('atrousGeometry', () => {
  it('pads the effective kernel for same and rounds up to the block', () => {
    // Effective kernel (3 - 1) * 2 + 1 = 5: pad 2 + 2; 7 + 4 = 11 needs 1 more to reach 12.
    expect(atrousGeometry([7, 8], [3, 3], [2, 2], 'same')).toEqual({
      blockShape: [2, 2],
      paddings: [
        [2, 3],
        [2, 2],
      ],
      crops: [
        [0, 1],
        [0, 0],
      ],
    });
  });

  it('pads only to the block for valid', () => {
    expect(atrousGeometry([7, 9], [3, 2], [3, 2], 'valid')).toEqual({
      blockShape: [3, 2],
      paddings: [
        [0, 2],
        [0, 1],
      ],
      crops: [
        [0, 2],
        [0, 1],
      ],
    });
  });
});

describe('space-to-batch convolutions', () => {
  const cases = [
    [16, 16, 2, 2, 'same'],
    [15, 13, 2, 3, 'same'],
    [9, 11, 4, 1, 'valid'],
    [7, 7, 3, 3, 'valid'],
  ] as const;

  it.each(cases)(
    'conv2d %ix%i dilation %ix%i %s equals the dilated op',
    (h, w, dh, dw, padding) => {
      const x = tf.randomNormal([2, h, w, 3], 0, 1, 'float32', 11) as Tensor4D;
      const kernel = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 12) as Tensor4D;
      const direct = tf.conv2d(x, kernel, 1, padding, 'NHWC', [dh, dw]);
      const rewritten = spaceToBatchConv2d(x, kernel, [dh, dw], padding);
      expect(rewritten.shape).toEqual(direct.shape);
      expect(largestDifference(rewritten, direct)).toBeLessThanOrEqual(REWRITE_TOLERANCE);
    },
  );

  it.each(cases)(
    'depthwise %ix%i dilation %ix%i %s equals the dilated op',
    (h, w, dh, dw, padding) => {
      const x = tf.randomNormal([2, h, w, 3], 0, 1, 'float32', 13) as Tensor4D;
      const kernel = tf.randomNormal([3, 3, 3, 2], 0, 1, 'float32', 14) as Tensor4D;
      const direct = tf.depthwiseConv2d(x, kernel, 1, padding, 'NHWC', [dh, dw]);
      const rewritten = spaceToBatchDepthwiseConv2d(x, kernel, [dh, dw], padding);
      expect(rewritten.shape).toEqual(direct.shape);
      expect(largestDifference(rewritten, direct)).toBeLessThanOrEqual(REWRITE_TOLERANCE);
    },
  );

  it('has gradients where the dilated op has none', () => {
    const x = tf.randomNormal([1, 8, 8, 2], 0, 1, 'float32', 15) as Tensor4D;
    const kernel = tf.randomNormal([3, 3, 2, 2], 0, 1, 'float32', 16) as Tensor4D;
    const direct = () =>
      tf.grad((k: Tensor) => tf.sum(tf.conv2d(x, k as Tensor4D, 1, 'same', 'NHWC', 2)))(kernel);
    expect(direct).toThrow(/dilation rates greater than 1 are not yet supported/);

    const gradient = tf.grad((k: Tensor) =>
      tf.sum(spaceToBatchConv2d(x, k as Tensor4D, [2, 2], 'same')),
    )(kernel);
    expect(gradient.shape).toEqual([3, 3, 2, 2]);
    expect(tf.all(tf.isFinite(gradient)).dataSync()[0]).toBe(1);
  });
});

describe('scanDilatedLayers', () => {
  it('finds the rewritable layers', () => {
    const scan = scanDilatedLayers(flattenLayers(dilatedModel(16, 16)));
    expect(scan.rewritable.map((entry) => [entry.name, entry.className, entry.dilation])).toEqual([
      ['a', 'Conv2D', [2, 2]],
      ['b', 'DepthwiseConv2D', [3, 2]],
      ['c', 'Conv2D', [2, 3]],
    ]);
    expect(scan.rejected).toEqual([]);
  });

  it('rejects strides with dilation and other dilated classes, by name', () => {
    const input = tfl.input({ shape: [16, 16, 3] });
    const strided = tfl.layers.conv2d({
      filters: 2,
      kernelSize: 3,
      dilationRate: 2,
      strides: 1,
      name: 'strided',
    });
    // tfjs-layers refuses strides and dilation above 1 together at construction, so the config is
    // edited after building, as a converted Keras model could carry it.
    const separable = tfl.layers.separableConv2d({
      filters: 2,
      kernelSize: 3,
      dilationRate: 2,
      name: 'separable',
    });
    const model = tfl.model({
      inputs: input,
      outputs: separable.apply(strided.apply(input)) as tfl.SymbolicTensor,
    });
    const config = strided.getConfig();
    strided.getConfig = () => ({ ...config, strides: [2, 2] });

    const scan = scanDilatedLayers(flattenLayers(model));
    expect(scan.rewritable).toEqual([]);
    expect(scan.rejected).toEqual([
      {
        name: 'strided',
        className: 'Conv2D',
        reason: 'strides 2x2 with dilation 2x2; space-to-batch needs strides 1',
      },
      {
        name: 'separable',
        className: 'SeparableConv2D',
        reason: 'dilation 2x2; only Conv2D and DepthwiseConv2D are rewritten',
      },
    ]);
    const check = dilatedRewriteCheck(scan, null);
    expect(check.status).toBe('fail');
    expect(check.message).toContain('strided (Conv2D): strides 2x2 with dilation 2x2');
    expect(check.message).toContain('separable (SeparableConv2D)');
  });
});

describe('verifyDilatedRewrite', () => {
  it.each([
    [16, 16],
    [15, 13],
  ])('agrees with the dilated ops on %ix%i and has gradients', (height, width) => {
    const model = dilatedModel(height, width);
    const { rewritable } = scanDilatedLayers(flattenLayers(model));
    const result = verifyDilatedRewrite(model, rewritable, [2, height, width, 3], 21);

    expect(result.maxDifference).toBeLessThanOrEqual(REWRITE_TOLERANCE);
    expect(result.badGradients).toEqual([]);
    expect(result.variableCount).toBe(6);
    const check = dilatedRewriteCheck({ rewritable, rejected: [] }, result);
    expect(check.status).toBe('pass');
    expect(check.message).toContain('DepthwiseConv2D without its dilation rate');
  });

  it('handles a channels-first layer', () => {
    const input = tfl.input({ shape: [3, 12, 10] });
    const layer = tfl.layers.conv2d({
      filters: 2,
      kernelSize: 3,
      dilationRate: 2,
      padding: 'same',
      dataFormat: 'channelsFirst',
      activation: 'tanh',
      biasInitializer: 'ones',
    });
    const model = tfl.model({ inputs: input, outputs: layer.apply(input) as tfl.SymbolicTensor });
    const { rewritable } = scanDilatedLayers(flattenLayers(model));
    expect(rewritable[0]?.channelsFirst).toBe(true);

    const x = tf.randomNormal([1, 3, 12, 10], 0, 1, 'float32', 8);
    const reference = model.predict(x) as Tensor;
    const restore = installDilatedCalls(rewritable, 'space-to-batch');
    const rewritten = model.predict(x) as Tensor;
    restore();
    expect(rewritten.shape).toEqual([1, 2, 12, 10]);
    expect(largestDifference(rewritten, reference)).toBeLessThanOrEqual(REWRITE_TOLERANCE);
  });

  it('documents that tfjs-layers runs DepthwiseConv2D undilated', () => {
    const input = tfl.input({ shape: [12, 12, 3] });
    const layer = tfl.layers.depthwiseConv2d({
      kernelSize: 3,
      dilationRate: 2,
      padding: 'same',
      useBias: false,
    });
    const model = tfl.model({ inputs: input, outputs: layer.apply(input) as tfl.SymbolicTensor });
    const x = tf.randomNormal([1, 12, 12, 3], 0, 1, 'float32', 3) as Tensor4D;
    const kernel = layer.getWeights()[0] as Tensor4D;

    const undilated = tf.depthwiseConv2d(x, kernel, 1, 'same', 'NHWC', 1);
    expect(largestDifference(model.predict(x) as Tensor, undilated)).toBe(0);

    const { rewritable } = scanDilatedLayers(flattenLayers(model));
    const restore = installDilatedCalls(rewritable, 'direct');
    const dilated = tf.depthwiseConv2d(x, kernel, 1, 'same', 'NHWC', 2);
    expect(largestDifference(model.predict(x) as Tensor, dilated)).toBe(0);
    restore();
  });
});

describe('training a dilated model', () => {
  it('saves weights that reload into the original topology', async () => {
    const root = await temporaryFolder();
    await writeTinyDataset(root);
    const jsonPath = await saveModel(tinyModel({ dilation: 2 }), join(root, 'initial'));
    const settings = await parseTrain(tinyTrainArgs(root, jsonPath), root);

    const result = await runTrain(settings, captureIo(), { backendCandidates: cpuOnly() });
    const byId = new Map(result.report.checks.map((record) => [record.id, record]));
    expect(byId.get('training.contract.dilated-rewrite')?.status).toBe('pass');
    expect(byId.get('training.checkpoint.reload')?.status).toBe('pass');
    expect(result.report.steps).toHaveLength(3);

    const saved = JSON.parse(await readFile(join(root, 'trained', 'model.json'), 'utf8')) as {
      weightsManifest: { weights: { name: string }[] }[];
    };
    const text = JSON.stringify(saved);
    expect(text).toContain('"dilation_rate":[2,2]');
    expect(saved.weightsManifest[0]?.weights.map((weight) => weight.name)).toEqual([
      'hidden/kernel',
      'hidden/bias',
      'head/kernel',
      'head/bias',
    ]);

    // The trained weights differ from the initial ones.
    const initial = await tfl.loadLayersModel(fileIOHandler(jsonPath));
    const trained = await tfl.loadLayersModel(fileIOHandler(join(root, 'trained', 'model.json')));
    expect(
      largestDifference(initial.getWeights()[0] as Tensor, trained.getWeights()[0] as Tensor),
    ).toBeGreaterThan(0);
  });

  it('reports outputs that differ after a reload', async () => {
    const root = await temporaryFolder();
    const model = tinyModel();
    const jsonPath = await saveCheckpoint(model, root);
    model.setWeights(model.getWeights().map((weight) => tf.add(weight, 0.5)));

    const check = await checkReload(model, jsonPath, [1, 16, 16, 3], 4);
    expect(check.status).toBe('fail');
    expect(check.message).toContain('differ from the trained model by up to');
  });
});
