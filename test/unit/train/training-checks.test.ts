import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '../../../src/pipeline/logger.js';
import { runTrainingLoop } from '../../../src/train/loop.js';
import { runTrain, type TrainHooks } from '../../../src/train/run-train.js';
import { firstStepCheck, overfitProbeCheck } from '../../../src/train/training-checks.js';
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

async function train(name: string, extra: readonly string[], hooks: TrainHooks = {}) {
  const folder = join(root, name);
  const jsonPath = await saveModel(tinyModel(), folder);
  const settings = await parseTrain(
    tinyTrainArgs(root, jsonPath, ['--output', join(folder, 'trained'), ...extra]),
    root,
  );
  const io = captureIo();
  const result = await runTrain(settings, io, { backendCandidates: cpuOnly(), ...hooks });
  const check = (id: string) => result.report.checks.find((record) => record.id === id);
  return { result, io, check, folder };
}

describe('training.loss.first-step', () => {
  it('passes near ln C', () => {
    const check = firstStepCheck(1.2, 3, 3);
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      "The first step's mean loss is 1.2000; ln C for C = 3 classes is 1.0986, and the limit is " +
        '3 x ln C = 3.2958.',
    );
  });

  it('fails for a summed loss', async () => {
    const { result, check, folder } = await train('summed', [], { lossReduction: 'sum' });

    expect(result.exitCode).toBe(1);
    const record = check('training.loss.first-step');
    expect(record?.status).toBe('fail');
    expect(record?.message).toMatch(/^The first step's mean loss is [0-9]{3,}\.[0-9]{4}; ln C/);
    expect(record?.message).toContain(
      'never starts there; thousands mean a sum or a label mismatch',
    );
    expect(result.report.steps).toHaveLength(1);
    expect(existsSync(join(folder, 'trained', 'model.json'))).toBe(false);
    expect(result.evaluation).toBeNull();
  });

  it('honours --first-loss-factor', async () => {
    // A fresh head starts near ln 3 = 1.0986, above 0.5 x ln 3.
    const { check } = await train('factor', ['--first-loss-factor', '0.5']);
    expect(check('training.loss.first-step')?.status).toBe('fail');
    expect(check('training.loss.first-step')?.message).toContain('0.5 x ln C = 0.5493');
  });

  it('fails for a non-finite first loss', () => {
    const check = firstStepCheck(Number.NaN, 21, 3);
    expect(check.status).toBe('fail');
    expect(check.message).toContain("The first step's mean loss is NaN");
  });
});

describe('training.loss.finite', () => {
  it('fails at the first NaN step and stops', async () => {
    const variable = tf.variable(tf.zeros([2]));
    const losses = [1.1, 0.9, Number.NaN, 0.5];
    let calls = 0;
    const result = await runTrainingLoop({
      steps: 4,
      nextBatch: () => ({
        ids: ['a'],
        images: tf.zeros([1, 1, 1, 3]),
        labels: tf.zeros([1, 1, 1]),
        dispose: () => {},
      }),
      step: async () => {
        variable.assign(tf.add(variable, 1));
        return losses[calls++] ?? 0;
      },
      variables: [variable],
      numClasses: 3,
      firstLossFactor: 3,
      learningRate: 0.1,
      logger: silentLogger,
    });

    expect(result.completed).toBe(false);
    expect(result.records.map((record) => record.loss)).toEqual([1.1, 0.9, Number.NaN]);
    const failed = result.checks.find((check) => check.status === 'fail');
    expect(failed?.id).toBe('training.loss.finite');
    expect(failed?.message).toBe(
      'The loss became NaN at step 3 after 0.9000 at step 2. The weights diverged: lower ' +
        '--learning-rate, check the class weights, or look for non-finite inputs. Training stopped.',
    );
  });
});

describe('training.weights.updated', () => {
  it('fails with learning rate 0', async () => {
    const { result, check } = await train('frozen', ['--learning-rate', '0']);

    expect(result.exitCode).toBe(1);
    const record = check('training.weights.updated');
    expect(record?.status).toBe('fail');
    expect(record?.message).toBe(
      'None of the 4 trainable variables changed in step 1 (largest change 0, learning rate 0). ' +
        'The optimizer applied no update: a learning rate of 0, frozen layers (trainable false), ' +
        'or a batch whose pixels are all at the ignore index. Training stopped.',
    );
  });

  it('passes and evaluates when the weights move', async () => {
    const { result, check } = await train('moving', []);

    expect(check('training.weights.updated')?.status).toBe('pass');
    expect(check('training.loss.finite')?.message).toBe('All 3 step losses were finite.');
    expect(result.evaluation).not.toBeNull();
    expect(result.exitCode).toBe(result.evaluation?.exitCode);
  });
});

describe('training.overfit-probe', () => {
  it('passes when the loss falls on one batch, and restores the weights', async () => {
    // With a batch of all 4 images, the probe and the first real step see the same pixels.
    const { result, check } = await train('probe', [
      '--overfit-probe',
      '6',
      '--steps',
      '1',
      '--batch-size',
      '4',
    ]);

    const record = check('training.overfit-probe');
    expect(record?.status).toBe('pass');
    expect(record?.message).toMatch(
      /^Over 6 steps on one repeated batch \(tiny_000, tiny_001, tiny_002, tiny_003\)/,
    );
    const losses = result.report.overfitProbe?.losses ?? [];
    expect(losses).toHaveLength(6);
    // The real training starts from the checkpoint again, so its first loss is the probe's first.
    expect(result.report.steps[0]?.loss).toBeCloseTo(losses[0] as number, 5);
  });

  it('fails when the loss does not fall', async () => {
    const { result, check } = await train('probe-frozen', [
      '--overfit-probe',
      '3',
      '--learning-rate',
      '0',
    ]);

    expect(result.exitCode).toBe(1);
    const record = check('training.overfit-probe');
    expect(record?.status).toBe('fail');
    expect(record?.message).toContain('so it did not fall');
    expect(result.report.steps).toEqual([]);
  });

  it('words the failure with both losses', () => {
    expect(overfitProbeCheck([1.5, 1.6], ['a', 'b']).message).toMatch(
      /^Over 2 steps on one repeated batch \(a, b\) the loss went from 1\.5000 to 1\.6000, so it did not fall\./,
    );
  });
});
