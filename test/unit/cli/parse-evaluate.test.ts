import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  DEFAULT_COLLAPSE_OPTIONS,
  DEFAULT_IMAGE_ANALYSIS_OPTIONS,
  DEFAULT_REGRESSION_OPTIONS,
  DEFAULT_THRESHOLD_OPTIONS,
} from '../../../src/checks/defaults.js';
import { parseEvaluateCommand } from '../../../src/cli/program.js';
import type { EvaluateOptionValues } from '../../../src/config/evaluate-options.js';
import { VOC_CLASS_NAMES } from '../../../src/dataset/classes.js';
import { InputError, UsageError } from '../../../src/errors.js';
import { createTempDir, rejectionOf, type TempDir } from '../config/helpers.js';

const CWD = '/work/project';
const VOC_MODEL = ['--data', 'VOC2012', '--model', 'model.onnx'];

/** Returns the message of the UsageError that parsing `argv` rejects with. */
async function usageMessage(argv: readonly string[], cwd = CWD): Promise<string> {
  const error = await rejectionOf(parseEvaluateCommand(argv, cwd));
  expect(error).toBeInstanceOf(UsageError);
  return error.message;
}

describe('parseEvaluateCommand defaults', () => {
  it('fills in every default', async () => {
    const settings = await parseEvaluateCommand(VOC_MODEL, CWD);
    expect(settings).toEqual({
      data: { kind: 'voc', root: '/work/project/VOC2012', split: 'val', idsFile: null },
      limit: null,
      skipMissing: false,
      model: '/work/project/model.onnx',
      predictions: null,
      numClasses: 21,
      classNames: VOC_CLASS_NAMES,
      ignoreIndex: 255,
      labelMap: null,
      input: {
        normalize: null,
        channelOrder: 'rgb',
        inputSize: null,
        resize: 'stretch',
        layout: 'auto',
        upsample: 'logits',
        device: 'cpu',
        threads: null,
        backend: null,
        threshold: 0.5,
      },
      checks: {
        levels: {},
        collapse: DEFAULT_COLLAPSE_OPTIONS,
        imageAnalysis: DEFAULT_IMAGE_ANALYSIS_OPTIONS,
        thresholds: DEFAULT_THRESHOLD_OPTIONS,
        regression: DEFAULT_REGRESSION_OPTIONS,
      },
      baselinePath: null,
      maxPixels: 50_000_000,
      reportPath: null,
      summaryPath: null,
      savePredictionsDir: null,
      progress: 'auto',
      overlays: 0,
      overlaysDir: null,
      configPath: null,
    });
  });

  it('numbers class names when the count is not 21', async () => {
    const settings = await parseEvaluateCommand([...VOC_MODEL, '--num-classes', '3'], CWD);
    expect(settings.classNames).toEqual(['class 0', 'class 1', 'class 2']);
  });

  it('defaults to bgr for caffe normalization', async () => {
    const caffe = await parseEvaluateCommand([...VOC_MODEL, '--normalize', 'caffe'], CWD);
    expect(caffe.input.channelOrder).toBe('bgr');

    const caffeRgb = await parseEvaluateCommand(
      [...VOC_MODEL, '--normalize', 'caffe', '--channel-order', 'rgb'],
      CWD,
    );
    expect(caffeRgb.input.channelOrder).toBe('rgb');

    const torch = await parseEvaluateCommand([...VOC_MODEL, '--normalize', 'torch'], CWD);
    expect(torch.input.channelOrder).toBe('rgb');
  });
});

describe('parseEvaluateCommand values', () => {
  it('reads every option', async () => {
    const settings = await parseEvaluateCommand(
      [
        '--data',
        '../VOC2012',
        '--ids',
        'lists/ids.txt',
        '--limit',
        '10',
        '--skip-missing',
        '--max-pixels',
        '1000000',
        '--model',
        '/models/model.onnx',
        '--num-classes',
        '3',
        '--class-names',
        'background, cat ,dog',
        '--ignore-index',
        '3',
        '--label-map',
        '15:1,*:0',
        '--normalize',
        'tf',
        '--channel-order',
        'bgr',
        '--input-size',
        '513x257',
        '--resize',
        'pad',
        '--layout',
        'nchw',
        '--upsample',
        'classes',
        '--device',
        'cuda',
        '--threads',
        '4',
        '--backend',
        'wasm',
        '--threshold',
        '0.7',
        '--checks',
        'collapse.per-image=warn,threshold.miou=off',
        '--min-miou',
        '0.55',
        '--min-class-iou',
        '0.2',
        '--min-class-recall',
        '.3',
        '--baseline',
        'base/report.json',
        '--max-miou-drop',
        '0.02',
        '--max-class-iou-drop',
        '0.05',
        '--bootstrap-resamples',
        '200',
        '--bootstrap-seed',
        '7',
        '--dominant-class-share',
        '0.9',
        '--dominant-class-excess',
        '0.25',
        '--missing-classes-fail-fraction',
        '0.4',
        '--single-class-images-fail-fraction',
        '0.6',
        '--trivial-miou-margin',
        '0.1',
        '--interpolated-max-interior',
        '0.1',
        '--interpolated-min-between',
        '0.7',
        '--interpolated-min-pixels',
        '0',
        '--ignored-share-warn',
        '0.1',
        '--ignored-share-fail',
        '0.1',
        '--max-abs-logit',
        '2e3',
        '--constant-min-images',
        '2',
        '--report',
        'out/report.json',
        '--summary',
        'out/summary.md',
        '--save-predictions',
        'out/masks',
        '--progress',
        'lines',
        '--overlays',
        '5',
        '--overlays-dir',
        'out/overlays',
      ],
      CWD,
    );

    expect(settings).toEqual({
      data: {
        kind: 'voc',
        root: '/work/VOC2012',
        split: null,
        idsFile: '/work/project/lists/ids.txt',
      },
      limit: 10,
      skipMissing: true,
      model: '/models/model.onnx',
      predictions: null,
      numClasses: 3,
      classNames: ['background', 'cat', 'dog'],
      ignoreIndex: 3,
      labelMap: expect.objectContaining({ text: '15:1,*:0', fallback: 0 }) as unknown,
      input: {
        normalize: 'tf',
        channelOrder: 'bgr',
        inputSize: { width: 513, height: 257 },
        resize: 'pad',
        layout: 'nchw',
        upsample: 'classes',
        device: 'cuda',
        threads: 4,
        backend: 'wasm',
        threshold: 0.7,
      },
      checks: {
        levels: { 'collapse.per-image': 'warn', 'threshold.miou': 'off' },
        collapse: {
          dominantShare: 0.9,
          dominantExcess: 0.25,
          missingClassesFailFraction: 0.4,
          singleClassImagesFailFraction: 0.6,
          trivialMiouMargin: 0.1,
        },
        imageAnalysis: {
          maxInteriorFraction: 0.1,
          minBetweenFraction: 0.7,
          interpolatedMinPixels: 0,
          ignoredShareWarn: 0.1,
          ignoredShareFail: 0.1,
          maxAbsLogit: 2000,
          constantMinImages: 2,
          signatureSize: DEFAULT_IMAGE_ANALYSIS_OPTIONS.signatureSize,
        },
        thresholds: { minMiou: 0.55, minClassIou: 0.2, minClassRecall: 0.3, classes: {} },
        regression: {
          maxMiouDrop: 0.02,
          maxClassIouDrop: 0.05,
          resamples: 200,
          seed: 7,
          confidence: DEFAULT_REGRESSION_OPTIONS.confidence,
        },
      },
      baselinePath: '/work/project/base/report.json',
      maxPixels: 1_000_000,
      reportPath: '/work/project/out/report.json',
      summaryPath: '/work/project/out/summary.md',
      savePredictionsDir: '/work/project/out/masks',
      progress: 'lines',
      overlays: 5,
      overlaysDir: '/work/project/out/overlays',
      configPath: null,
    });
  });

  it('reads folders and predictions', async () => {
    const settings = await parseEvaluateCommand(
      ['--images', 'img', '--labels', 'lbl', '--predictions', 'pred'],
      CWD,
    );
    expect(settings.data).toEqual({
      kind: 'folders',
      imagesDir: '/work/project/img',
      labelsDir: '/work/project/lbl',
    });
    expect(settings.model).toBeNull();
    expect(settings.predictions).toBe('/work/project/pred');
  });

  it('reads a split name', async () => {
    const settings = await parseEvaluateCommand([...VOC_MODEL, '--split', 'train'], CWD);
    expect(settings.data).toEqual({
      kind: 'voc',
      root: '/work/project/VOC2012',
      split: 'train',
      idsFile: null,
    });
  });
});

/** Settings without a flag; `parse-evaluate-gate.test.ts` covers them through a config file. */
type ConfigOnlyKey = 'classThresholds';

/**
 * Arguments that change one setting away from its default. The mapped type makes a new setting
 * fail to compile here until it has an entry, and the test fails if its value never reaches
 * `EvaluateSettings`.
 */
const CHANGED_ARGS: {
  readonly [K in Exclude<keyof EvaluateOptionValues, ConfigOnlyKey>]-?: readonly string[];
} = {
  data: ['--data', 'other', '--model', 'model.onnx'],
  split: [...VOC_MODEL, '--split', 'train'],
  ids: [...VOC_MODEL, '--ids', 'ids.txt'],
  images: ['--images', 'i', '--labels', 'l', '--model', 'model.onnx'],
  labels: ['--images', 'i', '--labels', 'l', '--model', 'model.onnx'],
  limit: [...VOC_MODEL, '--limit', '3'],
  skipMissing: [...VOC_MODEL, '--skip-missing'],
  maxPixels: [...VOC_MODEL, '--max-pixels', '100'],
  model: ['--data', 'VOC2012', '--model', 'other.onnx'],
  predictions: ['--data', 'VOC2012', '--predictions', 'masks'],
  numClasses: [...VOC_MODEL, '--num-classes', '3'],
  classNames: [...VOC_MODEL, '--class-names', ['bg', ...VOC_CLASS_NAMES.slice(1)].join(',')],
  ignoreIndex: [...VOC_MODEL, '--ignore-index', '254'],
  labelMap: [...VOC_MODEL, '--label-map', '15:1'],
  normalize: [...VOC_MODEL, '--normalize', 'tf'],
  channelOrder: [...VOC_MODEL, '--channel-order', 'bgr'],
  inputSize: [...VOC_MODEL, '--input-size', '513x513'],
  resize: [...VOC_MODEL, '--resize', 'pad'],
  layout: [...VOC_MODEL, '--layout', 'nhwc'],
  upsample: [...VOC_MODEL, '--upsample', 'classes'],
  device: [...VOC_MODEL, '--device', 'cuda'],
  threads: [...VOC_MODEL, '--threads', '2'],
  backend: [...VOC_MODEL, '--backend', 'cpu'],
  threshold: [...VOC_MODEL, '--threshold', '0.3'],
  checks: [...VOC_MODEL, '--checks', 'regression.miou=warn'],
  minMiou: [...VOC_MODEL, '--min-miou', '0.5'],
  minClassIou: [...VOC_MODEL, '--min-class-iou', '0.5'],
  minClassRecall: [...VOC_MODEL, '--min-class-recall', '0.5'],
  baseline: [...VOC_MODEL, '--baseline', 'base.json'],
  maxMiouDrop: [...VOC_MODEL, '--max-miou-drop', '0.5'],
  maxClassIouDrop: [...VOC_MODEL, '--max-class-iou-drop', '0.5'],
  bootstrapResamples: [...VOC_MODEL, '--bootstrap-resamples', '10'],
  bootstrapSeed: [...VOC_MODEL, '--bootstrap-seed', '1'],
  dominantClassShare: [...VOC_MODEL, '--dominant-class-share', '0.5'],
  dominantClassExcess: [...VOC_MODEL, '--dominant-class-excess', '0.5'],
  missingClassesFailFraction: [...VOC_MODEL, '--missing-classes-fail-fraction', '0.9'],
  singleClassImagesFailFraction: [...VOC_MODEL, '--single-class-images-fail-fraction', '0.9'],
  trivialMiouMargin: [...VOC_MODEL, '--trivial-miou-margin', '0.5'],
  interpolatedMaxInterior: [...VOC_MODEL, '--interpolated-max-interior', '0.5'],
  interpolatedMinBetween: [...VOC_MODEL, '--interpolated-min-between', '0.9'],
  interpolatedMinPixels: [...VOC_MODEL, '--interpolated-min-pixels', '5'],
  ignoredShareWarn: [...VOC_MODEL, '--ignored-share-warn', '0.1'],
  ignoredShareFail: [...VOC_MODEL, '--ignored-share-fail', '0.9'],
  maxAbsLogit: [...VOC_MODEL, '--max-abs-logit', '10'],
  constantMinImages: [...VOC_MODEL, '--constant-min-images', '5'],
  report: [...VOC_MODEL, '--report', 'report.json'],
  summary: [...VOC_MODEL, '--summary', 'summary.md'],
  savePredictions: [...VOC_MODEL, '--save-predictions', 'out'],
  progress: [...VOC_MODEL, '--progress', 'off'],
  overlays: [...VOC_MODEL, '--overlays', '3', '--overlays-dir', 'o'],
  overlaysDir: [...VOC_MODEL, '--overlays-dir', 'o'],
};

describe('parseEvaluateCommand settings coverage', () => {
  it.each(Object.entries(CHANGED_ARGS))('%s reaches the settings', async (_key, argv) => {
    const defaults = await parseEvaluateCommand(VOC_MODEL, CWD);
    const changed = await parseEvaluateCommand(argv, CWD);
    expect(changed).not.toEqual(defaults);
  });
});

describe('parseEvaluateCommand value errors', () => {
  it.each([
    ['--num-classes', '3.5'],
    ['--num-classes', 'abc'],
    ['--num-classes', '-1'],
    ['--num-classes', '1'],
    ['--num-classes', '256'],
    ['--ignore-index', '256'],
    ['--limit', '0'],
    ['--threads', '2.0'],
    ['--max-pixels', '5e7'],
    ['--normalize', 'keras'],
    ['--channel-order', 'gbr'],
    ['--resize', 'crop'],
    ['--layout', 'NCHW'],
    ['--upsample', 'nearest'],
    ['--device', 'gpu'],
    ['--progress', 'quiet'],
    ['--input-size', '513'],
    ['--split', '../train'],
    ['--class-names', '@'],
    ['--label-map', '15'],
    ['--label-map', '300:1'],
    ['--backend', 'webgl'],
    ['--threshold', '0'],
    ['--threshold', '1'],
    ['--threshold', 'abc'],
    ['--checks', 'collapse.per-image'],
    ['--checks', 'collapse.per-image=loud'],
    ['--min-miou', '1.5'],
    ['--min-miou', '-0.1'],
    ['--min-class-iou', '1e'],
    ['--min-class-recall', '0.5.1'],
    ['--max-miou-drop', 'NaN'],
    ['--max-class-iou-drop', 'Infinity'],
    ['--bootstrap-resamples', '0'],
    ['--bootstrap-seed', '4294967296'],
    ['--dominant-class-share', ''],
    ['--dominant-class-excess', '2'],
    ['--missing-classes-fail-fraction', '1.01'],
    ['--single-class-images-fail-fraction', '-1'],
    ['--trivial-miou-margin', '0x1'],
    ['--interpolated-max-interior', '1.'],
    ['--interpolated-min-between', '+0.5'],
    ['--interpolated-min-pixels', '-1'],
    ['--ignored-share-warn', '1e999'],
    ['--ignored-share-fail', ' 0.5'],
    ['--max-abs-logit', '0'],
    ['--constant-min-images', '1'],
    ['--overlays', '-1'],
    ['--baseline', ''],
    ['--overlays-dir', ''],
  ])('rejects %s %s', async (flag, value) => {
    const message = await usageMessage([...VOC_MODEL, flag, value]);
    expect(message).toMatch(
      new RegExp(`^Invalid value for ${flag}: expected .+, received ".*"\\.$`),
    );
  });

  it('locks the value messages', async () => {
    expect(await usageMessage([...VOC_MODEL, '--num-classes', '3.5'])).toMatchInlineSnapshot(
      `"Invalid value for --num-classes: expected an integer from 2 to 255, received "3.5"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--limit', '-2'])).toMatchInlineSnapshot(
      `"Invalid value for --limit: expected an integer of at least 1, received "-2"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--normalize', 'keras'])).toMatchInlineSnapshot(
      `"Invalid value for --normalize: expected one of tf, torch, caffe, unit, none, received "keras"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--progress', 'quiet'])).toMatchInlineSnapshot(
      `"Invalid value for --progress: expected one of auto, bar, lines, off, received "quiet"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--input-size', '513'])).toMatchInlineSnapshot(
      `"Invalid value for --input-size: expected WIDTHxHEIGHT in pixels, both at least 1, for example 513x513, received "513"."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--data', ''])).toMatchInlineSnapshot(
      `"Invalid value for --data: expected a folder path, received ""."`,
    );
  });
});

describe('parseEvaluateCommand class errors', () => {
  it('gives both counts when names and classes differ', async () => {
    expect(await usageMessage([...VOC_MODEL, '--class-names', 'a,b,c'])).toMatchInlineSnapshot(
      `"--class-names lists 3 names but --num-classes is 21 (the default): give one name for each class id 0..20 in id order, or set the class count to 3."`,
    );
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '2', '--class-names', 'a,b,c']),
    ).toMatchInlineSnapshot(
      `"--class-names lists 3 names but --num-classes is 2: give one name for each class id 0..1 in id order, or set the class count to 3."`,
    );
  });

  it('rejects duplicate and empty names', async () => {
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '3', '--class-names', 'bg,cat,cat']),
    ).toMatchInlineSnapshot(
      `"--class-names contains "cat" twice, at ids 1 and 2: class names must be unique so that per-class results can be told apart."`,
    );
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '3', '--class-names', 'bg,,cat']),
    ).toMatchInlineSnapshot(
      `"--class-names has an empty name at id 1: remove the extra comma or give the class a name."`,
    );
  });

  it('rejects an ignore index inside the class ids', async () => {
    expect(await usageMessage([...VOC_MODEL, '--ignore-index', '0'])).toMatchInlineSnapshot(
      `"--ignore-index is 0, but class ids run from 0 to 20 because --num-classes is 21 (the default). Pixels of class 0 would be left out of scoring, so give an ignore index of at least 21 (VOC labels use 255) or lower the class count."`,
    );
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '5', '--ignore-index', '4']),
    ).toMatchInlineSnapshot(
      `"--ignore-index is 4, but class ids run from 0 to 4 because --num-classes is 5. Pixels of class 4 would be left out of scoring, so give an ignore index of at least 5 (VOC labels use 255) or lower the class count."`,
    );
  });

  it('accepts ignore index equal to count', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--num-classes', '5', '--ignore-index', '5'],
      CWD,
    );
    expect(settings.ignoreIndex).toBe(5);
  });
});

describe('parseEvaluateCommand combination errors', () => {
  it('rejects two datasets', async () => {
    expect(
      await usageMessage(['--data', 'd', '--images', 'i', '--labels', 'l', '--model', 'm']),
    ).toMatchInlineSnapshot(
      `"--data and --images cannot be used together: give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain folders."`,
    );
    expect(
      await usageMessage(['--images', 'i', '--labels', 'l', '--ids', 'ids.txt', '--model', 'm']),
    ).toMatchInlineSnapshot(
      `"--ids and --images cannot be used together: give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain folders."`,
    );
  });

  it('rejects split with ids', async () => {
    expect(
      await usageMessage(['--data', 'd', '--split', 'val', '--ids', 'ids.txt', '--model', 'm']),
    ).toMatchInlineSnapshot(
      `"--split and --ids cannot be used together: both pick the ids to evaluate, so give --split NAME for ImageSets/Segmentation/NAME.txt or --ids FILE for a list of your own."`,
    );
  });

  it('rejects model with predictions', async () => {
    expect(
      await usageMessage(['--data', 'd', '--model', 'm', '--predictions', 'p']),
    ).toMatchInlineSnapshot(
      `"--model and --predictions cannot be used together: give --model FILE to run a model, or --predictions DIR to score saved prediction masks."`,
    );
  });

  it('rejects a missing model or dataset', async () => {
    expect(await usageMessage(['--data', 'd'])).toMatchInlineSnapshot(
      `"Missing model: give --model FILE to run a model, or --predictions DIR to score saved prediction masks."`,
    );
    expect(await usageMessage(['--model', 'm'])).toMatchInlineSnapshot(
      `"Missing dataset: give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain folders."`,
    );
  });

  it('rejects half a folder pair', async () => {
    expect(await usageMessage(['--images', 'i', '--model', 'm'])).toMatchInlineSnapshot(
      `"--images needs --labels: give --labels DIR, the folder of label masks for the images in /work/project/i."`,
    );
    expect(await usageMessage(['--labels', 'l', '--model', 'm'])).toMatchInlineSnapshot(
      `"--labels needs --images: give --images DIR, the folder of images for the label masks in /work/project/l."`,
    );
  });

  it('rejects split or ids without data', async () => {
    expect(await usageMessage(['--split', 'val', '--model', 'm'])).toMatchInlineSnapshot(
      `"--split needs --data: give --data DIR, the VOC-layout root that contains ImageSets/Segmentation/."`,
    );
    expect(await usageMessage(['--ids', 'ids.txt', '--model', 'm'])).toMatchInlineSnapshot(
      `"--ids needs --data: give --data DIR, the VOC-layout root that contains ImageSets/Segmentation/."`,
    );
  });
});

describe('parseEvaluateCommand commander errors', () => {
  it('turns commander errors into usage errors', async () => {
    expect(await usageMessage([...VOC_MODEL, '--num-clases', '3'])).toMatchInlineSnapshot(
      `"Unknown option '--num-clases'. Did you mean --num-classes? Run seg-gate evaluate --help to see the options."`,
    );
    expect(await usageMessage([...VOC_MODEL, '--limit'])).toMatchInlineSnapshot(
      `"Option '--limit <n>' argument missing. Run seg-gate evaluate --help to see the options."`,
    );
    expect(await usageMessage([...VOC_MODEL, 'extra'])).toMatchInlineSnapshot(
      `"Too many arguments for 'evaluate'. Expected 0 arguments but got 1. Run seg-gate evaluate --help to see the options."`,
    );
  });

  it('rejects --help, which prints text instead of settings', async () => {
    expect(await usageMessage(['--help'])).toMatchInlineSnapshot(
      `"--help and --version print text instead of settings: leave them out."`,
    );
  });
});

describe('parseEvaluateCommand files', () => {
  let temp: TempDir;
  beforeEach(async () => {
    temp = await createTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('@FILE resolves against cwd', async () => {
    await temp.write('lists/names.txt', 'background  \n\n  person\t\r\n\ncat\n\n');
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--num-classes', '3', '--class-names', '@lists/names.txt'],
      temp.path,
    );
    expect(settings.classNames).toEqual(['background', 'person', 'cat']);
  });

  it('names the class names file in a count error', async () => {
    await temp.write('names.txt', 'a\nb\n');
    const message = await usageMessage([...VOC_MODEL, '--class-names', '@names.txt'], temp.path);
    expect(temp.mask(message)).toMatchInlineSnapshot(
      `"--class-names (file <tmp>/names.txt) lists 2 names but --num-classes is 21 (the default): give one name for each class id 0..20 in id order, or set the class count to 2."`,
    );
  });

  it('reports a missing class names file as an input error', async () => {
    const error = await rejectionOf(
      parseEvaluateCommand([...VOC_MODEL, '--class-names', '@absent.txt'], temp.path),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(
      `"Cannot read the class names file <tmp>/absent.txt given by --class-names: ENOENT: no such file or directory, open '<tmp>/absent.txt'. Give @FILE as a readable text file with one class name per line."`,
    );
  });

  it('command line overrides config file', async () => {
    const config = await temp.write(
      'configs/seg-gate.yml',
      [
        'data: ../VOC2012',
        'split: train',
        'model: models/a.onnx',
        'numClasses: 3',
        'classNames: [bg, cat, dog]',
        'normalize: caffe',
        'threads: 2',
        'skipMissing: true',
        'progress: off',
      ].join('\n'),
    );

    const settings = await parseEvaluateCommand(
      ['--config', config, '--predictions', 'preds', '--threads', '8', '--no-skip-missing'],
      '/work/project',
    );

    expect(settings.configPath).toBe(config);
    expect(settings.data).toEqual({
      kind: 'voc',
      root: `${temp.path}/VOC2012`,
      split: 'train',
      idsFile: null,
    });
    expect(settings.model).toBeNull();
    expect(settings.predictions).toBe('/work/project/preds');
    expect(settings.numClasses).toBe(3);
    expect(settings.classNames).toEqual(['bg', 'cat', 'dog']);
    expect(settings.input.normalize).toBe('caffe');
    expect(settings.input.channelOrder).toBe('bgr');
    expect(settings.input.threads).toBe(8);
    expect(settings.skipMissing).toBe(false);
    expect(settings.progress).toBe('off');
  });

  it('relative --config resolves against cwd', async () => {
    await temp.write('seg-gate.json', JSON.stringify({ data: 'voc', model: 'm.onnx' }));
    const settings = await parseEvaluateCommand(['--config', 'seg-gate.json'], temp.path);
    expect(settings.configPath).toBe(`${temp.path}/seg-gate.json`);
    expect(settings.data).toMatchObject({ root: `${temp.path}/voc` });
    expect(settings.model).toBe(`${temp.path}/m.onnx`);
  });

  it('config @FILE resolves against its folder', async () => {
    await temp.write('configs/names.txt', 'bg\nfg\n');
    const config = await temp.write(
      'configs/seg-gate.yaml',
      'data: voc\npredictions: p\nnumClasses: 2\nclassNames: "@names.txt"\n',
    );
    const settings = await parseEvaluateCommand(['--config', config], '/elsewhere');
    expect(settings.classNames).toEqual(['bg', 'fg']);
  });

  it('replaces config folders with --data', async () => {
    const config = await temp.write('seg-gate.yml', 'images: img\nlabels: lbl\nmodel: m.onnx\n');
    const settings = await parseEvaluateCommand(['--config', config, '--data', 'voc'], CWD);
    expect(settings.data).toEqual({
      kind: 'voc',
      root: '/work/project/voc',
      split: 'val',
      idsFile: null,
    });
  });

  it('names config keys in combination errors', async () => {
    const config = await temp.write(
      'seg-gate.yml',
      'data: voc\nmodel: m.onnx\nnumClasses: 4\nignoreIndex: 2\n',
    );
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(
      `"ignoreIndex in <tmp>/seg-gate.yml is 2, but class ids run from 0 to 3 because numClasses in <tmp>/seg-gate.yml is 4. Pixels of class 2 would be left out of scoring, so give an ignore index of at least 4 (VOC labels use 255) or lower the class count."`,
    );
    expect(
      temp.mask(
        await usageMessage(['--config', config, '--num-classes', '2', '--class-names', 'a,b,c']),
      ),
    ).toMatchInlineSnapshot(
      `"--class-names lists 3 names but --num-classes is 2: give one name for each class id 0..1 in id order, or set the class count to 3."`,
    );
  });

  it('reports config conflicts within the file', async () => {
    const config = await temp.write('seg-gate.json', '{"data":"v","images":"i","model":"m"}');
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(
      `"data and images in <tmp>/seg-gate.json cannot be used together: give --data DIR for a VOC-layout dataset, or --images DIR with --labels DIR for plain folders."`,
    );
  });

  it('reports every config violation at once', async () => {
    const config = await temp.write(
      'seg-gate.yml',
      'numClasses: "21"\nlimit: 0\nlayout: NHWC\nmaxPixel: 10\n',
    );
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot(`
      "Invalid config file <tmp>/seg-gate.yml (4 problems):
        /maxPixel: unknown key (did you mean maxPixels?)
        /limit: must be >= 1
        /numClasses: must be integer
        /layout: must be one of auto, nhwc, nchw
        Known keys: data, split, ids, images, labels, limit, skipMissing, maxPixels, model, predictions, numClasses, classNames, ignoreIndex, labelMap, normalize, channelOrder, inputSize, resize, layout, upsample, device, threads, backend, threshold, checks, classThresholds, minMiou, minClassIou, minClassRecall, baseline, maxMiouDrop, maxClassIouDrop, bootstrapResamples, bootstrapSeed, dominantClassShare, dominantClassExcess, missingClassesFailFraction, singleClassImagesFailFraction, trivialMiouMargin, interpolatedMaxInterior, interpolatedMinBetween, interpolatedMinPixels, ignoredShareWarn, ignoredShareFail, maxAbsLogit, constantMinImages, report, summary, savePredictions, progress, overlays, overlaysDir.
      Fix these keys or remove them; \`seg-gate evaluate --help\` describes every setting."
    `);
  });

  it('rejects an unsupported config extension', async () => {
    expect(await usageMessage(['--config', 'seg-gate.toml'])).toMatchInlineSnapshot(
      `"Invalid value for --config: expected a file ending in .json, .yml or .yaml, received "/work/project/seg-gate.toml"."`,
    );
  });

  it('reports a missing config file as an input error', async () => {
    const error = await rejectionOf(parseEvaluateCommand(['--config', 'absent.yml'], temp.path));
    expect(error).toBeInstanceOf(InputError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot(
      `"Cannot read config file <tmp>/absent.yml: ENOENT: no such file or directory, open '<tmp>/absent.yml'. Check the path given to --config."`,
    );
  });
});
