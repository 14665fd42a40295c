import { DEFAULT_TEST_CHECK_SETTINGS } from '../../helpers/settings.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EvaluateSettings } from '../../../src/config/settings.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { modelFormat, openSegmenter } from '../../../src/segmenters/open.js';
import { FIXTURE_INPUT, ONNX_FIXTURES, makeTempDir } from './fixtures.js';

let dir = '';
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('open'));
  await mkdir(join(dir, 'tfjs-model'));
  await mkdir(join(dir, 'predictions'));
  await writeFile(join(dir, 'model.json'), '{}');
  await writeFile(join(dir, 'frozen.pb'), 'graph');
});

afterAll(async () => {
  await cleanup();
});

function settings(overrides: Partial<EvaluateSettings>): EvaluateSettings {
  return {
    data: { kind: 'folders', imagesDir: dir, labelsDir: dir },
    limit: null,
    skipMissing: false,
    model: null,
    predictions: null,
    numClasses: 4,
    classNames: VOC_CLASS_NAMES.slice(0, 4),
    ignoreIndex: 255,
    input: FIXTURE_INPUT,
    maxPixels: 1_000_000,
    reportPath: null,
    summaryPath: null,
    savePredictionsDir: null,
    progress: 'off',
    labelMap: null,
    checks: DEFAULT_TEST_CHECK_SETTINGS,
    baselinePath: null,
    overlays: 0,
    overlaysDir: null,
    configPath: null,
    ...overrides,
  };
}

describe('openSegmenter', () => {
  it('opens a prediction folder', async () => {
    const segmenter = await openSegmenter(settings({ predictions: join(dir, 'predictions') }));
    await segmenter.dispose();
    expect(segmenter.info.kind).toBe('predictions');
    expect(segmenter.info.path).toBe(join(dir, 'predictions'));
  });

  it('opens an ONNX model', async () => {
    const model = join(ONNX_FIXTURES, 'nhwc_logits.onnx');
    const segmenter = await openSegmenter(settings({ model }));
    await segmenter.dispose();
    expect(segmenter.info.kind).toBe('onnx');
    expect(segmenter.info.path).toBe(model);
  });

  it('requires --model or --predictions', async () => {
    await expect(openSegmenter(settings({}))).rejects.toThrow(
      new UsageError('Neither --model nor --predictions is set: pass one of them.'),
    );
  });

  it('reports a missing model', async () => {
    const opening = openSegmenter(settings({ model: join(dir, 'absent.onnx') }));
    await expect(opening).rejects.toThrow(InputError);
    await expect(openSegmenter(settings({ model: join(dir, 'absent.onnx') }))).rejects.toThrow(
      /Model not found: .*absent\.onnx/,
    );
  });

  it('hands model.json to the TensorFlow.js loader', async () => {
    await expect(openSegmenter(settings({ model: join(dir, 'model.json') }))).rejects.toThrow(
      /has no modelTopology object: model\.json is not a TensorFlow\.js model\.json/,
    );
  });

  it('hands a folder to the TensorFlow.js loader', async () => {
    const opening = openSegmenter(settings({ model: join(dir, 'tfjs-model') }));
    await expect(opening).rejects.toThrow(InputError);
  });

  it('lists the supported formats for another extension', async () => {
    await expect(openSegmenter(settings({ model: join(dir, 'frozen.pb') }))).rejects.toThrow(
      /extension "\.pb"\): expected an ONNX model \(\.onnx file\), or a TensorFlow\.js model/,
    );
  });

  it('requires --normalize for a model run', async () => {
    const model = join(ONNX_FIXTURES, 'nhwc_logits.onnx');
    const opening = openSegmenter(
      settings({ model, input: { ...FIXTURE_INPUT, normalize: null } }),
    );
    await expect(opening).rejects.toThrow(UsageError);
    await expect(
      openSegmenter(settings({ model, input: { ...FIXTURE_INPUT, normalize: null } })),
    ).rejects.toThrow(/--normalize MODE or `normalize: MODE` in the config file/);
  });
});

describe('modelFormat', () => {
  const file = { isDirectory: () => false };
  const folder = { isDirectory: () => true };

  it('names formats by extension', () => {
    expect(modelFormat('net.onnx', file)).toBe('onnx');
    expect(modelFormat('NET.ONNX', file)).toBe('onnx');
    expect(modelFormat('model.json', file)).toBe('tfjs');
    expect(modelFormat('saved_model', folder)).toBe('tfjs');
    expect(modelFormat('net.tflite', file)).toBe('unknown');
  });
});
