import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UsageError } from '../../../src/errors.js';
import type { BackendCandidate } from '../../../src/segmenters/tfjs/backend.js';
import { fileIOHandler } from '../../../src/segmenters/tfjs/file-io.js';
import { openTfjsSegmenter } from '../../../src/segmenters/tfjs/segmenter.js';
import type { TfjsSegmenterSettings } from '../../../src/segmenters/tfjs/segmenter.js';
import type { TfjsSavedModel } from '../../../src/segmenters/tfjs/tfjs-node.js';
import type { SegmenterInput } from '../../../src/segmenters/types.js';
import {
  TFJS_FIXTURES,
  copyFixture,
  recordingLogger,
  temporaryFolder,
  unitInput,
  writeTwoColourPng,
} from './support.js';

const cpu: BackendCandidate = {
  name: 'cpu',
  prepare: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    return { source: 'cpu package' };
  },
};

const RED = [255, 0, 0] as const;
const GREEN = [0, 255, 0] as const;
const GREY = [128, 128, 128] as const;

let folder: { path: string; remove: () => Promise<void> };
let redGreen: string;
let greenRed: string;
let greyRed: string;

beforeAll(async () => {
  folder = await temporaryFolder();
  redGreen = await writeTwoColourPng(join(folder.path, 'red-green.png'), 8, 8, RED, GREEN);
  greenRed = await writeTwoColourPng(join(folder.path, 'green-red.png'), 8, 8, GREEN, RED);
  greyRed = await writeTwoColourPng(join(folder.path, 'grey-red.png'), 8, 8, GREY, RED);
});

afterAll(async () => {
  await folder.remove();
});

function settings(overrides: Partial<TfjsSegmenterSettings>): TfjsSegmenterSettings {
  return {
    modelPath: join(TFJS_FIXTURES, 'graph', 'model.json'),
    numClasses: 2,
    input: unitInput(),
    maxPixels: 1_000_000,
    backend: 'cpu',
    threshold: 0.5,
    ...overrides,
  };
}

function image(id: string, imagePath: string, size = 8): SegmenterInput {
  return { id, imagePath, labelWidth: size, labelHeight: size };
}

/** Row-major class ids of a `size` x `size` mask with `left` in the left half, `right` in the right. */
function halves(size: number, left: number, right: number): number[] {
  return Array.from({ length: size * size }, (_, index) =>
    index % size < size / 2 ? left : right,
  );
}

describe('openTfjsSegmenter on the graph fixture', () => {
  it('segments by colour', async () => {
    const logger = recordingLogger();
    const segmenter = await openTfjsSegmenter(settings({}), { logger });

    const output = await segmenter.segment(image('red-green', redGreen));

    // Graph filter: class 0 scores red, class 1 scores green + 0.1.
    expect(output.findings).toEqual([]);
    expect([...(output.mask?.data ?? [])]).toEqual(halves(8, 0, 1));
    expect(output.stats?.nonFinite).toBe(0);
    expect(output.stats?.maxAbs).toBeCloseTo(1.1, 5);
    expect(output.stats?.predictedHistogram).toEqual([32, 32]);
    expect(output.inferenceMs).toBeGreaterThanOrEqual(0);
    expect(segmenter.openFindings).toEqual([]);
    expect(logger.lines).toContain(
      'info: TensorFlow.js backend: cpu (@tensorflow/tfjs-backend-cpu 4.22.0)',
    );
    await segmenter.dispose();
  });

  it('records how the model ran', async () => {
    const segmenter = await openTfjsSegmenter(settings({}), { logger: recordingLogger() });

    expect(segmenter.info.kind).toBe('tfjs');
    expect(segmenter.info.details).toMatchObject({
      backend: 'cpu',
      format: 'graph-model',
      inputName: 'image',
      inputShape: '[?,8,8,3]',
      layout: 'NHWC',
      layoutSource: 'auto',
      inputSize: '8x8',
      outputDims: [1, 8, 8, 2],
      outputForm: 'logits',
      threshold: 0.5,
    });
    expect(segmenter.info.decoding).toBe(
      'NHWC float32 logits [1,8,8,2] -> bilinear to label size -> argmax',
    );
    await segmenter.dispose();
  });

  it('resizes to the label size', async () => {
    const segmenter = await openTfjsSegmenter(settings({}), { logger: recordingLogger() });

    const output = await segmenter.segment(image('green-red', greenRed, 16));

    // Column 7 of 16 samples source column 3.25, column 8 samples 3.75 (half-pixel centres).
    expect(output.mask?.width).toBe(16);
    expect([...(output.mask?.data ?? [])]).toEqual(halves(16, 1, 0));
    await segmenter.dispose();
  });

  it('keeps the tensor count steady', async () => {
    const segmenter = await openTfjsSegmenter(settings({}), { logger: recordingLogger() });
    await segmenter.segment(image('warm-up', redGreen));
    const before = tf.memory().numTensors;

    for (const path of [redGreen, greenRed, greyRed, redGreen]) {
      await segmenter.segment(image('again', path));
      expect(tf.memory().numTensors).toBe(before);
    }
    await segmenter.checkBatchConsistency([image('a', redGreen), image('b', greenRed)]);
    expect(tf.memory().numTensors).toBe(before);

    await segmenter.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('passes batch consistency', async () => {
    const segmenter = await openTfjsSegmenter(settings({}), { logger: recordingLogger() });

    const record = await segmenter.checkBatchConsistency([
      image('a', redGreen),
      image('b', greyRed),
    ]);

    expect(record.id).toBe('contract.model.batch-consistency');
    expect(record.status).toBe('pass');
    await segmenter.dispose();
  });

  it('reports a channel count mismatch', async () => {
    const segmenter = await openTfjsSegmenter(settings({ numClasses: 21 }), {
      logger: recordingLogger(),
    });

    expect(segmenter.openFindings).toHaveLength(1);
    expect(segmenter.openFindings[0]?.kind).toBe('channels');
    expect(segmenter.openFindings[0]?.detail).toContain(
      'output [1,8,8,2] has 2 channels but --num-classes is 21',
    );
    expect((await segmenter.segment(image('x', redGreen))).mask).toBeNull();
    expect((await segmenter.checkBatchConsistency([])).status).toBe('skip');
    await segmenter.dispose();
  });

  it('requires a normalisation', async () => {
    const opening = openTfjsSegmenter(settings({ input: unitInput({ normalize: null }) }), {
      logger: recordingLogger(),
    });

    await expect(opening).rejects.toThrow(UsageError);
    await expect(opening).rejects.toThrow('No pixel normalisation is set for model');
  });

  it('rejects a threshold outside (0, 1)', async () => {
    await expect(
      openTfjsSegmenter(settings({ threshold: 1 }), { logger: recordingLogger() }),
    ).rejects.toThrow(
      'Invalid value for --threshold: expected a probability between 0 and 1, exclusive, received 1.',
    );
  });
});

describe('openTfjsSegmenter on a single channel', () => {
  const binary = join(TFJS_FIXTURES, 'graph-binary', 'model.json');

  // The logit is 4 * (red - blue) - 1 on values in [0, 1]: grey 128/255 gives -1
  // (sigmoid 0.269) and red gives 3 (sigmoid 0.953).
  it.each([
    [0.5, 0, 1],
    [0.2, 1, 1],
    [0.96, 0, 0],
  ])('thresholds at %f', async (threshold, grey, red) => {
    const segmenter = await openTfjsSegmenter(settings({ modelPath: binary, threshold }), {
      logger: recordingLogger(),
    });

    const output = await segmenter.segment(image('grey-red', greyRed));

    expect([...(output.mask?.data ?? [])]).toEqual(halves(8, grey, red));
    expect(output.stats?.maxAbs).toBeCloseTo(3, 4);
    expect(segmenter.info.details['outputForm']).toBe('sigmoid');
    expect(segmenter.info.decoding).toBe(
      `NHWC float32 logits [1,8,8,1] -> sigmoid -> bilinear to label size -> threshold ${threshold}`,
    );
    await segmenter.dispose();
  });
});

describe('openTfjsSegmenter on layers models', () => {
  it('segments with the layers fixture', async () => {
    const segmenter = await openTfjsSegmenter(
      settings({ modelPath: join(TFJS_FIXTURES, 'layers'), numClasses: 3 }),
      { logger: recordingLogger() },
    );

    const output = await segmenter.segment(image('red-green', redGreen));
    const record = await segmenter.checkBatchConsistency([
      image('a', redGreen),
      image('b', greyRed),
    ]);

    expect(segmenter.info.details['format']).toBe('layers-model');
    expect(output.mask?.data).toHaveLength(64);
    expect(output.stats?.predictedHistogram?.reduce((a, b) => a + b, 0)).toBe(64);
    expect(record.status).toBe('pass');
    await segmenter.dispose();
  });

  it('reports unknown layer classes', async () => {
    const path = await copyFixture('layers', join(folder.path, 'lambda'));
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.modelTopology.config.layers[3].class_name = 'Lambda';
    await writeFile(path, JSON.stringify(json));

    const segmenter = await openTfjsSegmenter(settings({ modelPath: path, numClasses: 3 }), {
      logger: recordingLogger(),
    });

    expect(segmenter.openFindings).toHaveLength(1);
    expect(segmenter.openFindings[0]).toMatchObject({
      source: 'model',
      kind: 'output',
      subject: path,
    });
    expect(segmenter.openFindings[0]?.detail).toContain('does not know: Lambda (dropout)');
    expect(segmenter.info.decoding).toContain(
      'not loadable: layer classes TensorFlow.js does not know',
    );
    expect((await segmenter.segment(image('x', redGreen))).mask).toBeNull();
    await segmenter.dispose();
  });
});

describe('openTfjsSegmenter on a SavedModel', () => {
  it('loads through tfjs-node', async () => {
    // A stand-in for tfjs-node: a copy of the CPU backend registered as `tensorflow`, whose
    // loadSavedModel serves the graph fixture.
    const savedModel = join(folder.path, 'saved-model');
    await copyFixture('graph', savedModel);
    await writeFile(join(savedModel, 'saved_model.pb'), new Uint8Array(1));
    const loadedFolders: string[] = [];
    const tensorflow: BackendCandidate = {
      name: 'tensorflow',
      prepare: async () => {
        tf.registerBackend('tensorflow', () => new MathBackendCPU());
        for (const kernel of tf.getKernelsForBackend('cpu')) {
          tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
        }
        const loadSavedModel = async (path: string): Promise<TfjsSavedModel> => {
          loadedFolders.push(path);
          const graph = await loadGraphModel(
            fileIOHandler(join(TFJS_FIXTURES, 'graph', 'model.json')),
          );
          return {
            inputs: graph.inputs,
            outputs: graph.outputs,
            predict: (inputs) => graph.predict(inputs),
            execute: (inputs, outputs) => graph.execute(inputs, outputs),
            dispose: () => graph.dispose(),
          };
        };
        return {
          source: '@tensorflow/tfjs-node',
          tfjsNode: { packageName: '@tensorflow/tfjs-node', loadSavedModel },
        };
      },
    };

    const segmenter = await openTfjsSegmenter(settings({ modelPath: savedModel, backend: null }), {
      logger: recordingLogger(),
      backendCandidates: [tensorflow, cpu],
    });
    const output = await segmenter.segment(image('red-green', redGreen));

    expect(loadedFolders).toEqual([savedModel]);
    expect(segmenter.info.details).toMatchObject({ backend: 'tensorflow', format: 'saved-model' });
    expect([...(output.mask?.data ?? [])]).toEqual(halves(8, 0, 1));
    await segmenter.dispose();
  });
});
