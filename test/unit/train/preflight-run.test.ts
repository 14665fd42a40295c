import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { UsageError } from '../../../src/errors.js';
import { runTrain } from '../../../src/train/run-train.js';
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

let root = '';

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await temporaryFolder();
  await writeTinyDataset(root);
});

async function train(
  modelFolder: string,
  extra: readonly string[] = [],
  trainingConfig?: Record<string, unknown>,
  model = tinyModel(),
) {
  const folder = join(root, modelFolder);
  const jsonPath = await saveModel(model, folder, trainingConfig);
  const settings = await parseTrain(
    tinyTrainArgs(root, jsonPath, ['--output', join(folder, 'trained'), ...extra]),
    root,
  );
  const io = captureIo();
  const result = await runTrain(settings, io, { backendCandidates: cpuOnly() });
  const check = (id: string) => result.report.checks.find((record) => record.id === id);
  return { result, io, check, folder };
}

describe('label shape against the loss', () => {
  it('rejects sparse labels for a categorical loss', async () => {
    const { result, check, folder } = await train('sparse-to-categorical', [
      '--loss',
      'categorical-crossentropy',
    ]);

    expect(result.exitCode).toBe(1);
    const record = check('training.contract.label-shape');
    expect(record?.status).toBe('fail');
    expect(record?.message).toContain('Labels [2,16,16] (sparse class ids');
    expect(record?.message).toContain('vs model output [2,16,16,3]');
    expect(record?.message).toContain('expects one-hot rows [2,16,16,3]');
    expect(result.report.steps).toEqual([]);
    expect(result.evaluation).toBeNull();
    expect(existsSync(join(folder, 'trained', 'model.json'))).toBe(false);
  });

  it('rejects one-hot labels for a sparse loss', async () => {
    const { result, check } = await train('one-hot-to-sparse', ['--label-encoding', 'one-hot']);

    expect(result.exitCode).toBe(1);
    const record = check('training.contract.label-shape');
    expect(record?.status).toBe('fail');
    expect(record?.message).toContain('Labels [2,16,16,3] (one-hot rows');
    expect(record?.message).toContain('expects sparse class ids [2,16,16]');
    expect(record?.message).toContain('--label-encoding sparse');
  });

  it('accepts one-hot labels for a categorical loss', async () => {
    const { result, check } = await train('one-hot-to-categorical', [
      '--label-encoding',
      'one-hot',
      '--loss',
      'categorical-crossentropy',
    ]);

    expect(check('training.contract.label-shape')?.status).toBe('pass');
    expect(result.report.steps).toHaveLength(3);
  });
});

describe('saved training config', () => {
  it('fails when the saved loss expects one-hot labels', async () => {
    const { result, check } = await train('saved-categorical', [], {
      loss: 'categorical_crossentropy',
      optimizer_config: { class_name: 'Adam', config: {} },
    });

    expect(result.exitCode).toBe(1);
    const saved = check('training.contract.saved-loss');
    expect(saved?.status).toBe('fail');
    expect(saved?.message).toContain('categorical_crossentropy in trainingConfig');
    expect(saved?.message).toContain('--label-encoding one-hot');
    // With --loss auto the saved loss is used, so the label shape fails as well.
    expect(check('training.contract.label-shape')?.message).toContain(
      'saved as categorical_crossentropy in trainingConfig',
    );
  });

  it('trains as saved with one-hot labels', async () => {
    const { result, check } = await train('saved-object', ['--label-encoding', 'one-hot'], {
      loss: { class_name: 'CategoricalCrossentropy', config: { from_logits: true } },
    });

    expect(check('training.contract.saved-loss')?.status).toBe('pass');
    expect(result.report.parameters.resolvedLoss).toBe('categorical-crossentropy');
    expect(result.report.steps).toHaveLength(3);
  });

  it('warns when --loss overrides the saved loss', async () => {
    const { result, check } = await train(
      'saved-overridden',
      ['--loss', 'sparse-categorical-crossentropy'],
      { loss: 'categorical_crossentropy' },
    );

    const saved = check('training.contract.saved-loss');
    expect(saved?.status).toBe('warn');
    expect(saved?.message).toContain('--loss sparse-categorical-crossentropy overrides it');
    expect(result.report.steps).toHaveLength(3);
  });

  it('fails for a saved loss that is no cross-entropy', async () => {
    const { check } = await train('saved-mse', [], { loss: 'mean_squared_error' });

    const saved = check('training.contract.saved-loss');
    expect(saved?.status).toBe('fail');
    expect(saved?.message).toContain('is not a cross-entropy over 3 classes');
  });
});

describe('labels', () => {
  it('fails for ids outside the classes', async () => {
    const model = tinyModel({ classes: 2 });
    const { result, check } = await train('two-classes', ['--num-classes', '2'], undefined, model);

    expect(result.exitCode).toBe(1);
    const record = check('training.contract.labels');
    expect(record?.status).toBe('fail');
    expect(record?.message).toContain(
      '4 of 4 training labels cannot feed the loss: tiny_000 (ids 2 outside 0..1)',
    );
  });
});

describe('final softmax', () => {
  it('strips a softmax activation and keeps it in the checkpoint', async () => {
    const model = tinyModel({ finalActivation: 'softmax' });
    const { result, check, folder } = await train('softmax-activation', [], undefined, model);

    const record = check('training.contract.final-softmax');
    expect(record?.status).toBe('warn');
    expect(record?.message).toContain('activation softmax of the output layer head (Conv2D)');
    expect(result.report.steps).toHaveLength(3);

    const saved = await readFile(join(folder, 'trained', 'model.json'), 'utf8');
    expect(saved).toContain('"activation":"softmax"');
  });

  it('trains past a softmax layer', async () => {
    const model = tinyModel({ softmaxLayer: true });
    const { result, check } = await train('softmax-layer', [], undefined, model);

    expect(check('training.contract.final-softmax')?.message).toContain(
      'the output layer probabilities (Softmax)',
    );
    expect(result.report.steps).toHaveLength(3);
    expect(result.report.checks.filter((record) => record.status === 'fail')).toEqual([]);
  });

  it('rejects a final softmax with --final-softmax reject', async () => {
    const model = tinyModel({ softmaxLayer: true });
    const { result, check } = await train(
      'softmax-reject',
      ['--final-softmax', 'reject'],
      undefined,
      model,
    );

    expect(result.exitCode).toBe(1);
    const record = check('training.contract.final-softmax');
    expect(record?.status).toBe('fail');
    expect(record?.message).toContain('(--final-softmax reject)');
  });
});

describe('inference-only models and backends', () => {
  it('rejects a graph model', async () => {
    const graph = new URL('../../fixtures/tfjs/graph/model.json', import.meta.url).pathname;
    const settings = await parseTrain(tinyTrainArgs(root, graph), root);
    await expect(runTrain(settings, captureIo(), { backendCandidates: cpuOnly() })).rejects.toThrow(
      /graph model, which is inference-only/,
    );
  });

  it('rejects a SavedModel folder', async () => {
    const folder = join(root, 'saved-model');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'saved_model.pb'), '');
    const settings = await parseTrain(tinyTrainArgs(root, folder), root);
    await expect(runTrain(settings, captureIo(), { backendCandidates: cpuOnly() })).rejects.toThrow(
      /is a TensorFlow SavedModel, which is inference-only/,
    );
  });

  it('rejects an ONNX model', async () => {
    const settings = await parseTrain(tinyTrainArgs(root, join(root, 'model.onnx')), root);
    await expect(runTrain(settings, captureIo(), { backendCandidates: cpuOnly() })).rejects.toThrow(
      UsageError,
    );
  });

  it('rejects --backend wasm, which has no convolution gradients', async () => {
    const jsonPath = await saveModel(tinyModel(), join(root, 'wasm'));
    const settings = await parseTrain(tinyTrainArgs(root, jsonPath, ['--backend', 'wasm']), root);
    await expect(runTrain(settings, captureIo())).rejects.toThrow(
      /registers no Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter/,
    );
  });
});
