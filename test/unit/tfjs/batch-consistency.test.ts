import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  BATCH_CONSISTENCY_CHECK_ID,
  checkBatchConsistency,
} from '../../../src/segmenters/batch-consistency.js';
import type { BatchRunner } from '../../../src/segmenters/batch-consistency.js';
import { selectBackend } from '../../../src/segmenters/tfjs/backend.js';
import { fileIOHandler } from '../../../src/segmenters/tfjs/file-io.js';
import { loadTfjsModel } from '../../../src/segmenters/tfjs/load.js';
import type { LoadedTfjsModel } from '../../../src/segmenters/tfjs/load.js';
import { tfjsBatchRunner } from '../../../src/segmenters/tfjs/run.js';
import { TFJS_FIXTURES, recordingLogger } from './support.js';

const LAYERS_JSON = join(TFJS_FIXTURES, 'layers', 'model.json');
const DIMS = [1, 8, 8, 3];

/** Builds a runner whose output for an item is its values plus `offset(batch size)`. */
function fakeRunner(
  batchDim: number | null,
  offset: (size: number) => number,
): BatchRunner<number[]> {
  return {
    subject: 'model.onnx',
    batchDim,
    run: async (batch) => batch.map((item) => item.map((value) => value + offset(batch.length))),
  };
}

/** Two images of 8x8x3 values from a seeded uniform distribution. */
function twoImages(): Float32Array[] {
  return [1, 2].map((seed) =>
    tf.tidy(() => tf.randomUniform([8 * 8 * 3], 0, 1, 'float32', seed).dataSync() as Float32Array),
  );
}

beforeAll(async () => {
  await selectBackend({ requested: 'cpu', logger: recordingLogger() });
});

describe('checkBatchConsistency', () => {
  it('passes equal outputs', async () => {
    const record = await checkBatchConsistency(
      fakeRunner(null, () => 0),
      [
        [1, 2],
        [3, 4],
      ],
    );

    expect(record).toEqual({
      id: BATCH_CONSISTENCY_CHECK_ID,
      status: 'pass',
      message:
        'The same image gave the same output alone and in a batch of 2 (largest difference 0, ' +
        'tolerance 0.0001).',
    });
  });

  it('accepts differences within the tolerance', async () => {
    const runner = fakeRunner(null, (size) => (size === 2 ? 5e-5 : 0));

    const record = await checkBatchConsistency(runner, [
      [1, 2],
      [3, 4],
    ]);

    expect(record.status).toBe('pass');
  });

  it('scales the tolerance with large values', async () => {
    const runner = fakeRunner(null, (size) => (size === 2 ? 2e-3 : 0));

    const record = await checkBatchConsistency(runner, [
      [100, 50],
      [3, 4],
    ]);

    expect(record.status).toBe('pass');
  });

  it('fails different outputs naming training mode', async () => {
    const runner = fakeRunner(null, (size) => (size === 2 ? 0.25 : 0));

    const record = await checkBatchConsistency(runner, [
      [1, 2],
      [3, 4],
    ]);

    expect(record.status).toBe('fail');
    expect(record.message).toBe(
      'The same image gave different outputs alone and in a batch of 2 with model model.onnx: ' +
        '2 of 2 values differ by more than 0.0001, up to 0.25 (value 0: 1 alone vs 1.25 in the ' +
        'batch). Layers such as batch normalisation or dropout are likely running in training ' +
        'mode; export the model in inference mode (model.eval() in PyTorch, training=False in Keras).',
    );
  });

  it('fails a NaN that appears in a batch', async () => {
    const runner: BatchRunner<number[]> = {
      subject: 'm',
      batchDim: null,
      run: async (batch) => batch.map((item) => (batch.length === 2 ? [item[0] ?? 0, NaN] : item)),
    };

    const record = await checkBatchConsistency(runner, [
      [1, 2],
      [3, 4],
    ]);

    expect(record.status).toBe('fail');
    expect(record.message).toContain('1 of 2 values differ by more than 0.0001, up to Infinity');
  });

  it('skips a fixed batch of 1', async () => {
    const record = await checkBatchConsistency(
      fakeRunner(1, () => 0),
      [[1], [2]],
    );

    expect(record.status).toBe('skip');
    expect(record.message).toBe(
      'Model model.onnx has a fixed batch size of 1, so an image cannot be run inside a larger ' +
        'batch to compare.',
    );
  });

  it('skips with one image', async () => {
    const record = await checkBatchConsistency(
      fakeRunner(null, () => 0),
      [[1]],
    );

    expect(record.status).toBe('skip');
    expect(record.message).toBe('The check needs two images and 1 were available.');
  });

  it('compares fixed batches of 3', async () => {
    const seen: number[][][] = [];
    const runner: BatchRunner<number[]> = {
      subject: 'm',
      batchDim: 3,
      run: async (batch) => {
        seen.push(batch.map((item) => [...item]));
        return batch;
      },
    };

    const record = await checkBatchConsistency(runner, [[1], [2]]);

    expect(record.status).toBe('pass');
    expect(seen).toEqual([
      [[1], [1], [1]],
      [[1], [2], [2]],
    ]);
  });

  it('warns when the batch run fails', async () => {
    const runner: BatchRunner<number[]> = {
      subject: 'model.onnx',
      batchDim: null,
      run: async (batch) => {
        if (batch.length > 1) {
          throw new Error(
            'Got invalid dimensions for input: x for the following indices index: 0 Got: 2 Expected: 1',
          );
        }
        return batch;
      },
    };

    const record = await checkBatchConsistency(runner, [[1], [2]]);

    expect(record.status).toBe('warn');
    expect(record.message).toBe(
      'Model model.onnx failed on a batch of 2 images: Got invalid dimensions for input: x for ' +
        'the following indices index: 0 Got: 2 Expected: 1. Batch consistency was not checked.',
    );
  });
});

describe('TensorFlow.js batch runner', () => {
  async function layersFixture(): Promise<LoadedTfjsModel> {
    const loaded = await loadTfjsModel(LAYERS_JSON, { tfjsNode: null });
    if (loaded.kind !== 'model') {
      throw new Error(loaded.finding.detail);
    }
    return loaded.model;
  }

  it('passes the layers fixture in inference mode', async () => {
    const model = await layersFixture();
    const before = tf.memory().numTensors;

    const record = await checkBatchConsistency(tfjsBatchRunner(model, DIMS), twoImages());

    expect(record.status).toBe('pass');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('fails the layers fixture in training mode', async () => {
    // The fixture has batch normalisation and dropout 0.5; with training: true both use the
    // batch (statistics, random masks), as a model exported in training mode would.
    const layers = await tfl.loadLayersModel(fileIOHandler(LAYERS_JSON));
    const inference = await layersFixture();
    const training: LoadedTfjsModel = {
      ...inference,
      run: async (input) => tf.tidy(() => layers.apply(input, { training: true }) as tf.Tensor),
    };

    const record = await checkBatchConsistency(tfjsBatchRunner(training, DIMS), twoImages());

    expect(record.status).toBe('fail');
    expect(record.message).toContain('alone and in a batch of 2 with model');
    expect(record.message).toContain(
      'batch normalisation or dropout are likely running in training mode',
    );
    layers.dispose();
    inference.dispose();
  });

  it('reads a fixed batch from the graph fixture', async () => {
    const loaded = await loadTfjsModel(join(TFJS_FIXTURES, 'graph-binary'), { tfjsNode: null });
    if (loaded.kind !== 'model') {
      throw new Error(loaded.finding.detail);
    }

    const record = await checkBatchConsistency(tfjsBatchRunner(loaded.model, DIMS), twoImages());

    expect(record.status).toBe('skip');
    expect(record.message).toContain('has a fixed batch size of 1');
    loaded.model.dispose();
  });

  it('splits a batch into items', async () => {
    const loaded = await loadTfjsModel(join(TFJS_FIXTURES, 'graph'), { tfjsNode: null });
    if (loaded.kind !== 'model') {
      throw new Error(loaded.finding.detail);
    }
    const runner = tfjsBatchRunner(loaded.model, DIMS);
    const red = new Float32Array(8 * 8 * 3).map((_, index) => (index % 3 === 0 ? 1 : 0));
    const green = new Float32Array(8 * 8 * 3).map((_, index) => (index % 3 === 1 ? 1 : 0));

    const [first, second] = await runner.run([red, green]);

    expect(runner.batchDim).toBeNull();
    expect(first).toHaveLength(8 * 8 * 2);
    // Graph filter: class 0 = red, class 1 = green + 0.1.
    expect(first?.[0]).toBeCloseTo(1, 6);
    expect(first?.[1]).toBeCloseTo(0.1, 6);
    expect(second?.[0]).toBeCloseTo(0, 6);
    expect(second?.[1]).toBeCloseTo(1.1, 6);
    loaded.model.dispose();
  });
});
