import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parseEvaluateCommand } from '../../../src/cli/program.js';
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
      input: {
        normalize: null,
        channelOrder: 'rgb',
        inputSize: null,
        resize: 'stretch',
        layout: 'auto',
        upsample: 'logits',
        device: 'cpu',
        threads: null,
      },
      maxPixels: 50_000_000,
      reportPath: null,
      summaryPath: null,
      savePredictionsDir: null,
      progress: 'auto',
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
        '--report',
        'out/report.json',
        '--summary',
        'out/summary.md',
        '--save-predictions',
        'out/masks',
        '--progress',
        'lines',
      ],
      CWD,
    );

    expect(settings).toEqual({
      data: { kind: 'voc', root: '/work/VOC2012', split: null, idsFile: '/work/project/lists/ids.txt' },
      limit: 10,
      skipMissing: true,
      model: '/models/model.onnx',
      predictions: null,
      numClasses: 3,
      classNames: ['background', 'cat', 'dog'],
      ignoreIndex: 3,
      input: {
        normalize: 'tf',
        channelOrder: 'bgr',
        inputSize: { width: 513, height: 257 },
        resize: 'pad',
        layout: 'nchw',
        upsample: 'classes',
        device: 'cuda',
        threads: 4,
      },
      maxPixels: 1_000_000,
      reportPath: '/work/project/out/report.json',
      summaryPath: '/work/project/out/summary.md',
      savePredictionsDir: '/work/project/out/masks',
      progress: 'lines',
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
  ])('rejects %s %s', async (flag, value) => {
    const message = await usageMessage([...VOC_MODEL, flag, value]);
    expect(message).toMatch(new RegExp(`^Invalid value for ${flag}: expected .+, received ".*"\\.$`));
  });

  it('locks the value messages', async () => {
    expect(await usageMessage([...VOC_MODEL, '--num-classes', '3.5'])).toMatchInlineSnapshot();
    expect(await usageMessage([...VOC_MODEL, '--limit', '-2'])).toMatchInlineSnapshot();
    expect(await usageMessage([...VOC_MODEL, '--normalize', 'keras'])).toMatchInlineSnapshot();
    expect(await usageMessage([...VOC_MODEL, '--progress', 'quiet'])).toMatchInlineSnapshot();
    expect(await usageMessage([...VOC_MODEL, '--input-size', '513'])).toMatchInlineSnapshot();
    expect(await usageMessage([...VOC_MODEL, '--data', ''])).toMatchInlineSnapshot();
  });
});

describe('parseEvaluateCommand class errors', () => {
  it('gives both counts when names and classes differ', async () => {
    expect(await usageMessage([...VOC_MODEL, '--class-names', 'a,b,c'])).toMatchInlineSnapshot();
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '2', '--class-names', 'a,b,c']),
    ).toMatchInlineSnapshot();
  });

  it('rejects duplicate and empty names', async () => {
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '3', '--class-names', 'bg,cat,cat']),
    ).toMatchInlineSnapshot();
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '3', '--class-names', 'bg,,cat']),
    ).toMatchInlineSnapshot();
  });

  it('rejects an ignore index inside the class ids', async () => {
    expect(await usageMessage([...VOC_MODEL, '--ignore-index', '0'])).toMatchInlineSnapshot();
    expect(
      await usageMessage([...VOC_MODEL, '--num-classes', '5', '--ignore-index', '4']),
    ).toMatchInlineSnapshot();
  });

  it('accepts an ignore index equal to the class count', async () => {
    const settings = await parseEvaluateCommand(
      [...VOC_MODEL, '--num-classes', '5', '--ignore-index', '5'],
      CWD,
    );
    expect(settings.ignoreIndex).toBe(5);
  });
});

describe('parseEvaluateCommand combination errors', () => {
  it.each([
    ['data with images', ['--data', 'd', '--images', 'i', '--labels', 'l', '--model', 'm']],
    ['split with ids', ['--data', 'd', '--split', 'val', '--ids', 'ids.txt', '--model', 'm']],
    ['ids with folders', ['--images', 'i', '--labels', 'l', '--ids', 'ids.txt', '--model', 'm']],
    ['model with predictions', ['--data', 'd', '--model', 'm', '--predictions', 'p']],
    ['no model', ['--data', 'd']],
    ['no dataset', ['--model', 'm']],
    ['images without labels', ['--images', 'i', '--model', 'm']],
    ['labels without images', ['--labels', 'l', '--model', 'm']],
    ['split without data', ['--split', 'val', '--model', 'm']],
    ['ids without data', ['--ids', 'ids.txt', '--model', 'm']],
  ])('rejects %s', async (_name, argv) => {
    expect(await usageMessage(argv)).toMatchSnapshot();
  });
});

describe('parseEvaluateCommand commander errors', () => {
  it('turns commander errors into usage errors', async () => {
    expect(await usageMessage([...VOC_MODEL, '--num-clases', '3'])).toMatchInlineSnapshot();
    expect(await usageMessage([...VOC_MODEL, '--limit'])).toMatchInlineSnapshot();
    expect(await usageMessage([...VOC_MODEL, 'extra'])).toMatchInlineSnapshot();
  });

  it('rejects --help, which prints text instead of settings', async () => {
    expect(await usageMessage(['--help'])).toMatchInlineSnapshot();
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

  it('reads @FILE class names relative to the working folder', async () => {
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
    expect(temp.mask(message)).toMatchInlineSnapshot();
  });

  it('reports a missing class names file as an input error', async () => {
    const error = await rejectionOf(
      parseEvaluateCommand([...VOC_MODEL, '--class-names', '@absent.txt'], temp.path),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot();
  });

  it('lets the command line override the config file', async () => {
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

  it('resolves a relative --config against the working folder', async () => {
    await temp.write('seg-gate.json', JSON.stringify({ data: 'voc', model: 'm.onnx' }));
    const settings = await parseEvaluateCommand(['--config', 'seg-gate.json'], temp.path);
    expect(settings.configPath).toBe(`${temp.path}/seg-gate.json`);
    expect(settings.data).toMatchObject({ root: `${temp.path}/voc` });
    expect(settings.model).toBe(`${temp.path}/m.onnx`);
  });

  it('reads @FILE class names relative to the config file', async () => {
    await temp.write('configs/names.txt', 'bg\nfg\n');
    const config = await temp.write(
      'configs/seg-gate.yaml',
      'data: voc\npredictions: p\nnumClasses: 2\nclassNames: "@names.txt"\n',
    );
    const settings = await parseEvaluateCommand(['--config', config], '/elsewhere');
    expect(settings.classNames).toEqual(['bg', 'fg']);
  });

  it('replaces config folders with --data', async () => {
    const config = await temp.write(
      'seg-gate.yml',
      'images: img\nlabels: lbl\nmodel: m.onnx\n',
    );
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
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot();
    expect(
      temp.mask(await usageMessage(['--config', config, '--num-classes', '2', '--class-names', 'a,b,c'])),
    ).toMatchInlineSnapshot();
  });

  it('reports config conflicts within the file', async () => {
    const config = await temp.write('seg-gate.json', '{"data":"v","images":"i","model":"m"}');
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot();
  });

  it('reports every config violation at once', async () => {
    const config = await temp.write(
      'seg-gate.yml',
      'numClasses: "21"\nlimit: 0\nlayout: NHWC\nmaxPixel: 10\n',
    );
    expect(temp.mask(await usageMessage(['--config', config]))).toMatchInlineSnapshot();
  });

  it('rejects an unsupported config extension', async () => {
    expect(await usageMessage(['--config', 'seg-gate.toml'])).toMatchInlineSnapshot();
  });

  it('reports a missing config file as an input error', async () => {
    const error = await rejectionOf(parseEvaluateCommand(['--config', 'absent.yml'], temp.path));
    expect(error).toBeInstanceOf(InputError);
    expect(temp.mask(error.message)).toMatchInlineSnapshot();
  });
});
