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
