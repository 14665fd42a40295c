import { describe, expect, it } from 'vitest';

import { buildEngineArgs } from '../../src/action/engine-args.js';
import { readActionInputs } from '../../src/action/inputs.js';

function reader(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? '';
}

const FILES = {
  reportPath: '/t/report.json',
  summaryPath: '/t/engine-summary.md',
  overlaysDir: '/t/overlays',
  baselinePath: null,
  checkpointDir: '/t/checkpoint',
  trainingReportPath: '/t/training.json',
};

const TRAIN_INPUTS = {
  model: 'm/model.json',
  data: 'VOC',
  normalize: 'unit',
  'train-steps': '2',
};

describe('readActionInputs', () => {
  it('fills defaults when nothing is set', () => {
    const inputs = readActionInputs(reader({}));

    expect(inputs.engineValues.size).toBe(0);
    expect(inputs.skipMissing).toBe(false);
    expect(inputs.cacheTimeoutMs).toBe(30_000);
    expect(inputs.overlays).toBe(8);
    expect(inputs.device).toBe('cpu');
    expect(inputs.baselineFile).toBeNull();
    expect(inputs.baselineKey).toBeNull();
    expect(inputs.workingDirectory).toBeNull();
  });

  it('trims values and drops empty ones', () => {
    const inputs = readActionInputs(
      reader({ model: '  m.onnx ', limit: '   ', 'cache-timeout': ' 2.5 ' }),
    );

    expect([...inputs.engineValues]).toEqual([['model', 'm.onnx']]);
    expect(inputs.cacheTimeoutMs).toBe(2500);
  });

  it('reads booleans like core.getBooleanInput', () => {
    expect(readActionInputs(reader({ 'skip-missing': 'True' })).skipMissing).toBe(true);
    expect(readActionInputs(reader({ 'skip-missing': 'FALSE' })).skipMissing).toBe(false);
    expect(() => readActionInputs(reader({ 'skip-missing': 'yes' }))).toThrow(
      'Invalid value for input "skip-missing": expected true or false, received "yes".',
    );
  });

  it('rejects out-of-range action settings', () => {
    expect(() => readActionInputs(reader({ 'cache-timeout': '0' }))).toThrow(
      'Invalid value for input "cache-timeout": expected seconds greater than 0 and at most 3600, received "0".',
    );
    expect(() => readActionInputs(reader({ overlays: '2.5' }))).toThrow(
      'Invalid value for input "overlays": expected an integer from 0 to 100, received "2.5".',
    );
    expect(() => readActionInputs(reader({ device: 'tpu' }))).toThrow(
      'Invalid value for input "device": expected cpu or cuda, received "tpu".',
    );
  });

  it('reads no training without train-steps', () => {
    expect(readActionInputs(reader({ model: 'm.onnx' })).training).toBeNull();
  });

  it('reads train-steps and training inputs', () => {
    const inputs = readActionInputs(
      reader({ ...TRAIN_INPUTS, 'train-steps': ' 40 ', optimizer: 'sgd', 'batch-size': '' }),
    );

    expect(inputs.training?.steps).toBe(40);
    expect([...(inputs.training?.values ?? [])]).toEqual([['optimizer', 'sgd']]);
  });

  it('rejects an invalid train-steps', () => {
    for (const value of ['0', '2.5', 'ten']) {
      expect(() => readActionInputs(reader({ ...TRAIN_INPUTS, 'train-steps': value }))).toThrow(
        `Invalid value for input "train-steps": expected an integer of at least 1, received "${value}".`,
      );
    }
  });

  it('rejects training inputs without train-steps', () => {
    expect(() =>
      readActionInputs(reader({ model: 'm/model.json', loss: 'auto', 'eval-split': 'val' })),
    ).toThrow(
      'inputs "loss", "eval-split" set without "train-steps": training inputs apply only to a ' +
        'training run. Set "train-steps" to train, or remove them to evaluate.',
    );
  });

  it('rejects predictions with train-steps', () => {
    expect(() => readActionInputs(reader({ predictions: 'masks', 'train-steps': '2' }))).toThrow(
      'input "predictions" set with "train-steps"',
    );
  });
});

describe('buildEngineArgs', () => {
  it('passes set inputs as flags in declaration order', () => {
    const inputs = readActionInputs(
      reader({ normalize: 'tf', model: 'm.onnx', 'min-class-iou': '0.2', device: 'cuda' }),
    );

    expect(buildEngineArgs(inputs, FILES)).toEqual([
      'evaluate',
      '--model',
      'm.onnx',
      '--normalize',
      'tf',
      '--device',
      'cuda',
      '--min-class-iou',
      '0.2',
      '--report',
      '/t/report.json',
      '--summary',
      '/t/engine-summary.md',
      '--progress',
      'lines',
      '--overlays',
      '8',
      '--overlays-dir',
      '/t/overlays',
    ]);
  });

  it('adds skip-missing and the baseline, and overlays 0 without a folder', () => {
    const inputs = readActionInputs(reader({ 'skip-missing': 'true', overlays: '0' }));
    const args = buildEngineArgs(inputs, { ...FILES, baselinePath: '/t/base.json' });

    expect(args).toContain('--skip-missing');
    expect(args.slice(args.indexOf('--overlays'), args.indexOf('--overlays') + 2)).toEqual([
      '--overlays',
      '0',
    ]);
    expect(args).not.toContain('--overlays-dir');
    expect(args.slice(-2)).toEqual(['--baseline', '/t/base.json']);
  });

  it('passes class, runtime and gate options', () => {
    const inputs = readActionInputs(
      reader({
        'max-class-iou-drop': '0.05',
        checks: 'collapse.per-image=warn',
        'label-map': '15:1,*:0',
        backend: 'wasm',
        threshold: '0.4',
        'max-miou-drop': '0.02',
      }),
    );

    expect(buildEngineArgs(inputs, FILES).slice(0, 13)).toEqual([
      'evaluate',
      '--label-map',
      '15:1,*:0',
      '--backend',
      'wasm',
      '--threshold',
      '0.4',
      '--checks',
      'collapse.per-image=warn',
      '--max-miou-drop',
      '0.02',
      '--max-class-iou-drop',
      '0.05',
    ]);
  });

  it('runs train with the training inputs, checkpoint and report', () => {
    const inputs = readActionInputs(
      reader({
        ...TRAIN_INPUTS,
        'eval-split': 'val',
        'class-weights': '0.5,1,1,3',
        'overfit-probe': '10',
        'label-encoding': 'one-hot',
        loss: 'categorical-crossentropy',
        optimizer: 'sgd',
        'learning-rate': '0.02',
        'batch-size': '8',
        'skip-missing': 'true',
      }),
    );

    expect(buildEngineArgs(inputs, { ...FILES, baselinePath: '/t/base.json' })).toEqual([
      'train',
      '--model',
      'm/model.json',
      '--data',
      'VOC',
      '--normalize',
      'unit',
      '--skip-missing',
      '--steps',
      '2',
      '--batch-size',
      '8',
      '--learning-rate',
      '0.02',
      '--optimizer',
      'sgd',
      '--class-weights',
      '0.5,1,1,3',
      '--loss',
      'categorical-crossentropy',
      '--label-encoding',
      'one-hot',
      '--overfit-probe',
      '10',
      '--eval-split',
      'val',
      '--output',
      '/t/checkpoint',
      '--training-report',
      '/t/training.json',
      '--report',
      '/t/report.json',
      '--summary',
      '/t/engine-summary.md',
      '--progress',
      'lines',
      '--overlays',
      '8',
      '--overlays-dir',
      '/t/overlays',
      '--baseline',
      '/t/base.json',
    ]);
  });

  it('runs train with only the steps set', () => {
    const args = buildEngineArgs(readActionInputs(reader(TRAIN_INPUTS)), FILES);

    expect(args[0]).toBe('train');
    expect(args.slice(args.indexOf('--steps'), args.indexOf('--report'))).toEqual([
      '--steps',
      '2',
      '--output',
      '/t/checkpoint',
      '--training-report',
      '/t/training.json',
    ]);
  });

  it('leaves training options out of evaluate', () => {
    const args = buildEngineArgs(readActionInputs(reader({ model: 'm/model.json' })), FILES);

    expect(args[0]).toBe('evaluate');
    for (const flag of ['--steps', '--output', '--training-report', '--batch-size']) {
      expect(args).not.toContain(flag);
    }
  });

  it('leaves thresholds out when they are not set', () => {
    const args = buildEngineArgs(readActionInputs(reader({ model: 'm.onnx' })), FILES);

    for (const flag of [
      '--min-miou',
      '--min-class-iou',
      '--min-class-recall',
      '--bootstrap-resamples',
      '--bootstrap-seed',
      '--baseline',
    ]) {
      expect(args).not.toContain(flag);
    }
  });
});
